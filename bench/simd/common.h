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

/* Timing, repetitions, the two output lines and FNV-1a hashing are the
 * programs' (bench/programs/common.h): one protocol for every benchmark. */
#include "../programs/common.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define HASH_START CHECK_START

static inline uint64_t hash_bytes(uint64_t h, const void *data, size_t size) {
  return check_bytes(h, data, size);
}

/* Deterministic inputs: the same bytes for every build. */
static inline uint32_t next_random(uint32_t *state) {
  *state = *state * 1664525u + 1013904223u;
  return *state >> 8;
}

#endif
