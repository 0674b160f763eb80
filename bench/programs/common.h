/*===- common.h - Timing, checksums and random numbers for the programs ----===*
 *
 * Each program runs its kernel REPS times (argv[1], else its own default)
 * and prints exactly two lines on stdout:
 *
 *   checksum <16 hex digits>   a 64-bit checksum of the results, the same
 *                              for every build on every platform
 *   time <seconds>             the kernel alone, setup excluded
 *
 * Everything here is integer arithmetic on fixed-width types, so a result
 * never depends on the pointer size (wasm32 is ILP32, the host LP64) or on
 * how the compiler contracts floating-point expressions.
 *===----------------------------------------------------------------------===*/
#ifndef WASM_AOT_BENCH_PROGRAMS_COMMON_H
#define WASM_AOT_BENCH_PROGRAMS_COMMON_H

/* clock_gettime under -std=c11 as well (include this header first). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static inline void report(uint64_t checksum, double seconds) {
  printf("checksum %016llx\ntime %.6f\n", (unsigned long long)checksum, seconds);
}

/* A failed self-check: say which and stop (abort traps under WASI). */
static inline _Noreturn void fail(const char *program, const char *what) {
  fflush(stdout);
  fprintf(stderr, "%s: self-check failed: %s\n", program, what);
  abort();
}

/* --- Checksums -------------------------------------------------------- */

#define CHECK_START 0xcbf29ce484222325ull

/* FNV-1a over bytes. */
static inline uint64_t check_bytes(uint64_t h, const void *data, size_t size) {
  const uint8_t *p = (const uint8_t *)data;
  for (size_t i = 0; i < size; i++) {
    h ^= p[i];
    h *= 0x100000001b3ull;
  }
  return h;
}

/* Folds one 64-bit value in: a multiply and a xorshift per word. */
static inline uint64_t check_word(uint64_t h, uint64_t v) {
  h ^= v;
  h *= 0x9fb21c651e98df25ull;
  h ^= h >> 29;
  return h;
}

/* --- Random numbers: splitmix64 -------------------------------------- */

static inline uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static inline uint64_t next_u64(uint64_t *state) {
  *state += 0x9e3779b97f4a7c15ull;
  return mix64(*state);
}

static inline uint32_t next_u32(uint64_t *state) {
  return (uint32_t)(next_u64(state) >> 32);
}

/* A number in [0, bound), bound > 0; the tiny modulo bias is fine here. */
static inline uint32_t next_below(uint64_t *state, uint32_t bound) {
  return (uint32_t)((next_u64(state) >> 32) % bound);
}

#endif
