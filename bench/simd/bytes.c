/*===- bytes.c - Byte processing: ASCII lowercase and counting --------------===*
 *
 * Over 16 MiB of text: every ASCII capital lowered into a second buffer,
 * newlines and spaces counted. With -msimd128 sixteen bytes at a time
 * (compare, bitselect, bitmask and popcount); otherwise a scalar loop,
 * which compilers may vectorise. Each repetition changes one input byte.
 *===----------------------------------------------------------------------===*/
#include "common.h"

enum { N = 16 << 20 };
static uint8_t text[N], lowered[N];

typedef struct {
  uint32_t newlines, spaces;
} counts;

#ifdef __wasm_simd128__
static NOINLINE counts lower_and_count(const uint8_t *in, uint8_t *out, int n) {
  counts c = {0, 0};
  const v128_t a = wasm_i8x16_splat('A'), z = wasm_i8x16_splat('Z'),
               gap = wasm_i8x16_splat('a' - 'A'), newline = wasm_i8x16_splat('\n'),
               space = wasm_i8x16_splat(' ');
  for (int i = 0; i < n; i += 16) {
    v128_t v = wasm_v128_load(in + i);
    v128_t capital = wasm_v128_and(wasm_u8x16_ge(v, a), wasm_u8x16_le(v, z));
    wasm_v128_store(out + i, wasm_v128_bitselect(wasm_i8x16_add(v, gap), v, capital));
    c.newlines += (uint32_t)__builtin_popcount(wasm_i8x16_bitmask(wasm_i8x16_eq(v, newline)));
    c.spaces += (uint32_t)__builtin_popcount(wasm_i8x16_bitmask(wasm_i8x16_eq(v, space)));
  }
  return c;
}
#else
static NOINLINE counts lower_and_count(const uint8_t *in, uint8_t *out, int n) {
  counts c = {0, 0};
  for (int i = 0; i < n; i++) {
    uint8_t v = in[i];
    out[i] = v >= 'A' && v <= 'Z' ? (uint8_t)(v + ('a' - 'A')) : v;
    c.newlines += v == '\n';
    c.spaces += v == ' ';
  }
  return c;
}
#endif

int main(int argc, char **argv) {
  int reps = repetitions(argc, argv, 30);
  uint32_t state = 4;
  static const char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,;\n";
  for (int i = 0; i < N; i++) {
    uint32_t r = next_random(&state);
    text[i] = r % 16 == 0 ? (uint8_t)(0x80 | r >> 8) : (uint8_t)alphabet[r % (sizeof alphabet - 1)];
  }
  uint64_t h = HASH_START;
  double start = seconds_now();
  for (int r = 0; r < reps; r++) {
    counts c = lower_and_count(text, lowered, N);
    h = hash_bytes(h, &c, sizeof c);
    text[(r * 104729) % N] = (uint8_t)('A' + r % 26);
  }
  double elapsed = seconds_now() - start;
  report(hash_bytes(h, lowered, N), elapsed);
  return 0;
}
