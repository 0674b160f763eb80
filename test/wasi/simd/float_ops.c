/*===- float_ops.c - f32x4 and f64x2 lanes, and the conversions ------------===*
 *
 * Every float operation of WebAssembly SIMD: add, sub, mul, div, min, max,
 * pmin, pmax, the comparisons, abs, neg, sqrt, ceil, floor, trunc, nearest,
 * and the conversions between lanes (trunc_sat, convert, convert_low,
 * demote, promote). With -msimd128 each is its wasm_simd128.h intrinsic;
 * natively it is a scalar loop written from the specification.
 *
 * Operands include -0.0, the smallest subnormals, the largest finite
 * values, infinities, NaNs with payloads, and the values on each side of
 * the integer conversion limits and of the float rounding ties. Results
 * whose NaN bits the specification leaves open print "nan" (vec.h); abs,
 * neg, pmin, pmax and the comparisons print every bit.
 *===----------------------------------------------------------------------===*/
#include <math.h>

#include "vec.h"

#define NOINLINE __attribute__((noinline))

typedef void (*binary_fn)(V *, const V *, const V *);
typedef void (*unary_fn)(V *, const V *);

/* --- Lane maps ----------------------------------------------------------------
 * RF is the result's lane field, AF the operands'; result lanes past N are
 * zero (the "_zero" conversions); EXPR computes lane i from x (and y). */
#ifdef __wasm_simd128__
#define MAP1(name, SIMD, RF, AF, N, EXPR) \
  static NOINLINE void name(V *r, const V *a) { r->v = SIMD(a->v); }
#define MAP2(name, SIMD, RF, AF, N, EXPR) \
  static NOINLINE void name(V *r, const V *a, const V *b) { r->v = SIMD(a->v, b->v); }
#else
#define MAP1(name, SIMD, RF, AF, N, EXPR)       \
  static NOINLINE void name(V *r, const V *a) { \
    V t;                                        \
    memset(&t, 0, sizeof t);                    \
    for (int i = 0; i < N; i++) {               \
      __typeof__(a->AF[0]) x = a->AF[i];        \
      t.RF[i] = (EXPR);                         \
    }                                           \
    *r = t;                                     \
  }
#define MAP2(name, SIMD, RF, AF, N, EXPR)                   \
  static NOINLINE void name(V *r, const V *a, const V *b) { \
    V t;                                                    \
    for (int i = 0; i < N; i++) {                           \
      __typeof__(a->AF[0]) x = a->AF[i], y = b->AF[i];      \
      t.RF[i] = (EXPR);                                     \
    }                                                       \
    *r = t;                                                 \
  }

/* min and max: NaN if either is, and -0 below +0 (for equal operands the
 * bits are ORed for min, ANDed for max: only the zeros differ in bits). */
static float min32(float x, float y) {
  if (isnan(x) || isnan(y)) return NAN;
  if (x == y) return f32_from(f32_bits(x) | f32_bits(y));
  return x < y ? x : y;
}
static float max32(float x, float y) {
  if (isnan(x) || isnan(y)) return NAN;
  if (x == y) return f32_from(f32_bits(x) & f32_bits(y));
  return x > y ? x : y;
}
static double min64(double x, double y) {
  if (isnan(x) || isnan(y)) return NAN;
  if (x == y) return f64_from(f64_bits(x) | f64_bits(y));
  return x < y ? x : y;
}
static double max64(double x, double y) {
  if (isnan(x) || isnan(y)) return NAN;
  if (x == y) return f64_from(f64_bits(x) & f64_bits(y));
  return x > y ? x : y;
}

/* Saturating truncation: NaN is 0, out-of-range values the nearest limit. */
static int32_t sat_s32(double x) {
  if (isnan(x)) return 0;
  if (x >= 2147483648.0) return INT32_MAX;
  if (x <= -2147483649.0) return INT32_MIN;
  return (int32_t)x;
}
static uint32_t sat_u32(double x) {
  if (!(x > -1.0)) return 0;
  if (x >= 4294967296.0) return UINT32_MAX;
  return (uint32_t)x;
}
#endif

/* pmin and pmax are defined as comparisons that pick one operand, so
 * their results keep the operands' bits, NaNs included. */
MAP2(f32x4_add, wasm_f32x4_add, f32, f32, 4, x + y)
MAP2(f32x4_sub, wasm_f32x4_sub, f32, f32, 4, x - y)
MAP2(f32x4_mul, wasm_f32x4_mul, f32, f32, 4, x * y)
MAP2(f32x4_div, wasm_f32x4_div, f32, f32, 4, x / y)
MAP2(f32x4_min, wasm_f32x4_min, f32, f32, 4, min32(x, y))
MAP2(f32x4_max, wasm_f32x4_max, f32, f32, 4, max32(x, y))
MAP2(f32x4_pmin, wasm_f32x4_pmin, f32, f32, 4, y < x ? y : x)
MAP2(f32x4_pmax, wasm_f32x4_pmax, f32, f32, 4, x < y ? y : x)
MAP2(f32x4_eq, wasm_f32x4_eq, i32, f32, 4, x == y ? -1 : 0)
MAP2(f32x4_ne, wasm_f32x4_ne, i32, f32, 4, x != y ? -1 : 0)
MAP2(f32x4_lt, wasm_f32x4_lt, i32, f32, 4, x < y ? -1 : 0)
MAP2(f32x4_gt, wasm_f32x4_gt, i32, f32, 4, x > y ? -1 : 0)
MAP2(f32x4_le, wasm_f32x4_le, i32, f32, 4, x <= y ? -1 : 0)
MAP2(f32x4_ge, wasm_f32x4_ge, i32, f32, 4, x >= y ? -1 : 0)

MAP2(f64x2_add, wasm_f64x2_add, f64, f64, 2, x + y)
MAP2(f64x2_sub, wasm_f64x2_sub, f64, f64, 2, x - y)
MAP2(f64x2_mul, wasm_f64x2_mul, f64, f64, 2, x * y)
MAP2(f64x2_div, wasm_f64x2_div, f64, f64, 2, x / y)
MAP2(f64x2_min, wasm_f64x2_min, f64, f64, 2, min64(x, y))
MAP2(f64x2_max, wasm_f64x2_max, f64, f64, 2, max64(x, y))
MAP2(f64x2_pmin, wasm_f64x2_pmin, f64, f64, 2, y < x ? y : x)
MAP2(f64x2_pmax, wasm_f64x2_pmax, f64, f64, 2, x < y ? y : x)
MAP2(f64x2_eq, wasm_f64x2_eq, i64, f64, 2, x == y ? -1 : 0)
MAP2(f64x2_ne, wasm_f64x2_ne, i64, f64, 2, x != y ? -1 : 0)
MAP2(f64x2_lt, wasm_f64x2_lt, i64, f64, 2, x < y ? -1 : 0)
MAP2(f64x2_gt, wasm_f64x2_gt, i64, f64, 2, x > y ? -1 : 0)
MAP2(f64x2_le, wasm_f64x2_le, i64, f64, 2, x <= y ? -1 : 0)
MAP2(f64x2_ge, wasm_f64x2_ge, i64, f64, 2, x >= y ? -1 : 0)

static const struct {
  const char *name;
  binary_fn fn;
  enum vec_format format;
  int f64; /* operands are f64 lanes */
} binary_ops[] = {
#define OP(name, format, f64) {#name, name, format, f64}
    OP(f32x4_add, AS_F32, 0), OP(f32x4_sub, AS_F32, 0), OP(f32x4_mul, AS_F32, 0),
    OP(f32x4_div, AS_F32, 0), OP(f32x4_min, AS_F32, 0), OP(f32x4_max, AS_F32, 0),
    OP(f32x4_pmin, AS_BITS, 0), OP(f32x4_pmax, AS_BITS, 0), OP(f32x4_eq, AS_BITS, 0),
    OP(f32x4_ne, AS_BITS, 0), OP(f32x4_lt, AS_BITS, 0), OP(f32x4_gt, AS_BITS, 0),
    OP(f32x4_le, AS_BITS, 0), OP(f32x4_ge, AS_BITS, 0),
    OP(f64x2_add, AS_F64, 1), OP(f64x2_sub, AS_F64, 1), OP(f64x2_mul, AS_F64, 1),
    OP(f64x2_div, AS_F64, 1), OP(f64x2_min, AS_F64, 1), OP(f64x2_max, AS_F64, 1),
    OP(f64x2_pmin, AS_BITS, 1), OP(f64x2_pmax, AS_BITS, 1), OP(f64x2_eq, AS_BITS, 1),
    OP(f64x2_ne, AS_BITS, 1), OP(f64x2_lt, AS_BITS, 1), OP(f64x2_gt, AS_BITS, 1),
    OP(f64x2_le, AS_BITS, 1), OP(f64x2_ge, AS_BITS, 1),
};

/* abs and neg touch only the sign bit, NaNs included. */
MAP1(f32x4_abs, wasm_f32x4_abs, u32, u32, 4, x & 0x7fffffffu)
MAP1(f32x4_neg, wasm_f32x4_neg, u32, u32, 4, x ^ 0x80000000u)
MAP1(f32x4_sqrt, wasm_f32x4_sqrt, f32, f32, 4, sqrtf(x))
MAP1(f32x4_ceil, wasm_f32x4_ceil, f32, f32, 4, ceilf(x))
MAP1(f32x4_floor, wasm_f32x4_floor, f32, f32, 4, floorf(x))
MAP1(f32x4_trunc, wasm_f32x4_trunc, f32, f32, 4, truncf(x))
/* Round to nearest, ties to even: the default rounding mode. */
MAP1(f32x4_nearest, wasm_f32x4_nearest, f32, f32, 4, nearbyintf(x))
MAP1(f64x2_abs, wasm_f64x2_abs, u64, u64, 2, x & 0x7fffffffffffffffull)
MAP1(f64x2_neg, wasm_f64x2_neg, u64, u64, 2, x ^ 0x8000000000000000ull)
MAP1(f64x2_sqrt, wasm_f64x2_sqrt, f64, f64, 2, sqrt(x))
MAP1(f64x2_ceil, wasm_f64x2_ceil, f64, f64, 2, ceil(x))
MAP1(f64x2_floor, wasm_f64x2_floor, f64, f64, 2, floor(x))
MAP1(f64x2_trunc, wasm_f64x2_trunc, f64, f64, 2, trunc(x))
MAP1(f64x2_nearest, wasm_f64x2_nearest, f64, f64, 2, nearbyint(x))

MAP1(i32x4_trunc_sat_f32x4_s, wasm_i32x4_trunc_sat_f32x4, i32, f32, 4, sat_s32(x))
MAP1(i32x4_trunc_sat_f32x4_u, wasm_u32x4_trunc_sat_f32x4, u32, f32, 4, sat_u32(x))
MAP1(i32x4_trunc_sat_f64x2_s_zero, wasm_i32x4_trunc_sat_f64x2_zero, i32, f64, 2, sat_s32(x))
MAP1(i32x4_trunc_sat_f64x2_u_zero, wasm_u32x4_trunc_sat_f64x2_zero, u32, f64, 2, sat_u32(x))
/* Round to nearest, ties to even, as C converts. */
MAP1(f32x4_convert_i32x4_s, wasm_f32x4_convert_i32x4, f32, i32, 4, (float)x)
MAP1(f32x4_convert_i32x4_u, wasm_f32x4_convert_u32x4, f32, u32, 4, (float)x)
MAP1(f64x2_convert_low_i32x4_s, wasm_f64x2_convert_low_i32x4, f64, i32, 2, (double)x)
MAP1(f64x2_convert_low_i32x4_u, wasm_f64x2_convert_low_u32x4, f64, u32, 2, (double)x)
MAP1(f32x4_demote_f64x2_zero, wasm_f32x4_demote_f64x2_zero, f32, f64, 2, (float)x)
MAP1(f64x2_promote_low_f32x4, wasm_f64x2_promote_low_f32x4, f64, f32, 2, (double)x)

/* Which operands a unary operation reads. */
enum operands { F32_IN, F64_IN, I32_IN };

static const struct {
  const char *name;
  unary_fn fn;
  enum vec_format format;
  enum operands operands;
} unary_ops[] = {
#define UOP(name, format, operands) {#name, name, format, operands}
    UOP(f32x4_abs, AS_BITS, F32_IN), UOP(f32x4_neg, AS_BITS, F32_IN),
    UOP(f32x4_sqrt, AS_F32, F32_IN), UOP(f32x4_ceil, AS_F32, F32_IN),
    UOP(f32x4_floor, AS_F32, F32_IN), UOP(f32x4_trunc, AS_F32, F32_IN),
    UOP(f32x4_nearest, AS_F32, F32_IN),
    UOP(f64x2_abs, AS_BITS, F64_IN), UOP(f64x2_neg, AS_BITS, F64_IN),
    UOP(f64x2_sqrt, AS_F64, F64_IN), UOP(f64x2_ceil, AS_F64, F64_IN),
    UOP(f64x2_floor, AS_F64, F64_IN), UOP(f64x2_trunc, AS_F64, F64_IN),
    UOP(f64x2_nearest, AS_F64, F64_IN),
    UOP(i32x4_trunc_sat_f32x4_s, AS_BITS, F32_IN),
    UOP(i32x4_trunc_sat_f32x4_u, AS_BITS, F32_IN),
    UOP(i32x4_trunc_sat_f64x2_s_zero, AS_BITS, F64_IN),
    UOP(i32x4_trunc_sat_f64x2_u_zero, AS_BITS, F64_IN),
    UOP(f32x4_convert_i32x4_s, AS_F32, I32_IN),
    UOP(f32x4_convert_i32x4_u, AS_F32, I32_IN),
    UOP(f64x2_convert_low_i32x4_s, AS_F64, I32_IN),
    UOP(f64x2_convert_low_i32x4_u, AS_F64, I32_IN),
    UOP(f32x4_demote_f64x2_zero, AS_F32, F64_IN),
    UOP(f64x2_promote_low_f32x4, AS_F64, F32_IN),
};

/* --- Operands -------------------------------------------------------------- */
static const uint32_t f32_edges[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, /* +-0, +-1 */
    0x3f000000, 0xbf000000, 0x3fc00000, 0xbfc00000, /* +-0.5, +-1.5 */
    0x40200000, 0xc0200000, 0x40600000, 0x3effffff, /* +-2.5, 3.5, below 0.5 */
    0x00800000, 0x00000001, 0x80000001, 0x007fffff, /* smallest normal, subnormals */
    0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000, /* +-max, +-infinity */
    0x7fc00000, 0xffc00000, 0x7fa00001, 0xffc12345, /* NaNs, signalling, payloads */
    0x4effffff, 0x4f000000, 0xcf000000, 0xcf000001, /* around 2^31 and -2^31 */
    0x4f7fffff, 0x4f800000, 0xbf400000, 0x3f7fffff, /* around 2^32, -0.75, below 1 */
    0x501502f9, 0xd01502f9, 0x4b000001, 0x4affffff, /* +-1e10, 2^23 + 1, 2^23 - 0.5 */
};

static const uint64_t f64_edges[] = {
    0x0000000000000000ull, 0x8000000000000000ull, /* +-0 */
    0x3ff0000000000000ull, 0xbff0000000000000ull, /* +-1 */
    0x4004000000000000ull, 0xc004000000000000ull, /* +-2.5 */
    0x3ff8000000000000ull, 0x3fe0000000000000ull, /* 1.5, 0.5 */
    0x0010000000000000ull, 0x0000000000000001ull, /* smallest normal, subnormal */
    0x8000000000000001ull, 0x7fefffffffffffffull, /* -subnormal, max */
    0xffefffffffffffffull, 0x7ff0000000000000ull, /* -max, infinity */
    0xfff0000000000000ull, 0x7ff8000000000000ull, /* -infinity, NaN */
    0xfff8000000000000ull, 0x7ff4000000000001ull, /* -NaN, signalling NaN */
    0xfff8000000012345ull, 0x41dfffffffc00000ull, /* payload, 2147483647 */
    0x41dffffffff9999aull, 0x41e0000000000000ull, /* 2147483647.9, 2^31 */
    0xc1e0000000000000ull, 0xc1e00000001ccccdull, /* -2^31, -2147483648.9 */
    0xc1e0000000200000ull, 0x41efffffffe00000ull, /* -2147483649, 4294967295 */
    0x41effffffffccccdull, 0x41f0000000000000ull, /* 4294967295.9, 2^32 */
    0xbfefae147ae147aeull, 0x7e37e43c8800759cull, /* -0.99, 1e300 */
    0x47efffffe0000000ull, 0x47efffffefffffffull, /* float max, just below the tie */
    0x47effffff0000000ull, 0x36a0000000000000ull, /* the tie to infinity, 2^-149 */
    0x3690000000000000ull, 0x3698000000000000ull, /* 2^-150 (tie to 0), 1.5 * 2^-150 */
};

static const uint32_t i32_edges[] = {
    0, 1, 0xffffffffu, 0x80000000u, 0x7fffffffu, 0x01000001u, 0xfeffffffu,
    0x7fffffc0u, 0x7fffff80u, 0xffffff80u, 0x80000080u, 0x00ffffffu,
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
enum { RANDOM = 8 };
enum { F32_INPUTS = COUNT(f32_edges) + RANDOM, F64_INPUTS = COUNT(f64_edges) + RANDOM,
       I32_INPUTS = COUNT(i32_edges) + RANDOM };

/* Input k takes edge values k, k+1, k+5 and k+11 (mod the count) as its
 * lanes, so that across pairs of inputs every edge meets every other in
 * lane 0. The random inputs follow. */
static void make_inputs(V *f32, V *f64, V *i32) {
  static const int spread[4] = {0, 1, 5, 11};
  uint32_t state = vec_seed;
  for (size_t k = 0; k < COUNT(f32_edges); k++)
    for (int l = 0; l < 4; l++) f32[k].u32[l] = f32_edges[(k + spread[l]) % COUNT(f32_edges)];
  for (size_t k = 0; k < COUNT(f64_edges); k++)
    for (int l = 0; l < 2; l++) f64[k].u64[l] = f64_edges[(k + spread[l]) % COUNT(f64_edges)];
  for (size_t k = 0; k < COUNT(i32_edges); k++)
    for (int l = 0; l < 4; l++) i32[k].u32[l] = i32_edges[(k + spread[l]) % COUNT(i32_edges)];
  for (int k = 0; k < RANDOM; k++) {
    f32[COUNT(f32_edges) + k] = vec_random_value(&state);
    f64[COUNT(f64_edges) + k] = vec_random_value(&state);
    i32[COUNT(i32_edges) + k] = vec_random_value(&state);
  }
}

int main(void) {
  V f32[F32_INPUTS], f64[F64_INPUTS], i32[I32_INPUTS];
  make_inputs(f32, f64, i32);
  V r;

  for (size_t k = 0; k < COUNT(binary_ops); k++) {
    const V *in = binary_ops[k].f64 ? f64 : f32;
    int n = binary_ops[k].f64 ? F64_INPUTS : F32_INPUTS;
    int edges = binary_ops[k].f64 ? (int)COUNT(f64_edges) : (int)COUNT(f32_edges);
    enum vec_format format = binary_ops[k].format;
    uint64_t h = VEC_HASH_START;
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++) {
        binary_ops[k].fn(&r, &in[i], &in[j]);
        h = vec_hash(h, &r, format);
      }
    printf("%s: %016llx\n", binary_ops[k].name, (unsigned long long)h);
    for (int i = 0; i < edges; i++) {
      int j = (i + 7) % edges;
      binary_ops[k].fn(&r, &in[i], &in[j]);
      printf("  %2d %2d ", i, j);
      vec_print(&r, format);
      printf("\n");
    }
  }

  for (size_t k = 0; k < COUNT(unary_ops); k++) {
    const V *in = unary_ops[k].operands == F32_IN   ? f32
                  : unary_ops[k].operands == F64_IN ? f64
                                                    : i32;
    int n = unary_ops[k].operands == F32_IN ? F32_INPUTS
            : unary_ops[k].operands == F64_IN ? F64_INPUTS : I32_INPUTS;
    printf("%s:\n", unary_ops[k].name);
    for (int i = 0; i < n; i++) {
      unary_ops[k].fn(&r, &in[i]);
      printf("  %2d ", i);
      vec_print(&r, unary_ops[k].format);
      printf("\n");
    }
  }
  return 0;
}
