/*===- mandelbrot.c - Escape-time Mandelbrot set, float -----------------------===*
 *
 * Iteration counts (at most 255) for a 640 x 480 view; each repetition
 * moves the view slightly. With -msimd128 four pixels of a row at once,
 * each lane counting while it has not escaped and the loop ending when
 * none is left; otherwise one pixel at a time. Each pixel sees the same
 * float operations in the same order (and no fused multiply-add), so the
 * counts are the same for every build.
 *===----------------------------------------------------------------------===*/
#include "common.h"

enum { W = 640, H = 480, LIMIT = 255 };
static uint8_t counts_image[H][W];

#ifdef __wasm_simd128__
static NOINLINE void render(float x0, float y0, float step) {
  const v128_t four = wasm_f32x4_splat(4.0f), one = wasm_i32x4_splat(1);
  for (int y = 0; y < H; y++) {
    v128_t ci = wasm_f32x4_splat(y0 + (float)y * step);
    for (int x = 0; x < W; x += 4) {
      v128_t cr = wasm_f32x4_make(x0 + (float)x * step, x0 + (float)(x + 1) * step,
                                  x0 + (float)(x + 2) * step, x0 + (float)(x + 3) * step);
      v128_t zr = wasm_f32x4_splat(0.0f), zi = zr, n = wasm_i32x4_splat(0);
      /* A lane stops counting once it has escaped, as its pixel's scalar
       * loop stops, even if its values came back inside. */
      v128_t active = wasm_i32x4_splat(-1);
      for (int i = 0; i < LIMIT; i++) {
        v128_t zr2 = wasm_f32x4_mul(zr, zr), zi2 = wasm_f32x4_mul(zi, zi);
        active = wasm_v128_and(active, wasm_f32x4_le(wasm_f32x4_add(zr2, zi2), four));
        if (!wasm_v128_any_true(active)) break;
        n = wasm_i32x4_add(n, wasm_v128_and(active, one));
        zi = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_add(zr, zr), zi), ci);
        zr = wasm_f32x4_add(wasm_f32x4_sub(zr2, zi2), cr);
      }
      counts_image[y][x] = (uint8_t)wasm_i32x4_extract_lane(n, 0);
      counts_image[y][x + 1] = (uint8_t)wasm_i32x4_extract_lane(n, 1);
      counts_image[y][x + 2] = (uint8_t)wasm_i32x4_extract_lane(n, 2);
      counts_image[y][x + 3] = (uint8_t)wasm_i32x4_extract_lane(n, 3);
    }
  }
}
#else
static NOINLINE void render(float x0, float y0, float step) {
  for (int y = 0; y < H; y++) {
    float ci = y0 + (float)y * step;
    for (int x = 0; x < W; x++) {
      float cr = x0 + (float)x * step, zr = 0.0f, zi = 0.0f;
      int n = 0;
      for (int i = 0; i < LIMIT; i++) {
        float zr2 = zr * zr, zi2 = zi * zi;
        if (!(zr2 + zi2 <= 4.0f)) break;
        n++;
        zi = (zr + zr) * zi + ci;
        zr = (zr2 - zi2) + cr;
      }
      counts_image[y][x] = (uint8_t)n;
    }
  }
}
#endif

int main(int argc, char **argv) {
  int reps = repetitions(argc, argv, 4);
  uint64_t h = HASH_START;
  double start = seconds_now();
  for (int r = 0; r < reps; r++) {
    render(-2.2f + (float)r * 0.001f, -1.2f, 2.4f / H);
    h = hash_bytes(h, counts_image, sizeof counts_image);
  }
  report(h, seconds_now() - start);
  return 0;
}
