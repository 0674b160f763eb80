/*===- stack_low.c - The calling thread's stack bounds on POSIX -*- C -*-===*
 *
 * wa_plat_stack_low (platform.h), alone in its file so that a program
 * which knows its threads' stacks can define it instead: an archive member
 * is linked only for a symbol nothing defined yet. Programs that
 * `wasm-aot build` makes do (runtime/main), because glibc's
 * pthread_getattr_np reads /proc/self/maps for the main thread with sscanf,
 * and brings in scanf and the floating-point parsers (about 90 KB of a
 * static program) for it. Embedders get this version.
 *===----------------------------------------------------------------------===*/
#define _GNU_SOURCE 1 /* pthread_getattr_np */

#include "platform/platform.h"

#include <pthread.h>
#include <stdbool.h>

static _Thread_local uintptr_t stack_low_cached;
static _Thread_local bool stack_low_known;

uintptr_t wa_plat_stack_low(void) {
  if (stack_low_known)
    return stack_low_cached;
  uintptr_t low = 0;
#if defined(__GLIBC__)
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void *addr = NULL;
    size_t size = 0;
    if (pthread_attr_getstack(&attr, &addr, &size) == 0 && addr != NULL) {
      size_t guard = 0;
      low = (uintptr_t)addr;
      /* Current glibc reports the range above the guard area of threads
       * it created, older releases included it; staying a guard size
       * higher is right for both and costs a page of budget. */
      if (pthread_attr_getguardsize(&attr, &guard) == 0)
        low += guard;
    }
    pthread_attr_destroy(&attr);
  }
#endif
  stack_low_cached = low;
  stack_low_known = true;
  return low;
}
