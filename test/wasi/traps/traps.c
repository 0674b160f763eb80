/*===- traps.c - One trap of each kind, chosen by argv[1] -----------------===*
 *
 * Each mode prints a line, flushes, then executes one instruction that
 * traps. The harness checks that the built program prints the trap's
 * message and the function's name on stderr and exits with the trap status
 * (docs/cli.md), and that what was printed before survives. The functions
 * are noinline so that the trap happens inside the named function.
 *===----------------------------------------------------------------------===*/
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))

static volatile int zero = 0, minus_one = -1, int_min = INT_MIN;
static volatile double not_a_number = __builtin_nan(""), huge = 1e300;

NOINLINE int trap_unreachable(void) { __builtin_trap(); }

NOINLINE int trap_div_by_zero(void) { return 7 / zero; }

NOINLINE int trap_rem_by_zero(void) { return 7 % zero; }

NOINLINE int trap_int_overflow(void) { return int_min / minus_one; }

// The trapping conversions, not C's casts: clang lowers a C cast to a
// guarded sequence for wasm targets without nontrapping-fptoint.
NOINLINE int trap_nan_to_int(void) { return __builtin_wasm_trunc_s_i32_f64(not_a_number); }

NOINLINE int trap_huge_to_int(void) { return __builtin_wasm_trunc_u_i32_f64(huge); }

NOINLINE int trap_out_of_bounds_load(void) {
  volatile int *p = (volatile int *)(uintptr_t)0xfffffff0u;
  return *p;
}

NOINLINE int trap_out_of_bounds_store(void) {
  char *end = (char *)(uintptr_t)(__builtin_wasm_memory_size(0) * 65536 - 2);
  *(volatile int32_t *)end = 1; // straddles the end of memory
  return 0;
}

NOINLINE int trap_out_of_bounds_memcpy(void) {
  // memory.copy of bulk memory, or a byte loop, both past the end.
  static char dst[16];
  memcpy(dst, (const char *)(uintptr_t)0xfffffff8u, 16);
  return dst[0];
}

typedef int (*int_fn)(void);
typedef int (*int_int_fn)(int);
static volatile uintptr_t table_index;

NOINLINE int trap_undefined_element(void) {
  table_index = 100000; // far past the end of the function table
  return ((int_fn)table_index)();
}

NOINLINE int trap_uninitialized_element(void) {
  table_index = 0; // slot 0 of clang's table is never filled
  return ((int_fn)table_index)();
}

NOINLINE static int takes_an_int(int x) { return x + 1; }
static int_int_fn volatile with_int = takes_an_int;

NOINLINE int trap_indirect_call_mismatch(void) {
  int_fn wrong = (int_fn)(uintptr_t)with_int; // the mismatch is the point
  return wrong();
}

static int recurse(int depth);
static int (*volatile next_level)(int) = recurse;

NOINLINE static int recurse(int depth) {
  // An indirect call the optimizer cannot turn into a loop; nothing is
  // kept in linear memory, so only the wasm call stack grows.
  return next_level(depth + 1) + depth;
}

NOINLINE int trap_stack_exhaustion(void) { return recurse(0); }

static const struct {
  const char *mode;
  int (*run)(void);
} modes[] = {
    {"unreachable", trap_unreachable},
    {"div-by-zero", trap_div_by_zero},
    {"rem-by-zero", trap_rem_by_zero},
    {"int-overflow", trap_int_overflow},
    {"nan-to-int", trap_nan_to_int},
    {"huge-to-int", trap_huge_to_int},
    {"oob-load", trap_out_of_bounds_load},
    {"oob-store", trap_out_of_bounds_store},
    {"oob-memcpy", trap_out_of_bounds_memcpy},
    {"undefined-element", trap_undefined_element},
    {"uninitialized-element", trap_uninitialized_element},
    {"indirect-call-mismatch", trap_indirect_call_mismatch},
    {"stack-exhaustion", trap_stack_exhaustion},
};

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  for (size_t i = 0; i < sizeof modes / sizeof modes[0]; ++i) {
    if (strcmp(mode, modes[i].mode) != 0)
      continue;
    printf("before %s\n", mode);
    fflush(stdout);
    int result = modes[i].run();
    printf("no trap: %d\n", result);
    return 0;
  }
  fprintf(stderr, "unknown mode '%s'\n", mode);
  return 2;
}
