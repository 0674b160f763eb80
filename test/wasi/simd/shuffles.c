/*===- shuffles.c - Lane movement: shuffles, swizzles, lanes, bitwise ops ---===*
 *
 * i8x16.shuffle with many immediate patterns (and the i16/i32/i64 shuffle
 * intrinsics, which are the same instruction), i8x16.swizzle with indices
 * out of range (the lane is 0), splat of every lane type from run-time
 * scalars (NaN payloads included: splat and the lane instructions move
 * bits, they compute nothing), extract_lane (signed and unsigned) and
 * replace_lane of every lane of every type, v128.const, and the bitwise
 * operations and/or/xor/andnot/not/bitselect. With -msimd128 these are the
 * wasm_simd128.h intrinsics; natively, scalar code from the specification.
 *===----------------------------------------------------------------------===*/
#include "vec.h"

#define NOINLINE __attribute__((noinline))
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef void (*binary_fn)(V *, const V *, const V *);

/* --- Shuffles ------------------------------------------------------------------
 * Lane i of the result is lane idx[i] of the 2N lanes of a then b, for lanes
 * of W bytes. */
#ifdef __wasm_simd128__
#define SHUFFLE(name, INTRINSIC, W, ...)                    \
  static NOINLINE void name(V *r, const V *a, const V *b) { \
    r->v = INTRINSIC(a->v, b->v, __VA_ARGS__);              \
  }
#else
#define SHUFFLE(name, INTRINSIC, W, ...)                       \
  static NOINLINE void name(V *r, const V *a, const V *b) {    \
    static const int idx[] = {__VA_ARGS__};                    \
    V t;                                                       \
    for (int i = 0; i < 16 / (W); i++)                         \
      for (int k = 0; k < (W); k++) {                          \
        int byte = idx[i] * (W) + k;                           \
        t.u8[i * (W) + k] = byte < 16 ? a->u8[byte] : b->u8[byte - 16]; \
      }                                                        \
    *r = t;                                                    \
  }
#endif

SHUFFLE(reverse, wasm_i8x16_shuffle, 1, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
SHUFFLE(interleave_low, wasm_i8x16_shuffle, 1,
        0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23)
SHUFFLE(interleave_high, wasm_i8x16_shuffle, 1,
        8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31)
SHUFFLE(second_reversed, wasm_i8x16_shuffle, 1,
        31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16)
SHUFFLE(broadcast_5, wasm_i8x16_shuffle, 1, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5)
SHUFFLE(broadcast_b_30, wasm_i8x16_shuffle, 1,
        30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30)
SHUFFLE(zigzag, wasm_i8x16_shuffle, 1, 0, 31, 2, 29, 4, 27, 6, 25, 8, 23, 10, 21, 12, 19, 14, 17)
SHUFFLE(rotate_3, wasm_i8x16_shuffle, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18)
SHUFFLE(blend_odd, wasm_i8x16_shuffle, 1, 0, 17, 2, 19, 4, 21, 6, 23, 8, 25, 10, 27, 12, 29, 14, 31)
SHUFFLE(scatter, wasm_i8x16_shuffle, 1, 7, 0, 23, 16, 31, 9, 9, 2, 18, 14, 5, 27, 12, 20, 3, 11)
SHUFFLE(low_halves, wasm_i8x16_shuffle, 1, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23)
SHUFFLE(i16_mix, wasm_i16x8_shuffle, 2, 7, 8, 1, 14, 3, 12, 5, 10)
SHUFFLE(i16_swap_pairs, wasm_i16x8_shuffle, 2, 1, 0, 3, 2, 5, 4, 7, 6)
SHUFFLE(i32_mix, wasm_i32x4_shuffle, 4, 3, 6, 1, 4)
SHUFFLE(i32_broadcast_2, wasm_i32x4_shuffle, 4, 2, 2, 2, 2)
SHUFFLE(i64_cross, wasm_i64x2_shuffle, 8, 1, 2)
SHUFFLE(i64_swap, wasm_i64x2_shuffle, 8, 1, 0)

/* --- Swizzle: indices 16 and above give 0 ------------------------------------ */
#ifdef __wasm_simd128__
static NOINLINE void swizzle(V *r, const V *a, const V *s) {
  r->v = wasm_i8x16_swizzle(a->v, s->v);
}
#else
static NOINLINE void swizzle(V *r, const V *a, const V *s) {
  V t;
  for (int i = 0; i < 16; i++) t.u8[i] = s->u8[i] < 16 ? a->u8[s->u8[i]] : 0;
  *r = t;
}
#endif

/* --- Bitwise operations -------------------------------------------------------- */
#ifdef __wasm_simd128__
#define BITWISE(name, SIMD, EXPR) \
  static NOINLINE void name(V *r, const V *a, const V *b) { r->v = SIMD(a->v, b->v); }
#else
#define BITWISE(name, SIMD, EXPR)                           \
  static NOINLINE void name(V *r, const V *a, const V *b) { \
    V t;                                                    \
    for (int i = 0; i < 2; i++) {                           \
      uint64_t x = a->u64[i], y = b->u64[i];                \
      t.u64[i] = (EXPR);                                    \
    }                                                       \
    *r = t;                                                 \
  }
#endif

BITWISE(v128_and, wasm_v128_and, x & y)
BITWISE(v128_or, wasm_v128_or, x | y)
BITWISE(v128_xor, wasm_v128_xor, x ^ y)
BITWISE(v128_andnot, wasm_v128_andnot, x & ~y)

static const struct {
  const char *name;
  binary_fn fn;
} binary_ops[] = {
#define OP(name) {#name, name}
    OP(reverse), OP(interleave_low), OP(interleave_high), OP(second_reversed),
    OP(broadcast_5), OP(broadcast_b_30), OP(zigzag), OP(rotate_3),
    OP(blend_odd), OP(scatter), OP(low_halves), OP(i16_mix),
    OP(i16_swap_pairs), OP(i32_mix), OP(i32_broadcast_2), OP(i64_cross),
    OP(i64_swap), OP(swizzle), OP(v128_and), OP(v128_or), OP(v128_xor),
    OP(v128_andnot),
};

#ifdef __wasm_simd128__
static NOINLINE void v128_not(V *r, const V *a) { r->v = wasm_v128_not(a->v); }
/* Bits of m pick a, clear bits pick b. */
static NOINLINE void bitselect(V *r, const V *a, const V *b, const V *m) {
  r->v = wasm_v128_bitselect(a->v, b->v, m->v);
}
#else
static NOINLINE void v128_not(V *r, const V *a) {
  for (int i = 0; i < 2; i++) r->u64[i] = ~a->u64[i];
}
static NOINLINE void bitselect(V *r, const V *a, const V *b, const V *m) {
  V t;
  for (int i = 0; i < 2; i++) t.u64[i] = (a->u64[i] & m->u64[i]) | (b->u64[i] & ~m->u64[i]);
  *r = t;
}
#endif

/* --- Lanes ---------------------------------------------------------------------
 * The lane index of extract_lane and replace_lane is an immediate, so each
 * lane is spelled out: EACHn(M) is M(0) ... M(n-1). */
#define EACH2(M) M(0) M(1)
#define EACH4(M) EACH2(M) M(2) M(3)
#define EACH8(M) EACH4(M) M(4) M(5) M(6) M(7)
#define EACH16(M) EACH8(M) M(8) M(9) M(10) M(11) M(12) M(13) M(14) M(15)

/* Every lane, extracted as a signed then an unsigned value, then widened.
 * The vector comes by value and each lane leaves through a call: from
 * memory, the compiler would load the lanes as scalars, and into adjacent
 * memory it would store the whole vector, instead of extracting lanes. */
static NOINLINE void put_i32(int32_t *p, int32_t v) { *p = v; }
static NOINLINE void put_u32(uint32_t *p, uint32_t v) { *p = v; }
static NOINLINE void put_i64(int64_t *p, int64_t v) { *p = v; }
static NOINLINE void put_f32(float *p, float v) { *p = v; }
static NOINLINE void put_f64(double *p, double v) { *p = v; }
#ifdef __wasm_simd128__
typedef v128_t LANES;
#define IN(x) ((x).v)
#define GET_I8(k)                                   \
  put_i32(&s[k], wasm_i8x16_extract_lane(a, k));    \
  put_u32(&u[k], wasm_u8x16_extract_lane(a, k));
#define GET_I16(k)                                  \
  put_i32(&s[k], wasm_i16x8_extract_lane(a, k));    \
  put_u32(&u[k], wasm_u16x8_extract_lane(a, k));
#define GET_I32(k) put_i32(&s[k], wasm_i32x4_extract_lane(a, k));
#define GET_I64(k) put_i64(&s[k], wasm_i64x2_extract_lane(a, k));
#define GET_F32(k) put_f32(&s[k], wasm_f32x4_extract_lane(a, k));
#define GET_F64(k) put_f64(&s[k], wasm_f64x2_extract_lane(a, k));
#else
typedef V LANES;
#define IN(x) (x)
#define GET_I8(k) put_i32(&s[k], a.i8[k]); put_u32(&u[k], a.u8[k]);
#define GET_I16(k) put_i32(&s[k], a.i16[k]); put_u32(&u[k], a.u16[k]);
#define GET_I32(k) put_i32(&s[k], a.i32[k]);
#define GET_I64(k) put_i64(&s[k], a.i64[k]);
#define GET_F32(k) put_f32(&s[k], a.f32[k]);
#define GET_F64(k) put_f64(&s[k], a.f64[k]);
#endif

static NOINLINE void extract_i8(LANES a, int32_t *s, uint32_t *u) { EACH16(GET_I8) }
static NOINLINE void extract_i16(LANES a, int32_t *s, uint32_t *u) { EACH8(GET_I16) }
static NOINLINE void extract_i32(LANES a, int32_t *s) { EACH4(GET_I32) }
static NOINLINE void extract_i64(LANES a, int64_t *s) { EACH2(GET_I64) }
static NOINLINE void extract_f32(LANES a, float *s) { EACH4(GET_F32) }
static NOINLINE void extract_f64(LANES a, double *s) { EACH2(GET_F64) }

/* out[k] is a with lane k replaced by x. */
#ifdef __wasm_simd128__
#define SET(T, k) out[k].v = wasm_##T##_replace_lane(a->v, k, x);
#else
#define SET(T, k) out[k] = *a; out[k].LANE_##T[k] = x;
#endif
#define LANE_i8x16 i8
#define LANE_i16x8 i16
#define LANE_i32x4 i32
#define LANE_i64x2 i64
#define LANE_f32x4 f32
#define LANE_f64x2 f64
#define SET_I8(k) SET(i8x16, k)
#define SET_I16(k) SET(i16x8, k)
#define SET_I32(k) SET(i32x4, k)
#define SET_I64(k) SET(i64x2, k)
#define SET_F32(k) SET(f32x4, k)
#define SET_F64(k) SET(f64x2, k)

static NOINLINE void replace_i8(const V *a, int8_t x, V *out) { EACH16(SET_I8) }
static NOINLINE void replace_i16(const V *a, int16_t x, V *out) { EACH8(SET_I16) }
static NOINLINE void replace_i32(const V *a, int32_t x, V *out) { EACH4(SET_I32) }
static NOINLINE void replace_i64(const V *a, int64_t x, V *out) { EACH2(SET_I64) }
static NOINLINE void replace_f32(const V *a, float x, V *out) { EACH4(SET_F32) }
static NOINLINE void replace_f64(const V *a, double x, V *out) { EACH2(SET_F64) }

/* Splats of every lane type, into out[0..5]. */
static NOINLINE void splats(int8_t b, int16_t h, int32_t w, int64_t d, float f, double g, V *out) {
#ifdef __wasm_simd128__
  out[0].v = wasm_i8x16_splat(b);
  out[1].v = wasm_i16x8_splat(h);
  out[2].v = wasm_i32x4_splat(w);
  out[3].v = wasm_i64x2_splat(d);
  out[4].v = wasm_f32x4_splat(f);
  out[5].v = wasm_f64x2_splat(g);
#else
  for (int i = 0; i < 16; i++) out[0].i8[i] = b;
  for (int i = 0; i < 8; i++) out[1].i16[i] = h;
  for (int i = 0; i < 4; i++) out[2].i32[i] = w;
  for (int i = 0; i < 2; i++) out[3].i64[i] = d;
  for (int i = 0; i < 4; i++) out[4].f32[i] = f;
  for (int i = 0; i < 2; i++) out[5].f64[i] = g;
#endif
}

/* a XORed with constant vectors, which the wasm build materialises with
 * v128.const: out[0..5]. */
static NOINLINE void constants(const V *a, V *out) {
#ifdef __wasm_simd128__
  out[0].v = wasm_v128_xor(
      a->v, wasm_i8x16_const(1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12, 13, -14, 15, -128));
  out[1].v = wasm_v128_xor(
      a->v, wasm_i16x8_const(-32768, 32767, 0, -1, 0x1234, 0x5678, 0x9abc - 65536, 1));
  out[2].v = wasm_v128_xor(
      a->v, wasm_i32x4_const(INT32_MIN, INT32_MAX, 0xdeadbeef - 4294967296ll, 7));
  out[3].v = wasm_v128_xor(a->v, wasm_i64x2_const(INT64_MIN, 0x0123456789abcdefll));
  out[4].v = wasm_v128_xor(a->v, wasm_f32x4_const(-0.0f, 1.5f, -3.25e-40f, 3.0e38f));
  out[5].v = wasm_v128_xor(a->v, wasm_f64x2_const(-0.0, 6.02214076e23));
#else
  static const int8_t c0[16] = {1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12, 13, -14, 15, -128};
  static const int16_t c1[8] = {-32768, 32767, 0, -1, 0x1234, 0x5678, 0x9abc - 65536, 1};
  static const int32_t c2[4] = {INT32_MIN, INT32_MAX, (int32_t)(0xdeadbeef - 4294967296ll), 7};
  static const int64_t c3[2] = {INT64_MIN, 0x0123456789abcdefll};
  static const float c4[4] = {-0.0f, 1.5f, -3.25e-40f, 3.0e38f};
  static const double c5[2] = {-0.0, 6.02214076e23};
  const void *c[6] = {c0, c1, c2, c3, c4, c5};
  for (int k = 0; k < 6; k++) {
    V t;
    memcpy(&t, c[k], 16);
    for (int i = 0; i < 2; i++) out[k].u64[i] = a->u64[i] ^ t.u64[i];
  }
#endif
}

/* --- Operands -------------------------------------------------------------------- */
enum { INDICES = 6, RANDOM = 10, INPUTS = INDICES + RANDOM };

/* Swizzle indices in and out of range first, then random vectors. */
static void make_inputs(V *in) {
  static const uint8_t indices[INDICES][16] = {
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
      {15, 16, 17, 31, 32, 127, 128, 129, 255, 0, 14, 1, 13, 2, 12, 240},
      {0x10, 0x20, 0x40, 0x80, 0xf0, 0xff, 0x0f, 0x1f, 3, 3, 3, 3, 0x83, 0x43, 0x23, 0x13},
      {9, 9, 9, 9, 9, 9, 9, 9, 200, 200, 200, 200, 200, 200, 200, 200},
      {7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8},
      {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
       0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
  };
  uint32_t state = vec_seed;
  for (int i = 0; i < INDICES; i++) memcpy(in[i].u8, indices[i], 16);
  for (int i = INDICES; i < INPUTS; i++) in[i] = vec_random_value(&state);
}

/* Scalars for splat and replace_lane: the bits of several lanes of the
 * inputs, so NaNs with payloads, -0.0 and the integer limits occur. */
static const uint64_t scalar_bits[] = {
    0, 0xffffffffffffffffull, 0x8000000000000000ull, 0x7fffffffffffffffull,
    0x7fa000017fa00001ull, 0xffc12345ffc12345ull, 0x7ff4000000000001ull,
    0xfff8000000012345ull, 0x80000000ffffff80ull, 0x0000000000007f80ull,
};

int main(void) {
  V in[INPUTS], r;
  make_inputs(in);

  for (size_t k = 0; k < COUNT(binary_ops); k++) {
    uint64_t h = VEC_HASH_START;
    for (int i = 0; i < INPUTS; i++)
      for (int j = 0; j < INPUTS; j++) {
        binary_ops[k].fn(&r, &in[i], &in[j]);
        h = vec_hash(h, &r, AS_BITS);
      }
    printf("%s: %016llx\n", binary_ops[k].name, (unsigned long long)h);
    /* Swizzle takes the random vectors as data and the others as indices. */
    for (int i = 0; i < INDICES; i++) {
      binary_ops[k].fn(&r, &in[INDICES + i], &in[i]);
      printf("  %2d %2d ", INDICES + i, i);
      vec_print_bits(&r);
      printf("\n");
    }
  }

  printf("v128_not, bitselect:\n");
  for (int i = 0; i < INPUTS; i++) {
    v128_not(&r, &in[i]);
    printf("  %2d ", i);
    vec_print_bits(&r);
    bitselect(&r, &in[i], &in[(i + 1) % INPUTS], &in[(i + 2) % INPUTS]);
    printf(" | ");
    vec_print_bits(&r);
    printf("\n");
  }

  printf("extract_lane:\n");
  for (int i = 0; i < INPUTS; i++) {
    int32_t s[16];
    uint32_t u[16];
    int64_t d[2];
    float f[4];
    double g[2];
    printf("  %2d i8", i);
    extract_i8(IN(in[i]), s, u);
    for (int k = 0; k < 16; k++) printf(" %d/%u", s[k], u[k]);
    printf("\n     i16");
    extract_i16(IN(in[i]), s, u);
    for (int k = 0; k < 8; k++) printf(" %d/%u", s[k], u[k]);
    printf("\n     i32");
    extract_i32(IN(in[i]), s);
    for (int k = 0; k < 4; k++) printf(" %d", s[k]);
    printf("\n     i64");
    extract_i64(IN(in[i]), d);
    for (int k = 0; k < 2; k++) printf(" %lld", (long long)d[k]);
    printf("\n     f32");
    extract_f32(IN(in[i]), f);
    for (int k = 0; k < 4; k++) printf(" %08x", f32_bits(f[k]));
    printf("\n     f64");
    extract_f64(IN(in[i]), g);
    for (int k = 0; k < 2; k++) printf(" %016llx", (unsigned long long)f64_bits(g[k]));
    printf("\n");
  }

  printf("replace_lane, splat:\n");
  for (size_t c = 0; c < COUNT(scalar_bits); c++) {
    uint64_t bits = scalar_bits[c];
    const V *a = &in[INDICES + c % RANDOM];
    V out[16];
    uint64_t h = VEC_HASH_START;
    replace_i8(a, (int8_t)bits, out);
    for (int k = 0; k < 16; k++) h = vec_hash(h, &out[k], AS_BITS);
    replace_i16(a, (int16_t)bits, out);
    for (int k = 0; k < 8; k++) h = vec_hash(h, &out[k], AS_BITS);
    replace_i32(a, (int32_t)bits, out);
    for (int k = 0; k < 4; k++) h = vec_hash(h, &out[k], AS_BITS);
    replace_i64(a, (int64_t)bits, out);
    for (int k = 0; k < 2; k++) h = vec_hash(h, &out[k], AS_BITS);
    replace_f32(a, f32_from((uint32_t)bits), out);
    for (int k = 0; k < 4; k++) h = vec_hash(h, &out[k], AS_BITS);
    /* The last one in full: a NaN's payload must survive the lane. */
    printf("  %016llx replace %016llx ", (unsigned long long)bits, (unsigned long long)h);
    vec_print_bits(&out[3]);
    replace_f64(a, f64_from(bits), out);
    printf(" | ");
    vec_print_bits(&out[1]);
    printf("\n    splat");
    splats((int8_t)bits, (int16_t)(bits >> 8), (int32_t)(bits >> 16), (int64_t)bits,
           f32_from((uint32_t)bits), f64_from(bits), out);
    for (int k = 0; k < 6; k++) {
      printf(" ");
      vec_print_bits(&out[k]);
    }
    printf("\n");
  }

  printf("v128.const:\n");
  for (int i = 0; i < INPUTS; i += 5) {
    V out[6];
    constants(&in[i], out);
    for (int k = 0; k < 6; k++) {
      printf("  %2d %d ", i, k);
      vec_print_bits(&out[k]);
      printf("\n");
    }
  }
  return 0;
}
