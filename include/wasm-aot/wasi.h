/*===- wasi.h - WASI preview 1 for compiled modules --------------*- C -*-===*
 *
 * The runtime's implementation of `wasi_snapshot_preview1`: a context that
 * holds what a WASI program may reach (its arguments, environment,
 * pre-opened directories and listening sockets; nothing else), the host
 * functions of every preview-1 import bound to that context, and running a
 * command module's `_start`.
 *
 * Capabilities are denied by default: an empty configuration grants no
 * file, no environment variable and no socket. Every guest pointer is
 * checked against the calling instance's memory before use; a bad one is
 * ERRNO_FAULT, never a host crash.
 *===----------------------------------------------------------------------===*/
#ifndef WASM_AOT_WASI_H
#define WASM_AOT_WASI_H

#include "wasm-aot/runtime.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A directory the program may open: `host_path` appears to the guest as
 * the pre-opened directory `guest_path`. Nothing outside it is reachable
 * through it (no "..", absolute paths or symlinks leading out). */
typedef struct wa_wasi_dir {
  const char *host_path;
  const char *guest_path;
  bool read_only; /* refuse every write, create, rename, link and delete */
} wa_wasi_dir;

/* A listening socket the program may accept on: an open, listening host
 * file descriptor, pre-opened for the guest (duplicated; wa_wasi_new
 * refuses a descriptor that is not a listening socket). Whether
 * sock_accept waits is the socket's own O_NONBLOCK, which the guest may
 * change with fd_fdstat_set_flags. */
typedef struct wa_wasi_socket {
  int host_fd;
} wa_wasi_socket;

typedef struct wa_wasi_config {
  /* argv as the guest sees it (argv[0] is the program name). */
  const char *const *argv;
  size_t argc;
  /* "NAME=VALUE" strings: the guest's whole environment. */
  const char *const *env;
  size_t env_count;
  const wa_wasi_dir *dirs;
  size_t dir_count;
  const wa_wasi_socket *sockets;
  size_t socket_count;
  /* Host descriptors behind guest fds 0, 1 and 2 (normally 0, 1, 2). */
  int stdin_fd, stdout_fd, stderr_fd;
} wa_wasi_config;

typedef struct wa_wasi wa_wasi;

/* Creates a context from `config` (copied; opens the directories). Null on
 * failure, with *error filled (a directory that cannot be opened, a
 * socket that is not listening, a nonzero count with a null array). */
wa_wasi *wa_wasi_new(const wa_wasi_config *config, wa_error *error);

/* Closes everything the context opened and frees it. */
void wa_wasi_free(wa_wasi *wasi);

/* Creates, in `store`, a host function for every `wasi_snapshot_preview1`
 * import that `module` declares, bound to `wasi`, and appends them to
 * `bindings` (capacity `capacity`). Returns the number appended. An import
 * of that module name that is not a preview-1 function is left out (the
 * caller reports it as unknown). */
size_t wa_wasi_bind_imports(wa_wasi *wasi, wa_store *store,
                            const wa_module *module,
                            wa_import_binding *bindings, size_t capacity,
                            wa_error *error);

/* One preview-1 function, as the runtime implements it. There is one
 * descriptor per function of wasm-aot/wasi_functions.def, named
 * `wa_wasi_function_NAME` (wa_wasi_function_fd_write, ...). */
typedef struct wa_wasi_function wa_wasi_function;
#define WA_WASI_FUNCTION(Name, Signature)                                      \
  extern const wa_wasi_function wa_wasi_function_##Name;
#include "wasm-aot/wasi_functions.def"

/* As wa_wasi_bind_imports, but only for the functions in `functions`
 * (`count` descriptors); an import of any other preview-1 function is left
 * out. A static link then carries only the functions listed, where
 * wa_wasi_bind_imports, which can bind any of them, carries them all.
 * `wasm-aot build` lists those the module imports (build_config.h). */
size_t wa_wasi_bind_listed_imports(wa_wasi *wasi, wa_store *store,
                                   const wa_module *module,
                                   const wa_wasi_function *const *functions,
                                   size_t count, wa_import_binding *bindings,
                                   size_t capacity, wa_error *error);

/* Tells the context which instance it serves: its exported "memory" is
 * where guest pointers point. False if the instance exports no memory. */
bool wa_wasi_attach(wa_wasi *wasi, wa_instance *instance);

/* Whether `name` is a preview-1 function. */
bool wa_wasi_is_function(const char *name);

/* After a call into the instance ended with the trap WA_TRAP_ProcExit:
 * the status the guest passed to proc_exit. */
uint32_t wa_wasi_exit_status(const wa_wasi *wasi);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* WASM_AOT_WASI_H */
