/*===- common.h - Timing and output shared by the SIMD benchmark kernels ---===*
 *
 * Each kernel program runs its kernel REPS times (argv[1], else its own
 * default) and prints two lines that bench/simd.py reads:
 *
 *   checksum <16 hex digits>   equal for every build of the kernel: the
 *                              SIMD and the scalar paths compute the same
 *                              values in the same order
 *   time <seconds>             the kernel alone, setup excluded
 *===----------------------------------------------------------------------===*/
#ifndef WASM_AOT_BENCH_SIMD_COMMON_H
#define WASM_AOT_BENCH_SIMD_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define NOINLINE __attribute__((noinline))

static inline double seconds_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static inline int repetitions(int argc, char **argv, int fallback) {
  int reps = argc > 1 ? atoi(argv[1]) : fallback;
  return reps > 0 ? reps : fallback;
}

static inline uint64_t hash_bytes(uint64_t h, const void *data, size_t size) {
  const uint8_t *p = data;
  for (size_t i = 0; i < size; i++) {
    h ^= p[i];
    h *= 0x100000001b3ull;
  }
  return h;
}

#define HASH_START 0xcbf29ce484222325ull

static inline void report(uint64_t checksum, double seconds) {
  printf("checksum %016llx\ntime %.6f\n", (unsigned long long)checksum, seconds);
}

/* Deterministic inputs: the same bytes for every build. */
static inline uint32_t next_random(uint32_t *state) {
  *state = *state * 1664525u + 1013904223u;
  return *state >> 8;
}

#endif
