/*===- loads.c - Every v128 load and store form, aligned or not ------------===*
 *
 * v128.load and v128.store, load8x8/16x4/32x2 (signed and unsigned),
 * load8/16/32/64_splat, load32/64_zero, load8/16/32/64_lane and
 * store8/16/32/64_lane, at every offset within two vectors (so at every
 * alignment), with immediate offsets small and large, and at the very end
 * of linear memory, where each access ends on the last byte. With -msimd128
 * these are the wasm_simd128.h intrinsics; natively, byte copies.
 *
 *   loads                  prints what every form reads and writes
 *   loads oob-load         a v128.load that runs 8 bytes past the end of
 *   loads oob-store        memory, a v128.store 1 byte past it, a
 *   loads oob-load-lane    load64_lane 4 bytes past it: each must trap
 *                          (after printing "before ARG"); wasm only
 *===----------------------------------------------------------------------===*/
#include "vec.h"

#define NOINLINE __attribute__((noinline))
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Vectors travel by value: a lane load into a vector in memory would
 * compile as a scalar copy, not as the lane instruction. */
#ifdef __wasm_simd128__
typedef v128_t VT;
static V from(VT v) { V r; r.v = v; return r; }
static VT to(V v) { return v.v; }
#else
typedef V VT;
static V from(VT v) { return v; }
static VT to(V v) { return v; }
#endif

/* --- Loads that make a vector from memory ------------------------------------ */
typedef VT (*load_fn)(const uint8_t *);

#ifdef __wasm_simd128__
#define LOAD(name, SIMD, SCALAR) static NOINLINE VT name(const uint8_t *p) { return SIMD; }
#else
#define LOAD(name, SIMD, SCALAR)                     \
  static NOINLINE VT name(const uint8_t *p) {        \
    V r;                                             \
    memset(&r, 0, sizeof r);                         \
    SCALAR;                                          \
    return r;                                        \
  }
#endif

/* Lane i of width W bytes from p + i * W, extended into field F. */
#define EXTEND_FROM(F, T, N) \
  for (int i = 0; i < N; i++) { T x; memcpy(&x, p + i * sizeof x, sizeof x); r.F[i] = x; }
/* Every lane of field F the value at p. */
#define SPLAT_FROM(F, T, N) \
  for (int i = 0; i < N; i++) memcpy(&r.F[i], p, sizeof(T));

LOAD(load, wasm_v128_load(p), memcpy(&r, p, 16))
/* Constant offsets become the memarg's offset immediate. */
LOAD(load_offset_17, wasm_v128_load(p + 17), memcpy(&r, p + 17, 16))
LOAD(load8x8_s, wasm_i16x8_load8x8(p), EXTEND_FROM(i16, int8_t, 8))
LOAD(load8x8_u, wasm_u16x8_load8x8(p), EXTEND_FROM(u16, uint8_t, 8))
LOAD(load16x4_s, wasm_i32x4_load16x4(p), EXTEND_FROM(i32, int16_t, 4))
LOAD(load16x4_u, wasm_u32x4_load16x4(p), EXTEND_FROM(u32, uint16_t, 4))
LOAD(load32x2_s, wasm_i64x2_load32x2(p), EXTEND_FROM(i64, int32_t, 2))
LOAD(load32x2_u, wasm_u64x2_load32x2(p), EXTEND_FROM(u64, uint32_t, 2))
LOAD(load8_splat, wasm_v128_load8_splat(p), SPLAT_FROM(u8, uint8_t, 16))
LOAD(load16_splat, wasm_v128_load16_splat(p), SPLAT_FROM(u16, uint16_t, 8))
LOAD(load32_splat, wasm_v128_load32_splat(p), SPLAT_FROM(u32, uint32_t, 4))
LOAD(load64_splat, wasm_v128_load64_splat(p), SPLAT_FROM(u64, uint64_t, 2))
LOAD(load32_zero, wasm_v128_load32_zero(p), memcpy(&r, p, 4))
LOAD(load64_zero, wasm_v128_load64_zero(p), memcpy(&r, p, 8))

static const struct {
  const char *name;
  load_fn fn;
} loads[] = {
#define OP(name) {#name, name}
    OP(load), OP(load_offset_17), OP(load8x8_s), OP(load8x8_u), OP(load16x4_s),
    OP(load16x4_u), OP(load32x2_s), OP(load32x2_u), OP(load8_splat), OP(load16_splat),
    OP(load32_splat), OP(load64_splat), OP(load32_zero), OP(load64_zero),
};

/* --- Lane loads: one lane from memory, the others from v ---------------------- */
typedef VT (*lane_load_fn)(const uint8_t *, VT);

#ifdef __wasm_simd128__
#define LANE_LOAD(name, W, LANE) \
  static NOINLINE VT name(const uint8_t *p, VT v) { return wasm_v128_load##W##_lane(p, v, LANE); }
#else
#define LANE_LOAD(name, W, LANE)                        \
  static NOINLINE VT name(const uint8_t *p, VT v) {     \
    memcpy(&v.u8[(LANE) * (W) / 8], p, (W) / 8);       \
    return v;                                           \
  }
#endif

LANE_LOAD(load8_lane_0, 8, 0)
LANE_LOAD(load8_lane_9, 8, 9)
LANE_LOAD(load8_lane_15, 8, 15)
LANE_LOAD(load16_lane_0, 16, 0)
LANE_LOAD(load16_lane_5, 16, 5)
LANE_LOAD(load16_lane_7, 16, 7)
LANE_LOAD(load32_lane_0, 32, 0)
LANE_LOAD(load32_lane_2, 32, 2)
LANE_LOAD(load32_lane_3, 32, 3)
LANE_LOAD(load64_lane_0, 64, 0)
LANE_LOAD(load64_lane_1, 64, 1)

static const struct {
  const char *name;
  lane_load_fn fn;
} lane_loads[] = {
    OP(load8_lane_0), OP(load8_lane_9), OP(load8_lane_15), OP(load16_lane_0),
    OP(load16_lane_5), OP(load16_lane_7), OP(load32_lane_0), OP(load32_lane_2),
    OP(load32_lane_3), OP(load64_lane_0), OP(load64_lane_1),
};

/* --- Stores ---------------------------------------------------------------------- */
typedef void (*store_fn)(uint8_t *, VT);

#ifdef __wasm_simd128__
#define STORE(name, SIMD, SCALAR) static NOINLINE void name(uint8_t *p, VT v) { SIMD; }
#else
#define STORE(name, SIMD, SCALAR) static NOINLINE void name(uint8_t *p, VT v) { SCALAR; }
#endif

STORE(store, wasm_v128_store(p, v), memcpy(p, &v, 16))
STORE(store_offset_33, wasm_v128_store(p + 33, v), memcpy(p + 33, &v, 16))
STORE(store8_lane_0, wasm_v128_store8_lane(p, v, 0), memcpy(p, &v.u8[0], 1))
STORE(store8_lane_13, wasm_v128_store8_lane(p, v, 13), memcpy(p, &v.u8[13], 1))
STORE(store16_lane_1, wasm_v128_store16_lane(p, v, 1), memcpy(p, &v.u16[1], 2))
STORE(store16_lane_7, wasm_v128_store16_lane(p, v, 7), memcpy(p, &v.u16[7], 2))
STORE(store32_lane_0, wasm_v128_store32_lane(p, v, 0), memcpy(p, &v.u32[0], 4))
STORE(store32_lane_3, wasm_v128_store32_lane(p, v, 3), memcpy(p, &v.u32[3], 4))
STORE(store64_lane_0, wasm_v128_store64_lane(p, v, 0), memcpy(p, &v.u64[0], 8))
STORE(store64_lane_1, wasm_v128_store64_lane(p, v, 1), memcpy(p, &v.u64[1], 8))

static const struct {
  const char *name;
  store_fn fn;
} stores[] = {
    OP(store), OP(store_offset_33), OP(store8_lane_0), OP(store8_lane_13),
    OP(store16_lane_1), OP(store16_lane_7), OP(store32_lane_0), OP(store32_lane_3),
    OP(store64_lane_0), OP(store64_lane_1),
};

/* --- A page of its own: large offsets and the end of memory -------------------- */
enum { PAGE = 65536 };

#ifdef __wasm_simd128__
/* A page grown for this program, the last of linear memory until the next
 * growth. malloc never hands it out: wasi-libc's sbrk grows past it. */
static uint8_t *own_page(void) {
  size_t old = __builtin_wasm_memory_grow(0, 1);
  if (old == (size_t)-1) {
    fprintf(stderr, "memory.grow failed\n");
    return NULL;
  }
  return (uint8_t *)(old * PAGE);
}
#else
static uint8_t native_page[PAGE] __attribute__((aligned(16)));
static uint8_t *own_page(void) { return native_page; }
#endif

LOAD(load_offset_40000, wasm_v128_load(p + 40000), memcpy(&r, p + 40000, 16))
STORE(store_offset_50001, wasm_v128_store(p + 50001, v), memcpy(p + 50001, &v, 16))

/* Each form once more with its last byte the last byte of the page: in
 * bounds, however close to the guard. */
static void at_the_end(uint8_t *page, VT fill) {
  uint8_t *end = page + PAGE;
  V got[12];
  for (int i = 0; i < PAGE; i++) page[i] = (uint8_t)(i * 7 + (i >> 8));
  got[0] = from(load(end - 16));
  got[1] = from(load8x8_s(end - 8));
  got[2] = from(load16x4_u(end - 8));
  got[3] = from(load32x2_s(end - 8));
  got[4] = from(load8_splat(end - 1));
  got[5] = from(load16_splat(end - 2));
  got[6] = from(load32_splat(end - 4));
  got[7] = from(load64_zero(end - 8));
  got[8] = from(load32_zero(end - 4));
  got[9] = from(load8_lane_15(end - 1, fill));
  got[10] = from(load64_lane_1(end - 8, fill));
  got[11] = from(load_offset_40000(end - 40016));
  store(end - 32, fill);
  store_offset_50001(end - 50017, to(got[1]));
  store8_lane_13(end - 1, fill);
  store64_lane_1(end - 10, fill);
  printf("at the end of memory:\n");
  for (size_t i = 0; i < COUNT(got); i++) {
    printf("  %2zu ", i);
    vec_print_bits(&got[i]);
    printf("\n");
  }
  printf("  last 48 bytes");
  for (int i = PAGE - 48; i < PAGE; i++) printf(" %02x", page[i]);
  printf("\n");
}

/* --- Accesses past the end: each must trap ---------------------------------------- */
#ifdef __wasm_simd128__
static NOINLINE VT trap_v128_load_past_end(const uint8_t *end) { return wasm_v128_load(end - 8); }
static NOINLINE void trap_v128_store_past_end(uint8_t *end, VT v) { wasm_v128_store(end - 15, v); }
static NOINLINE VT trap_load64_lane_past_end(const uint8_t *end, VT v) {
  return wasm_v128_load64_lane(end - 4, v, 1);
}

static int out_of_bounds(const char *what, VT v) {
  uint8_t *end = (uint8_t *)(__builtin_wasm_memory_size(0) * PAGE);
  printf("before %s\n", what);
  fflush(stdout);
  if (strcmp(what, "oob-load") == 0)
    v = trap_v128_load_past_end(end);
  else if (strcmp(what, "oob-store") == 0)
    trap_v128_store_past_end(end, v);
  else if (strcmp(what, "oob-load-lane") == 0)
    v = trap_load64_lane_past_end(end, v);
  else {
    fprintf(stderr, "loads: unknown argument %s\n", what);
    return 2;
  }
  V r = from(v);
  printf("no trap: ");
  vec_print_bits(&r);
  printf("\n");
  return 1;
}
#else
/* Natively there is no linear memory to run past. */
static int out_of_bounds(const char *what, VT v) {
  (void)v;
  fprintf(stderr, "loads: %s traps only in the wasm build\n", what);
  return 2;
}
#endif

int main(int argc, char **argv) {
  uint32_t state = vec_seed;
  VT fill = to(vec_random_value(&state));
  if (argc > 1) return out_of_bounds(argv[1], fill);

  enum { SPAN = 64, OFFSETS = 34 };
  static uint8_t mem[SPAN + 64] __attribute__((aligned(16)));
  for (size_t i = 0; i < sizeof mem; i++) mem[i] = (uint8_t)(vec_random(&state) >> 24);
  /* Sign bits set and clear in known places, for the extending loads. */
  for (int i = 0; i < 16; i++) mem[i] = (uint8_t)(i % 3 == 0 ? 0x80 | i : i * 0x11);

  for (size_t k = 0; k < COUNT(loads); k++) {
    printf("%s:\n", loads[k].name);
    for (int o = 0; o < OFFSETS; o++) {
      V r = from(loads[k].fn(mem + o));
      printf("  %2d ", o);
      vec_print_bits(&r);
      printf("\n");
    }
  }

  for (size_t k = 0; k < COUNT(lane_loads); k++) {
    printf("%s:\n", lane_loads[k].name);
    for (int o = 0; o < OFFSETS; o++) {
      V r = from(lane_loads[k].fn(mem + o, fill));
      printf("  %2d ", o);
      vec_print_bits(&r);
      printf("\n");
    }
  }

  for (size_t k = 0; k < COUNT(stores); k++) {
    printf("%s:\n", stores[k].name);
    for (int o = 0; o < 18; o++) {
      uint8_t out[SPAN];
      memset(out, 0xee, sizeof out);
      stores[k].fn(out + o, fill);
      printf("  %2d ", o);
      for (int i = 0; i < SPAN; i++) printf("%02x", out[i]);
      printf("\n");
    }
  }

  uint8_t *page = own_page();
  if (!page) return 1;
  at_the_end(page, fill);
  return 0;
}
