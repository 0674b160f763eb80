/*===- main.c - main() of programs built by `wasm-aot build` -----*- C -*-===*
 *
 * Runs the one module a built program carries as a WASI command: collects
 * the grants (baked and from WASM_AOT_GRANTS), creates the WASI context,
 * binds the imports, instantiates, calls `_start`. The guest's argv is the
 * program's argv; its exit status is the process's.
 *
 * Exit status (docs/cli.md): the guest's proc_exit status, 0 when _start
 * returns, 134 after a trap (reported on stderr), 125 when the program
 * cannot start (bad grants, a directory that cannot be opened, a module
 * that does not link).
 *===----------------------------------------------------------------------===*/
#include "main/grants.h"
#include "platform/platform.h"

#include "wasm-aot/build_config.h"
#include "wasm-aot/runtime.h"
#include "wasm-aot/wasi.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

enum {
  EXIT_TRAP = 134,     /* as a shell reports an abort (128 + SIGABRT) */
  EXIT_NO_START = 125, /* the program could not start */
};

static const char *program = "wasm-aot-program";

static int cannot_start(const char *format, const char *detail) {
  fprintf(stderr, "%s: error: ", program);
  fprintf(stderr, format, detail);
  fputc('\n', stderr);
  return EXIT_NO_START;
}

/* A socket listening on "ADDR:PORT" (IPv4, or [IPv6]); -1 on failure. */
static int open_listener(const char *spec) {
  const char *colon = strrchr(spec, ':');
  char address[64];
  size_t length = (size_t)(colon - spec);
  if (length >= sizeof address)
    return -1;
  memcpy(address, spec, length);
  address[length] = '\0';
  char *end;
  long port = strtol(colon + 1, &end, 10);
  if (*end != '\0' || end == colon + 1 || port < 0 || port > 65535)
    return -1;

  struct sockaddr_storage storage;
  memset(&storage, 0, sizeof storage);
  socklen_t size;
  int family;
  if (address[0] == '[' && length >= 2 && address[length - 1] == ']') {
    address[length - 1] = '\0';
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&storage;
    if (inet_pton(AF_INET6, address + 1, &in6->sin6_addr) != 1)
      return -1;
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons((uint16_t)port);
    family = AF_INET6;
    size = sizeof *in6;
  } else {
    struct sockaddr_in *in4 = (struct sockaddr_in *)&storage;
    if (inet_pton(AF_INET, address, &in4->sin_addr) != 1)
      return -1;
    in4->sin_family = AF_INET;
    in4->sin_port = htons((uint16_t)port);
    family = AF_INET;
    size = sizeof *in4;
  }
  int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return -1;
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(fd, (struct sockaddr *)&storage, size) != 0 ||
      listen(fd, 128) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

/* The import without a provider that the guest called last, named in the
 * trap message (such a call has no site in compiled code to report). */
static const wa_import *unknown_called;

/* What an import nothing provides does when the build allowed it. */
static uint32_t unknown_import(void *env, wa_value *values) {
  (void)values;
  unknown_called = env;
  return WA_TRAP_UnknownImport;
}

/* "<program>: trap: <message> in function N (name) at offset 0xOFF". */
static void report_trap(const wa_module *module, uint32_t code) {
  fprintf(stderr, "%s: trap: %s", program, wa_trap_message(code));
  if (code == WA_TRAP_UnknownImport && unknown_called != NULL)
    fprintf(stderr, " (\"%.*s\".\"%.*s\")",
            (int)unknown_called->module_len, unknown_called->module,
            (int)unknown_called->name_len, unknown_called->name);
  wa_trap_site site;
  if (wa_last_trap_site(module, &site) && site.has_function) {
    fprintf(stderr, " in function %u", site.func);
    if (site.name != NULL)
      fprintf(stderr, " (%s)", site.name);
    if (site.has_offset)
      fprintf(stderr, " at offset 0x%x", site.offset);
  }
  fputc('\n', stderr);
}

/* Stack for compiled code: most of what the main thread may grow to, so
 * deep guest recursion behaves as the host's stack limit says. */
static size_t stack_budget(void) {
  const size_t reserve = (size_t)1 << 20; /* for the runtime and libc */
  const size_t cap = (size_t)256 << 20;
  struct rlimit limit;
  if (getrlimit(RLIMIT_STACK, &limit) != 0 ||
      limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur > cap)
    return cap;
  if (limit.rlim_cur <= 2 * reserve)
    return 0; /* the runtime's default */
  return (size_t)limit.rlim_cur - reserve;
}

/* What run() needs: the program's arguments and what it may use. */
typedef struct run_args {
  int argc;
  char **argv;
  const wa_build_config *config;
  wa_grants *grants;
  uintptr_t stack_low; /* the lowest usable address of run()'s stack */
  int status;          /* run()'s exit status */
} run_args;

/* The deadline (--timeout): a thread that sleeps, then interrupts the
 * store. Interruptible code stops at its next call or loop iteration; the
 * process ends when the program does, thread or not. */
typedef struct deadline {
  wa_store *store;
  uint64_t ns;
} deadline;

static void *deadline_thread(void *p) {
  deadline *d = (deadline *)p;
  struct timespec left = {(time_t)(d->ns / 1000000000u),
                          (long)(d->ns % 1000000000u)};
  while (nanosleep(&left, &left) != 0 && errno == EINTR) {
  }
  wa_store_interrupt(d->store);
  return NULL;
}

static int run(run_args *args);

/* The low end of the calling thread's stack, for the runtime's stack limit
 * (platform.h): known on the thread run() runs on, whose stack main()
 * maps; 0 (unknown) elsewhere. Defining it here keeps the runtime's own
 * version, which asks glibc's pthread_getattr_np and so links in scanf,
 * out of every program (runtime/platform/posix/stack_low.c). */
static _Thread_local uintptr_t run_stack_low;

uintptr_t wa_plat_stack_low(void) { return run_stack_low; }

static void *run_thread(void *p) {
  run_args *args = (run_args *)p;
  run_stack_low = args->stack_low;
  args->status = run(args);
  return NULL;
}

/* Runs run() on a thread with `usable` bytes of stack above a guard
 * region, mapped here so that its bounds are exact; fewer if `shrinkable`
 * and the system refuses that many. */
static int run_on_own_stack(run_args *args, size_t usable, bool shrinkable) {
  const size_t guard = (size_t)64 << 10;
  long page = sysconf(_SC_PAGESIZE);
  size_t align = page > 0 ? (size_t)page : 4096;
  if (usable > SIZE_MAX - guard - align)
    return cannot_start("cannot map a stack for %s", "--stack-size");
  usable = (usable + align - 1) / align * align;
  /* An address-space limit (ulimit -v) may refuse a large default stack
   * the guest would never use; a smaller one is as safe, since the
   * runtime's stack limit never goes below the stack's real low end. A
   * size asked for (--stack-size) is given or refused. */
  const size_t smallest = (size_t)2 << 20;
  char *base;
  while ((base = mmap(NULL, guard + usable, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK,
                      -1, 0)) == MAP_FAILED) {
    if (!shrinkable || usable <= smallest)
      return cannot_start("cannot map the program's stack%s", "");
    usable = usable / 2 / align * align;
    if (usable < smallest)
      usable = smallest;
  }
  if (mprotect(base, guard, PROT_NONE) != 0)
    return cannot_start("cannot protect the stack's guard region%s", "");
  args->stack_low = (uintptr_t)(base + guard);
  pthread_attr_t attr;
  pthread_t thread;
  if (pthread_attr_init(&attr) != 0 ||
      pthread_attr_setstack(&attr, base + guard, usable) != 0 ||
      pthread_create(&thread, &attr, run_thread, args) != 0)
    return cannot_start("cannot start the program's thread%s", "");
  pthread_join(thread, NULL);
  return args->status;
}

int main(int argc, char **argv) {
  if (argc > 0 && argv[0] != NULL && argv[0][0] != '\0') {
    const char *slash = strrchr(argv[0], '/');
    program = slash ? slash + 1 : argv[0];
  }
  const wa_build_config *config = &wasm_aot_build_config;
  if (config->version != WA_BUILD_CONFIG_VERSION)
    return cannot_start("build configuration version mismatch%s", "");

  char why[512];
  wa_grants grants;
  if (!wa_grants_collect(config, getenv(WA_GRANTS_VARIABLE), &grants, why,
                         sizeof why))
    return cannot_start("%s", why);

  run_args args = {argc, argv, config, &grants, 0, 0};
  /* The program runs on a thread of its own with as much stack as the
   * guest may use (--stack-size, or what the main thread would give it),
   * plus room for the runtime and libc. */
  const size_t reserve = (size_t)1 << 20;
  uint64_t budget = grants.stack_size;
  if (budget == 0)
    budget = stack_budget();
  if (budget == 0) {
    wa_store_limits defaults;
    wa_store_limits_default(&defaults);
    budget = defaults.stack_budget;
  }
  if (budget > SIZE_MAX - reserve)
    return cannot_start("cannot map a stack for %s", "--stack-size");
  return run_on_own_stack(&args, (size_t)budget + reserve,
                          grants.stack_size == 0);
}

static int run(run_args *args) {
  int argc = args->argc;
  char **argv = args->argv;
  const wa_build_config *config = args->config;
  const wa_module *module = config->module;
  wa_grants grants = *args->grants;
  size_t env_count;
  const char **env = wa_grants_environment(&grants, environ, &env_count);
  if (env == NULL)
    return cannot_start("out of memory%s", "");

  wa_wasi_socket *sockets =
      calloc(grants.listen_count + 1, sizeof *sockets);
  if (sockets == NULL)
    return cannot_start("out of memory%s", "");
  for (size_t i = 0; i < grants.listen_count; ++i) {
    sockets[i].host_fd = open_listener(grants.listen[i]);
    if (sockets[i].host_fd < 0)
      return cannot_start("cannot listen on --tcplisten %s", grants.listen[i]);
  }

  wa_store_limits limits;
  wa_store_limits_default(&limits);
  size_t budget = stack_budget();
  if (budget != 0)
    limits.stack_budget = budget;
  if (grants.stack_size != 0)
    limits.stack_budget = (size_t)grants.stack_size;
  if (grants.max_memory != 0 &&
      grants.max_memory / WA_PAGE_SIZE < limits.max_memory_pages)
    limits.max_memory_pages = grants.max_memory / WA_PAGE_SIZE;
  wa_store *store = wa_store_new(&limits);
  if (store == NULL)
    return cannot_start("cannot create the runtime's store%s", "");
  if (grants.fuel != 0)
    wa_store_set_fuel(store, grants.fuel);
  /* The deadline counts from here: instantiation runs the start function
   * and segment initialisation, which are the program's too. */
  static deadline timer;
  if (grants.timeout_ns != 0) {
    timer.store = store;
    timer.ns = grants.timeout_ns;
    pthread_t thread;
    if (pthread_create(&thread, NULL, deadline_thread, &timer) != 0)
      return cannot_start("cannot start the --timeout thread%s", "");
    pthread_detach(thread);
  }

  wa_wasi_config wasi_config;
  memset(&wasi_config, 0, sizeof wasi_config);
  wasi_config.argv = (const char *const *)argv;
  wasi_config.argc = (size_t)argc;
  wasi_config.env = env;
  wasi_config.env_count = env_count;
  wasi_config.dirs = grants.dirs;
  wasi_config.dir_count = grants.dir_count;
  wasi_config.sockets = sockets;
  wasi_config.socket_count = grants.listen_count;
  wasi_config.stdin_fd = 0;
  wasi_config.stdout_fd = 1;
  wasi_config.stderr_fd = 2;
  wa_error error;
  wa_wasi *wasi = wa_wasi_new(&wasi_config, &error);
  if (wasi == NULL)
    return cannot_start("%s", error.message);
  /* WASI keeps its own descriptors of the sockets; closing ours lets a
   * guest's fd_close really stop the listener. */
  for (size_t i = 0; i < grants.listen_count; ++i)
    close(sockets[i].host_fd);

  wa_import_binding *wasi_bindings =
      calloc(module->num_imports + 1, sizeof *wasi_bindings);
  wa_import_binding_n *bindings =
      calloc(module->num_imports + 1, sizeof *bindings);
  if (wasi_bindings == NULL || bindings == NULL)
    return cannot_start("out of memory%s", "");
  /* Only the functions the module imports: the others are not linked. */
  size_t bound = wa_wasi_bind_listed_imports(
      wasi, store, module, config->wasi_functions,
      config->num_wasi_functions, wasi_bindings, module->num_imports, &error);
  if (error.kind != WA_ERROR_NONE)
    return cannot_start("%s", error.message);
  /* WASI's names are C strings; an import's name is bytes with a length
   * and may contain NUL, so everything is bound by length. */
  for (size_t j = 0; j < bound; ++j) {
    bindings[j].module = wasi_bindings[j].module;
    bindings[j].module_len = strlen(wasi_bindings[j].module);
    bindings[j].name = wasi_bindings[j].name;
    bindings[j].name_len = strlen(wasi_bindings[j].name);
    bindings[j].value = wasi_bindings[j].value;
  }
  /* What WASI did not take: traps if the build allowed it, else the
   * instantiation below reports it as an unknown import. */
  for (uint32_t i = 0; i < module->num_imports; ++i) {
    const wa_import *import = &module->imports[i];
    bool provided = false;
    for (size_t j = 0; j < bound && !provided; ++j)
      provided = bindings[j].module_len == import->module_len &&
                 memcmp(bindings[j].module, import->module,
                        import->module_len) == 0 &&
                 bindings[j].name_len == import->name_len &&
                 memcmp(bindings[j].name, import->name, import->name_len) ==
                     0;
    if (provided || import->kind != WA_EXTERN_FUNC ||
        !(config->flags & WA_BUILD_TRAP_UNKNOWN_IMPORTS))
      continue;
    wa_function *func = wa_host_function_new(
        store, &module->types[import->func_type], unknown_import,
        (void *)import, &error);
    if (func == NULL)
      return cannot_start("%s", error.message);
    bindings[bound].module = import->module;
    bindings[bound].module_len = import->module_len;
    bindings[bound].name = import->name;
    bindings[bound].name_len = import->name_len;
    bindings[bound].value.kind = WA_EXTERN_FUNC;
    bindings[bound].value.of.func = func;
    ++bound;
  }

  wa_instance *instance;
  if (!wa_instantiate_n(store, module, bindings, bound, &instance, &error)) {
    if (error.kind != WA_ERROR_TRAP)
      return cannot_start("%s", error.message);
    /* The start function (or a segment) trapped before _start. */
    if (error.trap == WA_TRAP_ProcExit)
      return (int)wa_wasi_exit_status(wasi);
    report_trap(module, error.trap);
    return EXIT_TRAP;
  }
  if (!wa_wasi_attach(wasi, instance))
    return cannot_start("the module exports no memory%s", "");

  wa_result result = wa_call_export(instance, "_start", NULL, 0, NULL, 0);
  switch (result.status) {
  case WA_OK:
    return 0;
  case WA_TRAPPED:
    if (result.trap == WA_TRAP_ProcExit)
      return (int)wa_wasi_exit_status(wasi);
    fflush(stdout);
    report_trap(module, result.trap);
    return EXIT_TRAP;
  case WA_FAILED:
    break;
  }
  return cannot_start("cannot call _start: %s",
                      result.message ? result.message : "no such function");
}
