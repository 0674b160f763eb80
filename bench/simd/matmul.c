/*===- matmul.c - Single-precision matrix multiply, 128 x 128 ---------------===*
 *
 * C = A B, sixteen columns of C at a time, each element summed over k in
 * order: with -msimd128 four f32x4 accumulators and a splat of A's
 * element; otherwise a scalar inner loop over the sixteen columns, which
 * compilers may vectorise. The same operations in the same order, so every
 * build computes the same C. Each repetition perturbs one element of A.
 *===----------------------------------------------------------------------===*/
#include "common.h"

enum { N = 128 };
static float a[N][N], b[N][N], c[N][N];

#ifdef __wasm_simd128__
static NOINLINE void multiply(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j += 16) {
      v128_t acc0 = wasm_f32x4_splat(0.0f), acc1 = acc0, acc2 = acc0, acc3 = acc0;
      for (int k = 0; k < N; k++) {
        v128_t s = wasm_f32x4_splat(a[i][k]);
        acc0 = wasm_f32x4_add(acc0, wasm_f32x4_mul(s, wasm_v128_load(&b[k][j])));
        acc1 = wasm_f32x4_add(acc1, wasm_f32x4_mul(s, wasm_v128_load(&b[k][j + 4])));
        acc2 = wasm_f32x4_add(acc2, wasm_f32x4_mul(s, wasm_v128_load(&b[k][j + 8])));
        acc3 = wasm_f32x4_add(acc3, wasm_f32x4_mul(s, wasm_v128_load(&b[k][j + 12])));
      }
      wasm_v128_store(&c[i][j], acc0);
      wasm_v128_store(&c[i][j + 4], acc1);
      wasm_v128_store(&c[i][j + 8], acc2);
      wasm_v128_store(&c[i][j + 12], acc3);
    }
}
#else
static NOINLINE void multiply(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j += 16) {
      float acc[16] = {0};
      for (int k = 0; k < N; k++)
        for (int jj = 0; jj < 16; jj++) acc[jj] += a[i][k] * b[k][j + jj];
      memcpy(&c[i][j], acc, sizeof acc);
    }
}
#endif

int main(int argc, char **argv) {
  int reps = repetitions(argc, argv, 1000);
  uint32_t state = 3;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      a[i][j] = (float)(next_random(&state) % 2001) / 1000.0f - 1.0f;
      b[i][j] = (float)(next_random(&state) % 2001) / 1000.0f - 1.0f;
    }
  uint64_t h = HASH_START;
  double start = seconds_now();
  for (int r = 0; r < reps; r++) {
    multiply();
    h = hash_bytes(h, &c[r % N][(r * 31) % N], sizeof(float));
    a[(r * 17) % N][(r * 29) % N] = c[r % N][r % N] / (float)N;
  }
  double elapsed = seconds_now() - start;
  report(hash_bytes(h, c, sizeof c), elapsed);
  return 0;
}
