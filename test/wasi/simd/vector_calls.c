/*===- vector_calls.c - v128 values through calls, globals and arrays ------===*
 *
 * Vectors as parameters (more than any target passes in registers, mixed
 * with scalars), as results, through indirect calls, live across calls
 * (aarch64 preserves only the low half of its callee-saved vector
 * registers) and through deep recursion, in globals, arrays and structs,
 * selected by a run-time condition and carried around loops.
 *
 * Written with clang's generic vector types, not wasm_simd128.h: with
 * -msimd128 they are v128 values, so the functions below take and return
 * v128; natively they are the host's vectors, and the same source computes
 * the reference output.
 *===----------------------------------------------------------------------===*/
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))

/* Unsigned lanes: the arithmetic below wraps, which signed lanes may not. */
typedef uint32_t u32x4 __attribute__((vector_size(16)));
typedef int32_t i32x4 __attribute__((vector_size(16)));
typedef uint8_t u8x16 __attribute__((vector_size(16)));
typedef int64_t i64x2 __attribute__((vector_size(16)));
typedef float f32x4 __attribute__((vector_size(16)));
typedef double f64x2 __attribute__((vector_size(16)));

static void print(const char *label, const void *v) {
  const uint8_t *b = v;
  printf("%s", label);
  for (int i = 0; i < 16; i++) printf("%s%02x", i % 4 == 0 ? " " : "", b[i]);
  printf("\n");
}

/* Sixteen vectors and six scalars, interleaved: past the argument
 * registers of every target, so some go on the stack. */
static NOINLINE u32x4 many(u32x4 a, int k, u32x4 b, double d, u32x4 c, u32x4 e,
                           f32x4 f, i64x2 g, u32x4 h, int64_t m, u32x4 i, u32x4 j,
                           u8x16 l, u32x4 n, float x, u32x4 o, u32x4 p, f64x2 q,
                           u32x4 r, int t, u32x4 s, u32x4 u) {
  u32x4 sum = a * 3 + b - c * e + h + i - j + n * o - p + r + s - u;
  sum += (u32x4)l + (u32x4)g + (u32x4)__builtin_convertvector(f, i32x4) + (u32x4)q;
  return sum + k + (uint32_t)(int32_t)d + (uint32_t)m + (uint32_t)(int32_t)x + (uint32_t)t;
}

static NOINLINE u32x4 make(uint32_t seed) {
  return (u32x4){seed, seed * 7 + 1, seed ^ 0x5555, 0u - seed};
}

static NOINLINE f64x2 make_f64(double a, double b) { return (f64x2){a, b}; }
static NOINLINE f32x4 make_f32(float a, float b, float c, float d) { return (f32x4){a, b, c, d}; }
static NOINLINE i64x2 make_i64(int64_t a, int64_t b) { return (i64x2){a, b}; }

/* The scalar arguments of many(), read at run time: constants would be
 * propagated into it and leave only its vector parameters. */
static volatile int k10 = 10, t42 = 42;
static volatile double d2_5 = 2.5;
static volatile int64_t m77 = -77;
static volatile float x3_75 = 3.75f;

/* --- Indirect calls ------------------------------------------------------------- */
static NOINLINE u32x4 op_add(u32x4 a, u32x4 b) { return a + b; }
static NOINLINE u32x4 op_mul(u32x4 a, u32x4 b) { return a * b; }
static NOINLINE u32x4 op_rotate(u32x4 a, u32x4 b) {
  return __builtin_shufflevector(a, b, 1, 2, 3, 4);
}
static NOINLINE u32x4 op_max(u32x4 a, u32x4 b) {
  u32x4 greater = (u32x4)(a > b);
  return (a & greater) | (b & ~greater);
}
static u32x4 (*const ops[])(u32x4, u32x4) = {op_add, op_mul, op_rotate, op_max};

/* An opaque call between the definition and the uses of vectors. */
static volatile int calls;
static NOINLINE void clobber(void) {
  calls++;
  /* Vector work of its own, to overwrite what registers it may. */
  volatile f32x4 junk = {1.0f, 2.0f, 3.0f, 4.0f};
  junk = junk * junk;
}

static NOINLINE u32x4 across_calls(u32x4 a, f64x2 b) {
  u32x4 x = a * a;
  f64x2 y = b * b;
  clobber();
  u32x4 z = x + (u32x4)y;
  clobber();
  return z ^ x ^ (u32x4)y;
}

/* Every level keeps a vector live across the recursive call. */
static NOINLINE u32x4 recurse(u32x4 v, int depth) {
  if (depth == 0) return v;
  u32x4 mine = v * 5 + depth;
  u32x4 deeper = recurse(__builtin_shufflevector(mine, mine, 3, 0, 1, 2), depth - 1);
  return deeper ^ mine;
}

/* --- Globals, arrays, structs ----------------------------------------------------- */
static u32x4 accumulator;
static f32x4 table[33];
struct tagged {
  char tag;
  u32x4 value;
  short small;
  f64x2 wide;
};
static struct tagged records[5];

static NOINLINE void accumulate(u32x4 v) { accumulator = accumulator * 31 + v; }

static NOINLINE u32x4 pick(int condition, u32x4 a, u32x4 b) {
  if (condition) return a;
  return b;
}

int main(void) {
  u32x4 a = make(1), b = make(-2), c = make(3), d = make(0x7fffffff);
  print("make", &a);

  u32x4 r = many(a, k10, b, d2_5, c, d, make_f32(1.5f, -2.5f, 100.0f, -0.0f),
                 make_i64(INT64_MIN, 12345), make(4), m77, make(5), make(6),
                 (u8x16)make(0x80ff01fe), make(7), x3_75, make(8), make(9),
                 make_f64(-1.5, 1e10), make(10), t42, make(11), make(12));
  print("many", &r);

  u32x4 v = a;
  for (int i = 0; i < 40; i++) {
    v = ops[i % 4](v, make(i));
    if (i % 8 == 7) print("indirect", &v);
  }

  r = across_calls(make(123456), make_f64(3.0e5, -7.25));
  print("across calls", &r);
  printf("clobber called %d times\n", calls);

  r = recurse(make(9), 2000);
  print("recursion", &r);

  for (int i = 0; i < 100; i++) accumulate(make(i));
  print("global", &accumulator);

  for (int i = 0; i < 33; i++) table[i] = (f32x4){(float)i, (float)-i, i * 0.5f, i * 0.25f};
  f32x4 sum = {0, 0, 0, 0};
  for (int i = 0; i < 33; i++) sum += table[(i * 5) % 33] * table[i];
  print("array", &sum);

  for (int i = 0; i < 5; i++) {
    records[i].tag = (char)('a' + i);
    records[i].value = make(i * 1000);
    records[i].small = (short)(i * 3);
    records[i].wide = make_f64(i, -i);
  }
  u32x4 t = {0, 0, 0, 0};
  for (int i = 0; i < 5; i++)
    t += records[i].value + records[i].tag + records[i].small + (u32x4)records[i].wide;
  print("struct", &t);
  printf("struct offsets %zu %zu %zu size %zu\n", __builtin_offsetof(struct tagged, value),
         __builtin_offsetof(struct tagged, small), __builtin_offsetof(struct tagged, wide),
         sizeof(struct tagged));

  u32x4 x = make(31), y = make(-31);
  for (int i = 0; i < 4; i++) {
    r = pick(i & 1, x, y);
    print(i & 1 ? "pick first" : "pick second", &r);
  }

  /* A vector carried through a loop: an LCG per lane. */
  u32x4 state = {1, 2, 3, 4};
  u32x4 seen = {0, 0, 0, 0};
  for (int i = 0; i < 100000; i++) {
    state = state * 1664525 + 1013904223;
    seen ^= state;
  }
  print("loop", &seen);
  return 0;
}
