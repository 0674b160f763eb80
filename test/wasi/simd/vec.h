/*===- vec.h - The 128-bit value the SIMD guests compute on, and its output -===*
 *
 * Shared by the intrinsics guests (int_ops.c, float_ops.c, shuffles.c,
 * loads.c). Each is built twice: for wasm32-wasi with -msimd128, where an
 * operation is the wasm_simd128.h intrinsic, and natively, where it is a
 * scalar loop over the lanes written from the WebAssembly specification.
 * Both builds print through this header, so their outputs must be equal.
 *
 * Wasm leaves the bits of a NaN produced by float arithmetic open, so float
 * results are printed per lane as "nan" or the lane's bits (vec_print_f32,
 * vec_print_f64); operations that move bits without computing (abs, neg,
 * pmin, pmax, lanes, loads) are printed as raw bits.
 *===----------------------------------------------------------------------===*/
#ifndef WASM_AOT_TEST_SIMD_VEC_H
#define WASM_AOT_TEST_SIMD_VEC_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

typedef union {
  uint8_t u8[16];
  int8_t i8[16];
  uint16_t u16[8];
  int16_t i16[8];
  uint32_t u32[4];
  int32_t i32[4];
  uint64_t u64[2];
  int64_t i64[2];
  float f32[4];
  double f64[2];
#ifdef __wasm_simd128__
  v128_t v;
#endif
} V;

/* How a result is printed and hashed. */
enum vec_format { AS_BITS, AS_F32, AS_F64 };

static inline uint32_t f32_bits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

static inline uint64_t f64_bits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

static inline float f32_from(uint32_t u) {
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

static inline double f64_from(uint64_t u) {
  double d;
  memcpy(&d, &u, sizeof d);
  return d;
}

static inline int f32_is_nan(uint32_t u) { return (u & 0x7fffffffu) > 0x7f800000u; }
static inline int f64_is_nan(uint64_t u) {
  return (u & 0x7fffffffffffffffull) > 0x7ff0000000000000ull;
}

/* The value with every NaN lane replaced by one fixed pattern: what is
 * hashed of a float result, so that the hash ignores the open NaN bits. */
static inline V vec_canonical(const V *r, enum vec_format format) {
  V c = *r;
  if (format == AS_F32) {
    for (int i = 0; i < 4; i++)
      if (f32_is_nan(c.u32[i])) c.u32[i] = 0x7fc00000u;
  } else if (format == AS_F64) {
    for (int i = 0; i < 2; i++)
      if (f64_is_nan(c.u64[i])) c.u64[i] = 0x7ff8000000000000ull;
  }
  return c;
}

/* FNV-1a over the bytes of many results: one line stands for thousands
 * of operand pairs. */
static inline uint64_t vec_hash(uint64_t h, const V *r, enum vec_format format) {
  V c = vec_canonical(r, format);
  for (int i = 0; i < 16; i++) {
    h ^= c.u8[i];
    h *= 0x100000001b3ull;
  }
  return h;
}

#define VEC_HASH_START 0xcbf29ce484222325ull

/* Bytes in memory order, a space every four. */
static inline void vec_print_bits(const V *r) {
  for (int i = 0; i < 16; i++)
    printf("%s%02x", i && i % 4 == 0 ? " " : "", r->u8[i]);
}

static inline void vec_print_f32(const V *r) {
  for (int i = 0; i < 4; i++) {
    if (f32_is_nan(r->u32[i]))
      printf("%s     nan", i ? " " : "");
    else
      printf("%s%08x", i ? " " : "", r->u32[i]);
  }
}

static inline void vec_print_f64(const V *r) {
  for (int i = 0; i < 2; i++) {
    if (f64_is_nan(r->u64[i]))
      printf("%s             nan", i ? " " : "");
    else
      printf("%s%016llx", i ? " " : "", (unsigned long long)r->u64[i]);
  }
}

static inline void vec_print(const V *r, enum vec_format format) {
  if (format == AS_F32)
    vec_print_f32(r);
  else if (format == AS_F64)
    vec_print_f64(r);
  else
    vec_print_bits(r);
}

/* A small LCG. The seed comes from a volatile, so the compiler cannot
 * fold the operations on generated inputs away at compile time. */
static volatile uint32_t vec_seed = 0x2545f491u;

static inline uint32_t vec_random(uint32_t *state) {
  *state = *state * 1664525u + 1013904223u;
  return *state ^ (*state >> 15);
}

static inline V vec_random_value(uint32_t *state) {
  V v;
  for (int i = 0; i < 4; i++) v.u32[i] = vec_random(state);
  return v;
}

#endif
