/*===- blur.c - A 3x3 binomial filter over an 8-bit image -------------------===*
 *
 * out = (1 2 1 / 2 4 2 / 1 2 1 weighted sum + 8) >> 4 for every interior
 * pixel, the border copied; repetitions filter the previous result. With
 * -msimd128 sixteen pixels at a time in 16-bit lanes (extend, add, shift,
 * narrow); otherwise a scalar loop, which compilers may vectorise. Integer
 * arithmetic: every build computes the same image.
 *===----------------------------------------------------------------------===*/
#include "common.h"

enum { W = 1920, H = 1080 };
static uint8_t images[2][H][W];

static inline uint8_t pixel(const uint8_t *up, const uint8_t *row, const uint8_t *down, int x) {
  unsigned sum = up[x - 1] + 2u * up[x] + up[x + 1] + 2u * row[x - 1] + 4u * row[x] +
                 2u * row[x + 1] + down[x - 1] + 2u * down[x] + down[x + 1];
  return (uint8_t)((sum + 8) >> 4);
}

#ifdef __wasm_simd128__
/* The weighted sum of one row's three neighbours, for eight pixels. */
static inline v128_t row_sum(v128_t left, v128_t middle, v128_t right) {
  return wasm_i16x8_add(wasm_i16x8_add(left, right), wasm_i16x8_shl(middle, 1));
}

static NOINLINE void filter_row(const uint8_t *up, const uint8_t *row, const uint8_t *down,
                                uint8_t *out) {
  int x = 1;
  for (; x + 16 <= W - 1; x += 16) {
    const uint8_t *rows[3] = {up, row, down};
    v128_t low[3], high[3];
    for (int r = 0; r < 3; r++) {
      v128_t l = wasm_v128_load(rows[r] + x - 1), m = wasm_v128_load(rows[r] + x),
             h = wasm_v128_load(rows[r] + x + 1);
      low[r] = row_sum(wasm_u16x8_extend_low_u8x16(l), wasm_u16x8_extend_low_u8x16(m),
                       wasm_u16x8_extend_low_u8x16(h));
      high[r] = row_sum(wasm_u16x8_extend_high_u8x16(l), wasm_u16x8_extend_high_u8x16(m),
                        wasm_u16x8_extend_high_u8x16(h));
    }
    v128_t eight = wasm_i16x8_splat(8);
    v128_t lo = wasm_i16x8_add(wasm_i16x8_add(low[0], low[2]), wasm_i16x8_shl(low[1], 1));
    v128_t hi = wasm_i16x8_add(wasm_i16x8_add(high[0], high[2]), wasm_i16x8_shl(high[1], 1));
    lo = wasm_u16x8_shr(wasm_i16x8_add(lo, eight), 4);
    hi = wasm_u16x8_shr(wasm_i16x8_add(hi, eight), 4);
    wasm_v128_store(out + x, wasm_u8x16_narrow_i16x8(lo, hi));
  }
  for (; x < W - 1; x++) out[x] = pixel(up, row, down, x);
}
#else
static NOINLINE void filter_row(const uint8_t *up, const uint8_t *row, const uint8_t *down,
                                uint8_t *out) {
  for (int x = 1; x < W - 1; x++) out[x] = pixel(up, row, down, x);
}
#endif

static void filter(uint8_t (*in)[W], uint8_t (*out)[W]) {
  memcpy(out[0], in[0], W);
  memcpy(out[H - 1], in[H - 1], W);
  for (int y = 1; y < H - 1; y++) {
    out[y][0] = in[y][0];
    out[y][W - 1] = in[y][W - 1];
    filter_row(in[y - 1], in[y], in[y + 1], out[y]);
  }
}

int main(int argc, char **argv) {
  int reps = repetitions(argc, argv, 100);
  uint32_t state = 2;
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      images[0][y][x] = (uint8_t)((x * y) >> 6 ^ (next_random(&state) & 0x3f));
  double start = seconds_now();
  for (int r = 0; r < reps; r++) filter(images[r & 1], images[(r + 1) & 1]);
  double elapsed = seconds_now() - start;
  report(hash_bytes(HASH_START, images[reps & 1], sizeof images[0]), elapsed);
  return 0;
}
