/*===- int_ops.c - Integer lanes of every width through v128 ---------------===*
 *
 * Every integer operation of WebAssembly SIMD on i8x16, i16x8, i32x4 and
 * i64x2: arithmetic, saturating arithmetic, min/max, avgr, abs/neg,
 * popcnt, shifts, comparisons, bitmask, all_true/any_true, narrowing,
 * extension, extmul, extadd_pairwise, dot and q15mulr. With -msimd128 each
 * operation is its wasm_simd128.h intrinsic; natively it is a scalar loop
 * that follows the specification (see vec.h).
 *
 * Operands are edge vectors (INT_MIN and INT_MAX of each width, -1, 0,
 * saturation boundaries) and pseudo-random ones. Each operation is applied
 * to every pair of operands: one hash line covers them all, then the
 * results for the edge operands are printed in full, so that a difference
 * shows which operation and which lanes.
 *===----------------------------------------------------------------------===*/
#include "vec.h"

#define NOINLINE __attribute__((noinline))

/* The operations are called through these tables, with operands the
 * compiler cannot see, so each intrinsic is compiled as an instruction. */
typedef void (*binary_fn)(V *, const V *, const V *);
typedef void (*unary_fn)(V *, const V *);
typedef void (*shift_fn)(V *, const V *, uint32_t);
typedef uint32_t (*reduce_fn)(const V *);

#ifndef __wasm_simd128__
static int sat(int64_t v, int64_t lo, int64_t hi) {
  return (int)(v < lo ? lo : v > hi ? hi : v);
}
#endif

/* --- Lane-wise binary operations ------------------------------------------
 * F is the lane field of both operands and the result, N the lane count,
 * EXPR the result lane from x and y (lane values of F's type). */
#ifdef __wasm_simd128__
#define BINARY(name, SIMD, F, N, EXPR) \
  static NOINLINE void name(V *r, const V *a, const V *b) { r->v = SIMD(a->v, b->v); }
#else
#define BINARY(name, SIMD, F, N, EXPR)                      \
  static NOINLINE void name(V *r, const V *a, const V *b) { \
    V t;                                                    \
    for (int i = 0; i < N; i++) {                           \
      __typeof__(a->F[0]) x = a->F[i], y = b->F[i];         \
      t.F[i] = (EXPR);                                      \
    }                                                       \
    *r = t;                                                 \
  }
#endif

BINARY(i8x16_add, wasm_i8x16_add, u8, 16, x + y)
BINARY(i8x16_sub, wasm_i8x16_sub, u8, 16, x - y)
BINARY(i8x16_add_sat_s, wasm_i8x16_add_sat, i8, 16, sat(x + y, -128, 127))
BINARY(i8x16_add_sat_u, wasm_u8x16_add_sat, u8, 16, sat(x + y, 0, 255))
BINARY(i8x16_sub_sat_s, wasm_i8x16_sub_sat, i8, 16, sat(x - y, -128, 127))
BINARY(i8x16_sub_sat_u, wasm_u8x16_sub_sat, u8, 16, sat(x - y, 0, 255))
BINARY(i8x16_min_s, wasm_i8x16_min, i8, 16, x < y ? x : y)
BINARY(i8x16_min_u, wasm_u8x16_min, u8, 16, x < y ? x : y)
BINARY(i8x16_max_s, wasm_i8x16_max, i8, 16, x > y ? x : y)
BINARY(i8x16_max_u, wasm_u8x16_max, u8, 16, x > y ? x : y)
BINARY(i8x16_avgr_u, wasm_u8x16_avgr, u8, 16, (x + y + 1) >> 1)
BINARY(i8x16_eq, wasm_i8x16_eq, i8, 16, x == y ? -1 : 0)
BINARY(i8x16_ne, wasm_i8x16_ne, i8, 16, x != y ? -1 : 0)
BINARY(i8x16_lt_s, wasm_i8x16_lt, i8, 16, x < y ? -1 : 0)
BINARY(i8x16_lt_u, wasm_u8x16_lt, u8, 16, x < y ? 0xff : 0)
BINARY(i8x16_gt_s, wasm_i8x16_gt, i8, 16, x > y ? -1 : 0)
BINARY(i8x16_gt_u, wasm_u8x16_gt, u8, 16, x > y ? 0xff : 0)
BINARY(i8x16_le_s, wasm_i8x16_le, i8, 16, x <= y ? -1 : 0)
BINARY(i8x16_le_u, wasm_u8x16_le, u8, 16, x <= y ? 0xff : 0)
BINARY(i8x16_ge_s, wasm_i8x16_ge, i8, 16, x >= y ? -1 : 0)
BINARY(i8x16_ge_u, wasm_u8x16_ge, u8, 16, x >= y ? 0xff : 0)

BINARY(i16x8_add, wasm_i16x8_add, u16, 8, x + y)
BINARY(i16x8_sub, wasm_i16x8_sub, u16, 8, x - y)
BINARY(i16x8_mul, wasm_i16x8_mul, u16, 8, (uint32_t)x * y)
BINARY(i16x8_add_sat_s, wasm_i16x8_add_sat, i16, 8, sat(x + y, -32768, 32767))
BINARY(i16x8_add_sat_u, wasm_u16x8_add_sat, u16, 8, sat(x + y, 0, 65535))
BINARY(i16x8_sub_sat_s, wasm_i16x8_sub_sat, i16, 8, sat(x - y, -32768, 32767))
BINARY(i16x8_sub_sat_u, wasm_u16x8_sub_sat, u16, 8, sat(x - y, 0, 65535))
BINARY(i16x8_min_s, wasm_i16x8_min, i16, 8, x < y ? x : y)
BINARY(i16x8_min_u, wasm_u16x8_min, u16, 8, x < y ? x : y)
BINARY(i16x8_max_s, wasm_i16x8_max, i16, 8, x > y ? x : y)
BINARY(i16x8_max_u, wasm_u16x8_max, u16, 8, x > y ? x : y)
BINARY(i16x8_avgr_u, wasm_u16x8_avgr, u16, 8, (x + y + 1) >> 1)
/* Rounding Q15 multiplication; only -32768 * -32768 saturates. */
BINARY(i16x8_q15mulr_sat_s, wasm_i16x8_q15mulr_sat, i16, 8,
       sat(((int32_t)x * y + 0x4000) >> 15, -32768, 32767))
BINARY(i16x8_eq, wasm_i16x8_eq, i16, 8, x == y ? -1 : 0)
BINARY(i16x8_ne, wasm_i16x8_ne, i16, 8, x != y ? -1 : 0)
BINARY(i16x8_lt_s, wasm_i16x8_lt, i16, 8, x < y ? -1 : 0)
BINARY(i16x8_lt_u, wasm_u16x8_lt, u16, 8, x < y ? 0xffff : 0)
BINARY(i16x8_gt_s, wasm_i16x8_gt, i16, 8, x > y ? -1 : 0)
BINARY(i16x8_gt_u, wasm_u16x8_gt, u16, 8, x > y ? 0xffff : 0)
BINARY(i16x8_le_s, wasm_i16x8_le, i16, 8, x <= y ? -1 : 0)
BINARY(i16x8_le_u, wasm_u16x8_le, u16, 8, x <= y ? 0xffff : 0)
BINARY(i16x8_ge_s, wasm_i16x8_ge, i16, 8, x >= y ? -1 : 0)
BINARY(i16x8_ge_u, wasm_u16x8_ge, u16, 8, x >= y ? 0xffff : 0)

BINARY(i32x4_add, wasm_i32x4_add, u32, 4, x + y)
BINARY(i32x4_sub, wasm_i32x4_sub, u32, 4, x - y)
BINARY(i32x4_mul, wasm_i32x4_mul, u32, 4, x * y)
BINARY(i32x4_min_s, wasm_i32x4_min, i32, 4, x < y ? x : y)
BINARY(i32x4_min_u, wasm_u32x4_min, u32, 4, x < y ? x : y)
BINARY(i32x4_max_s, wasm_i32x4_max, i32, 4, x > y ? x : y)
BINARY(i32x4_max_u, wasm_u32x4_max, u32, 4, x > y ? x : y)
BINARY(i32x4_eq, wasm_i32x4_eq, i32, 4, x == y ? -1 : 0)
BINARY(i32x4_ne, wasm_i32x4_ne, i32, 4, x != y ? -1 : 0)
BINARY(i32x4_lt_s, wasm_i32x4_lt, i32, 4, x < y ? -1 : 0)
BINARY(i32x4_lt_u, wasm_u32x4_lt, u32, 4, x < y ? 0xffffffffu : 0)
BINARY(i32x4_gt_s, wasm_i32x4_gt, i32, 4, x > y ? -1 : 0)
BINARY(i32x4_gt_u, wasm_u32x4_gt, u32, 4, x > y ? 0xffffffffu : 0)
BINARY(i32x4_le_s, wasm_i32x4_le, i32, 4, x <= y ? -1 : 0)
BINARY(i32x4_le_u, wasm_u32x4_le, u32, 4, x <= y ? 0xffffffffu : 0)
BINARY(i32x4_ge_s, wasm_i32x4_ge, i32, 4, x >= y ? -1 : 0)
BINARY(i32x4_ge_u, wasm_u32x4_ge, u32, 4, x >= y ? 0xffffffffu : 0)

BINARY(i64x2_add, wasm_i64x2_add, u64, 2, x + y)
BINARY(i64x2_sub, wasm_i64x2_sub, u64, 2, x - y)
BINARY(i64x2_mul, wasm_i64x2_mul, u64, 2, x * y)
BINARY(i64x2_eq, wasm_i64x2_eq, i64, 2, x == y ? -1 : 0)
BINARY(i64x2_ne, wasm_i64x2_ne, i64, 2, x != y ? -1 : 0)
BINARY(i64x2_lt_s, wasm_i64x2_lt, i64, 2, x < y ? -1 : 0)
BINARY(i64x2_gt_s, wasm_i64x2_gt, i64, 2, x > y ? -1 : 0)
BINARY(i64x2_le_s, wasm_i64x2_le, i64, 2, x <= y ? -1 : 0)
BINARY(i64x2_ge_s, wasm_i64x2_ge, i64, 2, x >= y ? -1 : 0)

/* --- Narrowing, extmul and dot: result lanes wider or narrower ----------- */
#ifdef __wasm_simd128__
#define NARROW(name, SIMD, RF, AF, N, LO, HI) BINARY(name, SIMD, RF, N, 0)
#else
/* The first operand's lanes, then the second's, each saturated. */
#define NARROW(name, SIMD, RF, AF, N, LO, HI)                 \
  static NOINLINE void name(V *r, const V *a, const V *b) {   \
    V t;                                                      \
    for (int i = 0; i < N; i++)                               \
      t.RF[i] = sat(i < N / 2 ? a->AF[i] : b->AF[i - N / 2], LO, HI); \
    *r = t;                                                   \
  }
#endif

NARROW(i8x16_narrow_i16x8_s, wasm_i8x16_narrow_i16x8, i8, i16, 16, -128, 127)
NARROW(i8x16_narrow_i16x8_u, wasm_u8x16_narrow_i16x8, u8, i16, 16, 0, 255)
NARROW(i16x8_narrow_i32x4_s, wasm_i16x8_narrow_i32x4, i16, i32, 8, -32768, 32767)
NARROW(i16x8_narrow_i32x4_u, wasm_u16x8_narrow_i32x4, u16, i32, 8, 0, 65535)

#ifdef __wasm_simd128__
#define EXTMUL(name, SIMD, RF, AF, N, FROM) BINARY(name, SIMD, RF, N, 0)
#else
/* Lanes FROM..FROM+N-1 of both operands, widened, then multiplied. */
#define EXTMUL(name, SIMD, RF, AF, N, FROM)                                \
  static NOINLINE void name(V *r, const V *a, const V *b) {                \
    V t;                                                                   \
    for (int i = 0; i < N; i++)                                            \
      t.RF[i] = (__typeof__(t.RF[0]))a->AF[FROM + i] * (__typeof__(t.RF[0]))b->AF[FROM + i]; \
    *r = t;                                                                \
  }
#endif

EXTMUL(i16x8_extmul_low_i8x16_s, wasm_i16x8_extmul_low_i8x16, i16, i8, 8, 0)
EXTMUL(i16x8_extmul_high_i8x16_s, wasm_i16x8_extmul_high_i8x16, i16, i8, 8, 8)
EXTMUL(i16x8_extmul_low_i8x16_u, wasm_u16x8_extmul_low_u8x16, u16, u8, 8, 0)
EXTMUL(i16x8_extmul_high_i8x16_u, wasm_u16x8_extmul_high_u8x16, u16, u8, 8, 8)
EXTMUL(i32x4_extmul_low_i16x8_s, wasm_i32x4_extmul_low_i16x8, i32, i16, 4, 0)
EXTMUL(i32x4_extmul_high_i16x8_s, wasm_i32x4_extmul_high_i16x8, i32, i16, 4, 4)
EXTMUL(i32x4_extmul_low_i16x8_u, wasm_u32x4_extmul_low_u16x8, u32, u16, 4, 0)
EXTMUL(i32x4_extmul_high_i16x8_u, wasm_u32x4_extmul_high_u16x8, u32, u16, 4, 4)
EXTMUL(i64x2_extmul_low_i32x4_s, wasm_i64x2_extmul_low_i32x4, i64, i32, 2, 0)
EXTMUL(i64x2_extmul_high_i32x4_s, wasm_i64x2_extmul_high_i32x4, i64, i32, 2, 2)
EXTMUL(i64x2_extmul_low_i32x4_u, wasm_u64x2_extmul_low_u32x4, u64, u32, 2, 0)
EXTMUL(i64x2_extmul_high_i32x4_u, wasm_u64x2_extmul_high_u32x4, u64, u32, 2, 2)

#ifdef __wasm_simd128__
BINARY(i32x4_dot_i16x8_s, wasm_i32x4_dot_i16x8, i32, 4, 0)
#else
/* Adjacent products summed, wrapping: only all four inputs -32768 wrap. */
static NOINLINE void i32x4_dot_i16x8_s(V *r, const V *a, const V *b) {
  V t;
  for (int i = 0; i < 4; i++)
    t.u32[i] = (uint32_t)((int64_t)a->i16[2 * i] * b->i16[2 * i] +
                          (int64_t)a->i16[2 * i + 1] * b->i16[2 * i + 1]);
  *r = t;
}
#endif

static const struct {
  const char *name;
  binary_fn fn;
} binary_ops[] = {
#define OP(name) {#name, name}
    OP(i8x16_add), OP(i8x16_sub), OP(i8x16_add_sat_s), OP(i8x16_add_sat_u),
    OP(i8x16_sub_sat_s), OP(i8x16_sub_sat_u), OP(i8x16_min_s), OP(i8x16_min_u),
    OP(i8x16_max_s), OP(i8x16_max_u), OP(i8x16_avgr_u), OP(i8x16_eq),
    OP(i8x16_ne), OP(i8x16_lt_s), OP(i8x16_lt_u), OP(i8x16_gt_s),
    OP(i8x16_gt_u), OP(i8x16_le_s), OP(i8x16_le_u), OP(i8x16_ge_s),
    OP(i8x16_ge_u),
    OP(i16x8_add), OP(i16x8_sub), OP(i16x8_mul), OP(i16x8_add_sat_s),
    OP(i16x8_add_sat_u), OP(i16x8_sub_sat_s), OP(i16x8_sub_sat_u),
    OP(i16x8_min_s), OP(i16x8_min_u), OP(i16x8_max_s), OP(i16x8_max_u),
    OP(i16x8_avgr_u), OP(i16x8_q15mulr_sat_s), OP(i16x8_eq), OP(i16x8_ne),
    OP(i16x8_lt_s), OP(i16x8_lt_u), OP(i16x8_gt_s), OP(i16x8_gt_u),
    OP(i16x8_le_s), OP(i16x8_le_u), OP(i16x8_ge_s), OP(i16x8_ge_u),
    OP(i32x4_add), OP(i32x4_sub), OP(i32x4_mul), OP(i32x4_min_s),
    OP(i32x4_min_u), OP(i32x4_max_s), OP(i32x4_max_u), OP(i32x4_eq),
    OP(i32x4_ne), OP(i32x4_lt_s), OP(i32x4_lt_u), OP(i32x4_gt_s),
    OP(i32x4_gt_u), OP(i32x4_le_s), OP(i32x4_le_u), OP(i32x4_ge_s),
    OP(i32x4_ge_u),
    OP(i64x2_add), OP(i64x2_sub), OP(i64x2_mul), OP(i64x2_eq), OP(i64x2_ne),
    OP(i64x2_lt_s), OP(i64x2_gt_s), OP(i64x2_le_s), OP(i64x2_ge_s),
    OP(i8x16_narrow_i16x8_s), OP(i8x16_narrow_i16x8_u),
    OP(i16x8_narrow_i32x4_s), OP(i16x8_narrow_i32x4_u),
    OP(i16x8_extmul_low_i8x16_s), OP(i16x8_extmul_high_i8x16_s),
    OP(i16x8_extmul_low_i8x16_u), OP(i16x8_extmul_high_i8x16_u),
    OP(i32x4_extmul_low_i16x8_s), OP(i32x4_extmul_high_i16x8_s),
    OP(i32x4_extmul_low_i16x8_u), OP(i32x4_extmul_high_i16x8_u),
    OP(i64x2_extmul_low_i32x4_s), OP(i64x2_extmul_high_i32x4_s),
    OP(i64x2_extmul_low_i32x4_u), OP(i64x2_extmul_high_i32x4_u),
    OP(i32x4_dot_i16x8_s),
};

/* --- Unary operations ----------------------------------------------------- */
#ifdef __wasm_simd128__
#define UNARY(name, SIMD, F, N, EXPR) \
  static NOINLINE void name(V *r, const V *a) { r->v = SIMD(a->v); }
#define WIDEN(name, SIMD, RF, AF, N, EXPR) UNARY(name, SIMD, RF, N, 0)
#else
#define UNARY(name, SIMD, F, N, EXPR)            \
  static NOINLINE void name(V *r, const V *a) {  \
    V t;                                         \
    for (int i = 0; i < N; i++) {                \
      __typeof__(a->F[0]) x = a->F[i];           \
      t.F[i] = (EXPR);                           \
    }                                            \
    *r = t;                                      \
  }
/* Result lane i from the source lanes: EXPR reads a->AF[...] with i. */
#define WIDEN(name, SIMD, RF, AF, N, EXPR)       \
  static NOINLINE void name(V *r, const V *a) {  \
    V t;                                         \
    for (int i = 0; i < N; i++)                  \
      t.RF[i] = (EXPR);                          \
    *r = t;                                      \
  }
#endif

/* abs and neg wrap: abs(INT_MIN) is INT_MIN. Computed unsigned. */
UNARY(i8x16_abs, wasm_i8x16_abs, u8, 16, x & 0x80 ? 0x100 - x : x)
UNARY(i8x16_neg, wasm_i8x16_neg, u8, 16, 0x100 - x)
UNARY(i8x16_popcnt, wasm_i8x16_popcnt, u8, 16, __builtin_popcount(x))
UNARY(i16x8_abs, wasm_i16x8_abs, u16, 8, x & 0x8000 ? 0x10000 - x : x)
UNARY(i16x8_neg, wasm_i16x8_neg, u16, 8, 0x10000 - x)
UNARY(i32x4_abs, wasm_i32x4_abs, u32, 4, x & 0x80000000u ? 0u - x : x)
UNARY(i32x4_neg, wasm_i32x4_neg, u32, 4, 0u - x)
UNARY(i64x2_abs, wasm_i64x2_abs, u64, 2, x >> 63 ? 0ull - x : x)
UNARY(i64x2_neg, wasm_i64x2_neg, u64, 2, 0ull - x)

WIDEN(i16x8_extend_low_i8x16_s, wasm_i16x8_extend_low_i8x16, i16, i8, 8, a->i8[i])
WIDEN(i16x8_extend_high_i8x16_s, wasm_i16x8_extend_high_i8x16, i16, i8, 8, a->i8[8 + i])
WIDEN(i16x8_extend_low_i8x16_u, wasm_u16x8_extend_low_u8x16, u16, u8, 8, a->u8[i])
WIDEN(i16x8_extend_high_i8x16_u, wasm_u16x8_extend_high_u8x16, u16, u8, 8, a->u8[8 + i])
WIDEN(i32x4_extend_low_i16x8_s, wasm_i32x4_extend_low_i16x8, i32, i16, 4, a->i16[i])
WIDEN(i32x4_extend_high_i16x8_s, wasm_i32x4_extend_high_i16x8, i32, i16, 4, a->i16[4 + i])
WIDEN(i32x4_extend_low_i16x8_u, wasm_u32x4_extend_low_u16x8, u32, u16, 4, a->u16[i])
WIDEN(i32x4_extend_high_i16x8_u, wasm_u32x4_extend_high_u16x8, u32, u16, 4, a->u16[4 + i])
WIDEN(i64x2_extend_low_i32x4_s, wasm_i64x2_extend_low_i32x4, i64, i32, 2, a->i32[i])
WIDEN(i64x2_extend_high_i32x4_s, wasm_i64x2_extend_high_i32x4, i64, i32, 2, a->i32[2 + i])
WIDEN(i64x2_extend_low_i32x4_u, wasm_u64x2_extend_low_u32x4, u64, u32, 2, a->u32[i])
WIDEN(i64x2_extend_high_i32x4_u, wasm_u64x2_extend_high_u32x4, u64, u32, 2, a->u32[2 + i])
WIDEN(i16x8_extadd_pairwise_i8x16_s, wasm_i16x8_extadd_pairwise_i8x16, i16, i8, 8,
      a->i8[2 * i] + a->i8[2 * i + 1])
WIDEN(i16x8_extadd_pairwise_i8x16_u, wasm_u16x8_extadd_pairwise_u8x16, u16, u8, 8,
      a->u8[2 * i] + a->u8[2 * i + 1])
WIDEN(i32x4_extadd_pairwise_i16x8_s, wasm_i32x4_extadd_pairwise_i16x8, i32, i16, 4,
      a->i16[2 * i] + a->i16[2 * i + 1])
WIDEN(i32x4_extadd_pairwise_i16x8_u, wasm_u32x4_extadd_pairwise_u16x8, u32, u16, 4,
      (uint32_t)a->u16[2 * i] + a->u16[2 * i + 1])

static const struct {
  const char *name;
  unary_fn fn;
} unary_ops[] = {
    OP(i8x16_abs), OP(i8x16_neg), OP(i8x16_popcnt), OP(i16x8_abs),
    OP(i16x8_neg), OP(i32x4_abs), OP(i32x4_neg), OP(i64x2_abs), OP(i64x2_neg),
    OP(i16x8_extend_low_i8x16_s), OP(i16x8_extend_high_i8x16_s),
    OP(i16x8_extend_low_i8x16_u), OP(i16x8_extend_high_i8x16_u),
    OP(i32x4_extend_low_i16x8_s), OP(i32x4_extend_high_i16x8_s),
    OP(i32x4_extend_low_i16x8_u), OP(i32x4_extend_high_i16x8_u),
    OP(i64x2_extend_low_i32x4_s), OP(i64x2_extend_high_i32x4_s),
    OP(i64x2_extend_low_i32x4_u), OP(i64x2_extend_high_i32x4_u),
    OP(i16x8_extadd_pairwise_i8x16_s), OP(i16x8_extadd_pairwise_i8x16_u),
    OP(i32x4_extadd_pairwise_i16x8_s), OP(i32x4_extadd_pairwise_i16x8_u),
};

/* --- Shifts: the count is taken modulo the lane width ---------------------- */
#ifdef __wasm_simd128__
#define SHIFT(name, SIMD, F, N, EXPR) \
  static NOINLINE void name(V *r, const V *a, uint32_t n) { r->v = SIMD(a->v, n); }
#else
#define SHIFT(name, SIMD, F, N, EXPR)                        \
  static NOINLINE void name(V *r, const V *a, uint32_t n) {  \
    V t;                                                     \
    n &= sizeof(a->F[0]) * 8 - 1;                            \
    for (int i = 0; i < N; i++) {                            \
      __typeof__(a->F[0]) x = a->F[i];                       \
      t.F[i] = (EXPR);                                       \
    }                                                        \
    *r = t;                                                  \
  }
#endif

SHIFT(i8x16_shl, wasm_i8x16_shl, u8, 16, x << n)
SHIFT(i8x16_shr_s, wasm_i8x16_shr, i8, 16, x >> n)
SHIFT(i8x16_shr_u, wasm_u8x16_shr, u8, 16, x >> n)
SHIFT(i16x8_shl, wasm_i16x8_shl, u16, 8, x << n)
SHIFT(i16x8_shr_s, wasm_i16x8_shr, i16, 8, x >> n)
SHIFT(i16x8_shr_u, wasm_u16x8_shr, u16, 8, x >> n)
SHIFT(i32x4_shl, wasm_i32x4_shl, u32, 4, x << n)
SHIFT(i32x4_shr_s, wasm_i32x4_shr, i32, 4, x >> n)
SHIFT(i32x4_shr_u, wasm_u32x4_shr, u32, 4, x >> n)
SHIFT(i64x2_shl, wasm_i64x2_shl, u64, 2, x << n)
SHIFT(i64x2_shr_s, wasm_i64x2_shr, i64, 2, x >> n)
SHIFT(i64x2_shr_u, wasm_u64x2_shr, u64, 2, x >> n)

static const struct {
  const char *name;
  shift_fn fn;
} shift_ops[] = {
    OP(i8x16_shl), OP(i8x16_shr_s), OP(i8x16_shr_u), OP(i16x8_shl),
    OP(i16x8_shr_s), OP(i16x8_shr_u), OP(i32x4_shl), OP(i32x4_shr_s),
    OP(i32x4_shr_u), OP(i64x2_shl), OP(i64x2_shr_s), OP(i64x2_shr_u),
};

static const uint32_t shift_counts[] = {0,  1,  3,  7,   8,   9,   15,         16,
                                        17, 31, 32, 33,  63,  64,  65,         127,
                                        128, 255, 0x7fffffffu, 0x80000000u, 0xffffffffu};

/* --- Reductions to a scalar ------------------------------------------------ */
#ifdef __wasm_simd128__
#define REDUCE(name, SIMD, F, N, INIT, STEP) \
  static NOINLINE uint32_t name(const V *a) { return SIMD(a->v); }
#else
/* s starts at INIT; STEP updates it for lane i with x. */
#define REDUCE(name, SIMD, F, N, INIT, STEP)   \
  static NOINLINE uint32_t name(const V *a) {  \
    uint32_t s = INIT;                         \
    for (int i = 0; i < N; i++) {              \
      __typeof__(a->F[0]) x = a->F[i];         \
      STEP;                                    \
    }                                          \
    return s;                                  \
  }
#endif

REDUCE(v128_any_true, wasm_v128_any_true, u8, 16, 0, s |= x != 0)
REDUCE(i8x16_all_true, wasm_i8x16_all_true, u8, 16, 1, s &= x != 0)
REDUCE(i16x8_all_true, wasm_i16x8_all_true, u16, 8, 1, s &= x != 0)
REDUCE(i32x4_all_true, wasm_i32x4_all_true, u32, 4, 1, s &= x != 0)
REDUCE(i64x2_all_true, wasm_i64x2_all_true, u64, 2, 1, s &= x != 0)
REDUCE(i8x16_bitmask, wasm_i8x16_bitmask, u8, 16, 0, s |= (uint32_t)(x >> 7) << i)
REDUCE(i16x8_bitmask, wasm_i16x8_bitmask, u16, 8, 0, s |= (uint32_t)(x >> 15) << i)
REDUCE(i32x4_bitmask, wasm_i32x4_bitmask, u32, 4, 0, s |= (x >> 31) << i)
REDUCE(i64x2_bitmask, wasm_i64x2_bitmask, u64, 2, 0, s |= (uint32_t)(x >> 63) << i)

static const struct {
  const char *name;
  reduce_fn fn;
} reduce_ops[] = {
    OP(v128_any_true), OP(i8x16_all_true), OP(i16x8_all_true),
    OP(i32x4_all_true), OP(i64x2_all_true), OP(i8x16_bitmask),
    OP(i16x8_bitmask), OP(i32x4_bitmask), OP(i64x2_bitmask),
};

/* --- Operands -------------------------------------------------------------- */
enum { EDGES = 17, RANDOM = 12, INPUTS = EDGES + RANDOM };

static void make_inputs(V *in) {
  static const int8_t b[16] = {0,    1,  -1,  127, -128, 2, -2, 100,
                               -100, 64, -64, 126, -127, 3, 50, -50};
  static const int16_t h1[8] = {0, 1, -1, 32767, -32768, 256, -256, 1000};
  static const int16_t h2[8] = {-32768, -32768, 32767, 32767, -1, 16384, -16384, 12345};
  static const int16_t h3[8] = {-32768, -32767, 32766, -2, 255, -255, 128, -129};
  static const int32_t w1[4] = {0, INT32_MIN, INT32_MAX, -1};
  static const int32_t w2[4] = {1, 65535, -65536, 0x12345678};
  static const int32_t w3[4] = {INT32_MIN, INT32_MIN, 32768, -32769};
  static const int64_t d1[2] = {INT64_MIN, INT64_MAX};
  static const int64_t d2[2] = {-1, 0x0000000100000001ll};
  static const int64_t d3[2] = {0xffffffffll, INT64_MIN + 1};
  static const int64_t d4[2] = {0, 0x00000000ffff0000ll};
  memset(in, 0, sizeof(V) * INPUTS);
  memset(in[1].u8, 0xff, 16);
  memcpy(in[2].i8, b, 16);
  memcpy(in[3].i16, h1, 16);
  memcpy(in[4].i16, h2, 16);
  memcpy(in[5].i16, h3, 16);
  memcpy(in[6].i32, w1, 16);
  memcpy(in[7].i32, w2, 16);
  memcpy(in[8].i32, w3, 16);
  memcpy(in[9].i64, d1, 16);
  memcpy(in[10].i64, d2, 16);
  memcpy(in[11].i64, d3, 16);
  memset(in[12].u8, 0x80, 16);
  memset(in[13].u8, 0x7f, 16);
  for (int i = 0; i < 16; i++) in[14].u8[i] = (uint8_t)i;
  for (int i = 0; i < 16; i++) in[15].u8[i] = (uint8_t)(i & 1 ? 0x01 : 0x00);
  memcpy(in[16].i64, d4, 16);
  uint32_t state = vec_seed;
  for (int i = EDGES; i < INPUTS; i++) in[i] = vec_random_value(&state);
}

int main(void) {
  V in[INPUTS];
  make_inputs(in);
  V r;

  for (size_t k = 0; k < sizeof binary_ops / sizeof binary_ops[0]; k++) {
    uint64_t h = VEC_HASH_START;
    for (int i = 0; i < INPUTS; i++)
      for (int j = 0; j < INPUTS; j++) {
        binary_ops[k].fn(&r, &in[i], &in[j]);
        h = vec_hash(h, &r, AS_BITS);
      }
    printf("%s: %016llx\n", binary_ops[k].name, (unsigned long long)h);
    for (int i = 0; i < EDGES; i++) {
      int j = (i + 3) % EDGES;
      binary_ops[k].fn(&r, &in[i], &in[j]);
      printf("  %2d %2d ", i, j);
      vec_print_bits(&r);
      printf("\n");
    }
  }

  for (size_t k = 0; k < sizeof unary_ops / sizeof unary_ops[0]; k++) {
    uint64_t h = VEC_HASH_START;
    for (int i = 0; i < INPUTS; i++) {
      unary_ops[k].fn(&r, &in[i]);
      h = vec_hash(h, &r, AS_BITS);
    }
    printf("%s: %016llx\n", unary_ops[k].name, (unsigned long long)h);
    for (int i = 0; i < EDGES; i++) {
      unary_ops[k].fn(&r, &in[i]);
      printf("  %2d ", i);
      vec_print_bits(&r);
      printf("\n");
    }
  }

  for (size_t k = 0; k < sizeof shift_ops / sizeof shift_ops[0]; k++) {
    uint64_t h = VEC_HASH_START;
    for (int i = 0; i < INPUTS; i++)
      for (size_t c = 0; c < sizeof shift_counts / sizeof shift_counts[0]; c++) {
        shift_ops[k].fn(&r, &in[i], shift_counts[c]);
        h = vec_hash(h, &r, AS_BITS);
      }
    printf("%s: %016llx\n", shift_ops[k].name, (unsigned long long)h);
    for (size_t c = 0; c < sizeof shift_counts / sizeof shift_counts[0]; c++) {
      shift_ops[k].fn(&r, &in[2 + c % 10], shift_counts[c]);
      printf("  %2zu by %u ", 2 + c % 10, shift_counts[c]);
      vec_print_bits(&r);
      printf("\n");
    }
  }

  for (size_t k = 0; k < sizeof reduce_ops / sizeof reduce_ops[0]; k++) {
    printf("%s:", reduce_ops[k].name);
    for (int i = 0; i < INPUTS; i++) printf(" %x", reduce_ops[k].fn(&in[i]));
    printf("\n");
  }
  return 0;
}
