/*===- dot.c - Float dot product: eight partial sums ------------------------===*
 *
 * With -msimd128 two f32x4 accumulators; otherwise eight scalar partial
 * sums, which add the same products in the same order, so every build
 * prints the same checksum. Each repetition changes one element, so no
 * compiler can hoist the kernel out of the repetition loop.
 *===----------------------------------------------------------------------===*/
#include "common.h"

enum { N = 1 << 16 };
static float xs[N], ys[N];

#ifdef __wasm_simd128__
static NOINLINE float dot(const float *x, const float *y, int n) {
  v128_t s0 = wasm_f32x4_splat(0.0f), s1 = s0;
  for (int i = 0; i < n; i += 8) {
    s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(wasm_v128_load(x + i), wasm_v128_load(y + i)));
    s1 = wasm_f32x4_add(s1, wasm_f32x4_mul(wasm_v128_load(x + i + 4), wasm_v128_load(y + i + 4)));
  }
  v128_t s = wasm_f32x4_add(s0, s1);
  return (wasm_f32x4_extract_lane(s, 0) + wasm_f32x4_extract_lane(s, 1)) +
         (wasm_f32x4_extract_lane(s, 2) + wasm_f32x4_extract_lane(s, 3));
}
#else
static NOINLINE float dot(const float *x, const float *y, int n) {
  float s[8] = {0};
  for (int i = 0; i < n; i += 8)
    for (int k = 0; k < 8; k++) s[k] += x[i + k] * y[i + k];
  return ((s[0] + s[4]) + (s[1] + s[5])) + ((s[2] + s[6]) + (s[3] + s[7]));
}
#endif

int main(int argc, char **argv) {
  int reps = repetitions(argc, argv, 8000);
  uint32_t state = 1;
  for (int i = 0; i < N; i++) {
    xs[i] = (float)(next_random(&state) % 2001) / 1000.0f - 1.0f;
    ys[i] = (float)(next_random(&state) % 2001) / 1000.0f - 1.0f;
  }
  uint64_t h = HASH_START;
  double start = seconds_now();
  for (int r = 0; r < reps; r++) {
    float d = dot(xs, ys, N);
    h = hash_bytes(h, &d, sizeof d);
    xs[(r * 7919) % N] = d / (float)N;
  }
  report(h, seconds_now() - start);
  return 0;
}
