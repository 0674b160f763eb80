/* stack_clash_host.c - the C host of stack-clash-*.test: a guest function
 * whose frame is larger than the thread's stack must trap with "call stack
 * exhausted" without writing a byte below the stack's guard page.
 *
 * The thread runs on a stack this program maps itself:
 *
 *   [ canary, 1 MiB ][ guard, one page, no access ][ stack, 256 KiB ]
 *
 * The canary stands for whatever else a process has mapped below a thread's
 * stack. A frame that moves the stack pointer past the guard in one step
 * and writes into its lower part before the prologue's limit check lands
 * there; probing every page of a large frame from the top down hits the
 * guard first, which the runtime reports as stack exhaustion. */
#define _GNU_SOURCE 1
#include "wasm-aot/runtime.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

extern const wa_module wasm_aot_module;

enum { CANARY_BYTES = 1 << 20, STACK_BYTES = 256 << 10, PATTERN = 0x5a };

typedef struct {
  wa_result result;
  const char *failed; /* what failed before the call, or null */
} outcome;

static void *run_guest(void *p) {
  outcome *out = (outcome *)p;
  wa_store *store = wa_store_new(NULL);
  wa_error error;
  wa_instance *inst;
  if (!store || !wa_instantiate(store, &wasm_aot_module, NULL, 0, &inst,
                                &error)) {
    out->failed = "instantiate";
    return NULL;
  }
  wa_value arg, res;
  memset(&arg, 0, sizeof arg);
  arg.i64 = 21;
  out->result = wa_call_export(inst, "deep", &arg, 1, &res, 1);
  wa_store_free(store);
  return NULL;
}

int main(void) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t total = CANARY_BYTES + page + STACK_BYTES;
  unsigned char *base = mmap(NULL, total, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED || mprotect(base + CANARY_BYTES, page, PROT_NONE)) {
    printf("cannot map the stack\n");
    return 1;
  }
  memset(base, PATTERN, CANARY_BYTES);

  outcome out;
  memset(&out, 0, sizeof out);
  pthread_attr_t attr;
  pthread_t thread;
  if (pthread_attr_init(&attr) ||
      pthread_attr_setstack(&attr, base + CANARY_BYTES + page, STACK_BYTES) ||
      pthread_create(&thread, &attr, run_guest, &out) ||
      pthread_join(thread, NULL)) {
    printf("cannot run the thread\n");
    return 1;
  }
  if (out.failed) {
    printf("%s failed\n", out.failed);
    return 1;
  }

  size_t overwritten = 0, lowest = CANARY_BYTES;
  for (size_t i = 0; i < CANARY_BYTES; ++i)
    if (base[i] != PATTERN) {
      ++overwritten;
      if (lowest == CANARY_BYTES)
        lowest = i;
    }
  if (out.result.status == WA_TRAPPED)
    printf("deep: trapped: %s\n", out.result.message);
  else
    printf("deep: status %d\n", (int)out.result.status);
  if (overwritten == 0)
    printf("below the guard: untouched\n");
  else
    printf("below the guard: %zu bytes overwritten, the lowest %zu bytes "
           "below the guard\n",
           overwritten, CANARY_BYTES - lowest);
  return out.result.status == WA_TRAPPED && overwritten == 0 ? 0 : 1;
}
