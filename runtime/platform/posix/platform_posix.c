/*===- platform_posix.c - The platform layer on POSIX (Linux first) -*- C -*-===*
 *
 * mmap/mprotect for reservations, sigaction for the guard-page fault
 * handler, sigaltstack for the per-thread signal stack, pthreads for the
 * process-wide lock (the thread's stack bounds are in stack_low.c).
 *===----------------------------------------------------------------------===*/
#define _GNU_SOURCE 1 /* MAP_NORESERVE, sigaltstack */

#include "platform/platform.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif
#if !defined(MAP_ANONYMOUS) && defined(MAP_ANON)
#define MAP_ANONYMOUS MAP_ANON
#endif

size_t wa_plat_page_size(void) {
  static size_t cached;
  if (cached == 0) {
    long size = sysconf(_SC_PAGESIZE);
    cached = size > 0 ? (size_t)size : 4096;
  }
  return cached;
}

/* ---- Address space ---- */

void *wa_plat_reserve(size_t size) {
  /* MAP_NORESERVE: the reservation is not charged against the commit limit
   * (overcommit modes 0 and 1); only the pages made accessible are. */
  void *p = mmap(NULL, size, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  return p == MAP_FAILED ? NULL : p;
}

bool wa_plat_commit(void *addr, size_t size) {
  if (size == 0)
    return true;
  return mprotect(addr, size, PROT_READ | PROT_WRITE) == 0;
}

void wa_plat_release(void *addr, size_t size) {
  if (addr != NULL && size != 0)
    munmap(addr, size);
}

/* ---- Errors ---- */

static void write_all(const char *s) {
  size_t n = strlen(s);
  while (n > 0) {
    ssize_t w = write(STDERR_FILENO, s, n);
    if (w <= 0) {
      if (w < 0 && errno == EINTR)
        continue;
      return;
    }
    s += w;
    n -= (size_t)w;
  }
}

void wa_plat_fatal(const char *message) {
  write_all("wasm-aot runtime: ");
  write_all(message);
  write_all("\n");
  abort();
}

/* ---- Lock ---- */

static pthread_mutex_t global_lock = PTHREAD_MUTEX_INITIALIZER;

void wa_plat_lock(void) {
  if (pthread_mutex_lock(&global_lock) != 0)
    wa_plat_fatal("cannot take the runtime lock");
}

void wa_plat_unlock(void) { pthread_mutex_unlock(&global_lock); }

/* ---- Fault handler ---- */

static struct sigaction previous_segv;
static struct sigaction previous_bus;
static pthread_once_t handler_once = PTHREAD_ONCE_INIT;
static bool handler_installed;

/* Hands a fault that is not ours to whoever would have handled it. */
static void chain_fault(int sig, siginfo_t *info, void *context) {
  const struct sigaction *prev =
      sig == SIGSEGV ? &previous_segv : &previous_bus;
  if ((prev->sa_flags & SA_SIGINFO) && prev->sa_sigaction != NULL) {
    prev->sa_sigaction(sig, info, context);
    return;
  }
  if (!(prev->sa_flags & SA_SIGINFO) && prev->sa_handler != SIG_DFL &&
      prev->sa_handler != SIG_IGN && prev->sa_handler != NULL) {
    prev->sa_handler(sig);
    return;
  }
  /* The default action. A real fault re-executes the faulting instruction
   * on return and now kills the process with the right signal and address;
   * a signal sent with kill/raise is sent again (it stays blocked until
   * this handler returns). Ignoring a fault is not an option: the
   * instruction would fault forever. */
  struct sigaction dfl;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, NULL);
  if (info == NULL || info->si_code <= 0)
    raise(sig);
}

/* The faulting instruction's address, from the interrupted context. */
static uintptr_t fault_pc(const ucontext_t *uc) {
  if (uc == NULL)
    return 0;
#if defined(__x86_64__)
  return (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
  return (uintptr_t)uc->uc_mcontext.pc;
#elif defined(__riscv)
  return (uintptr_t)uc->uc_mcontext.__gregs[0]; /* REG_PC */
#else
  return 0;
#endif
}

static void on_fault(int sig, siginfo_t *info, void *context) {
  int saved_errno = errno;
  /* si_code > 0: raised by the kernel for a faulting access, not sent. */
  if (info != NULL && info->si_code > 0 &&
      wa_rt_fault_is_trap((uintptr_t)info->si_addr)) {
    /* The jump does not restore the signal mask (calls save none), so put
     * back the mask of the interrupted code: it unblocks this signal. */
    const ucontext_t *uc = (const ucontext_t *)context;
    if (uc != NULL)
      pthread_sigmask(SIG_SETMASK, &uc->uc_sigmask, NULL);
    wa_rt_trap_from_fault(fault_pc(uc));
  }
  chain_fault(sig, info, context);
  errno = saved_errno;
}

static void install_handler(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = on_fault;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  if (sigaction(SIGSEGV, &action, &previous_segv) != 0)
    return;
  if (sigaction(SIGBUS, &action, &previous_bus) != 0) {
    sigaction(SIGSEGV, &previous_segv, NULL);
    return;
  }
  handler_installed = true;
}

bool wa_plat_install_fault_handler(void) {
  if (pthread_once(&handler_once, install_handler) != 0)
    return false;
  return handler_installed;
}

/* ---- Alternate signal stack ---- */

/* Large enough for the handler, a chained handler (sanitizers), and libc's
 * own needs on machines with large vector state. */
#define ALT_STACK_MIN (64u * 1024u)

static pthread_key_t alt_stack_key;
static pthread_once_t alt_stack_key_once = PTHREAD_ONCE_INIT;
static bool alt_stack_key_ok;
static _Thread_local bool thread_ready;

struct alt_stack {
  void *mapping;
  size_t mapping_size;
  void *stack;
};

static void free_alt_stack(void *p) {
  struct alt_stack *as = (struct alt_stack *)p;
  if (as == NULL)
    return;
  stack_t current;
  if (sigaltstack(NULL, &current) == 0 && current.ss_sp == as->stack &&
      !(current.ss_flags & SS_ONSTACK)) {
    stack_t off;
    memset(&off, 0, sizeof off);
    off.ss_flags = SS_DISABLE;
    sigaltstack(&off, NULL);
    munmap(as->mapping, as->mapping_size);
  }
  free(as);
}

static void make_alt_stack_key(void) {
  alt_stack_key_ok = pthread_key_create(&alt_stack_key, free_alt_stack) == 0;
}

bool wa_plat_thread_init(void) {
  if (thread_ready)
    return true;
  stack_t current;
  if (sigaltstack(NULL, &current) != 0)
    return false;
  if (!(current.ss_flags & SS_DISABLE)) {
    /* Someone (the embedder, a sanitizer) gave this thread one already. */
    thread_ready = true;
    return true;
  }
  if (pthread_once(&alt_stack_key_once, make_alt_stack_key) != 0 ||
      !alt_stack_key_ok)
    return false;

  size_t page = wa_plat_page_size();
  size_t size = ALT_STACK_MIN;
#ifdef _SC_SIGSTKSZ
  long want = sysconf(_SC_SIGSTKSZ);
  if (want > 0 && (size_t)want * 4 > size)
    size = (size_t)want * 4;
#endif
  size = (size + page - 1) / page * page;

  struct alt_stack *as = (struct alt_stack *)malloc(sizeof *as);
  if (as == NULL)
    return false;
  /* One guard page below the stack. */
  as->mapping_size = size + page;
  as->mapping = mmap(NULL, as->mapping_size, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (as->mapping == MAP_FAILED) {
    free(as);
    return false;
  }
  if (mprotect(as->mapping, page, PROT_NONE) != 0) {
    munmap(as->mapping, as->mapping_size);
    free(as);
    return false;
  }
  as->stack = (char *)as->mapping + page;

  stack_t ss;
  memset(&ss, 0, sizeof ss);
  ss.ss_sp = as->stack;
  ss.ss_size = size;
  ss.ss_flags = 0;
  if (sigaltstack(&ss, NULL) != 0) {
    munmap(as->mapping, as->mapping_size);
    free(as);
    return false;
  }
  if (pthread_setspecific(alt_stack_key, as) != 0) {
    /* Keep the stack installed (leaked at thread exit) rather than fail. */
  }
  thread_ready = true;
  return true;
}

