/*===- compute.c - SHA-256, qsort and number formatting ------------------===*
 *
 * Deterministic work whose result is easy to compare: SHA-256 of the
 * standard test vector and of a generated 4 MiB buffer, a qsort of 200000
 * pseudo-random integers, 64-bit and floating-point arithmetic printed
 * through printf, and random_get (only that it fills the buffer).
 *===----------------------------------------------------------------------===*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  uint32_t h[8];
  uint8_t block[64];
  size_t used;
  uint64_t bits;
} sha256;

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void compress(sha256 *s) {
  uint32_t w[64];
  for (int i = 0; i < 16; ++i)
    w[i] = (uint32_t)s->block[4 * i] << 24 | (uint32_t)s->block[4 * i + 1] << 16 |
           (uint32_t)s->block[4 * i + 2] << 8 | s->block[4 * i + 3];
  for (int i = 16; i < 64; ++i) {
    uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4],
           f = s->h[5], g = s->h[6], h = s->h[7];
  for (int i = 0; i < 64; ++i) {
    uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d;
  s->h[4] += e; s->h[5] += f; s->h[6] += g; s->h[7] += h;
}

static void sha256_init(sha256 *s) {
  static const uint32_t init[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memcpy(s->h, init, sizeof init);
  s->used = 0;
  s->bits = 0;
}

static void sha256_update(sha256 *s, const uint8_t *data, size_t size) {
  for (size_t i = 0; i < size; ++i) {
    s->block[s->used++] = data[i];
    if (s->used == 64) {
      compress(s);
      s->used = 0;
    }
  }
  s->bits += (uint64_t)size * 8;
}

static void sha256_print(sha256 *s, const char *label) {
  uint64_t bits = s->bits;
  uint8_t pad = 0x80;
  sha256_update(s, &pad, 1);
  pad = 0;
  while (s->used != 56)
    sha256_update(s, &pad, 1);
  for (int i = 7; i >= 0; --i) {
    uint8_t byte = (uint8_t)(bits >> (8 * i));
    sha256_update(s, &byte, 1);
  }
  printf("sha256(%s) = ", label);
  for (int i = 0; i < 8; ++i)
    printf("%08x", s->h[i]);
  printf("\n");
}

static uint64_t state = 0x9e3779b97f4a7c15ULL;
static uint64_t next(void) { // xorshift64*
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * 0x2545f4914f6cdd1dULL;
}

static int compare(const void *a, const void *b) {
  int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  return (x > y) - (x < y);
}

int main(void) {
  sha256 s;
  sha256_init(&s);
  sha256_update(&s, (const uint8_t *)"abc", 3);
  sha256_print(&s, "abc");

  size_t size = 4 << 20;
  uint8_t *buffer = malloc(size);
  for (size_t i = 0; i < size; ++i)
    buffer[i] = (uint8_t)(next() >> 56);
  sha256_init(&s);
  sha256_update(&s, buffer, size);
  sha256_print(&s, "4 MiB of xorshift64*");
  free(buffer);

  size_t count = 200000;
  int32_t *numbers = malloc(count * sizeof *numbers);
  for (size_t i = 0; i < count; ++i)
    numbers[i] = (int32_t)next();
  qsort(numbers, count, sizeof *numbers, compare);
  int sorted = 1;
  int64_t checksum = 0;
  for (size_t i = 0; i < count; ++i) {
    sorted &= i == 0 || numbers[i - 1] <= numbers[i];
    checksum = checksum * 31 + numbers[i];
  }
  printf("qsort: sorted=%d min=%d median=%d max=%d checksum=%lld\n", sorted,
         numbers[0], numbers[count / 2], numbers[count - 1], (long long)checksum);
  free(numbers);

  uint64_t big = 0xfedcba9876543210ULL;
  printf("u64: %llu / 7 = %llu rem %llu, >> 13 = %llx, * = %llx\n",
         (unsigned long long)big, (unsigned long long)(big / 7),
         (unsigned long long)(big % 7), (unsigned long long)(big >> 13),
         (unsigned long long)(big * 0x123456789ULL));
  int64_t neg = -9876543210LL;
  printf("i64: %lld / 3 = %lld rem %lld\n", (long long)neg, (long long)(neg / 3),
         (long long)(neg % 3));

  volatile double x = 2.0;
  printf("sqrt(2)=%.17g exp(1)=%.15f sin(1)=%.15e pow(2,0.5)=%.10f\n", sqrt(x),
         exp(x / 2), sin(x / 2), pow(x, 0.5));
  printf("floats: %f %e %g %g %g %a\n", 1.0 / 3, 6.02214076e23, 1e-5, 123456789.0,
         0.1 + 0.2, 1.5);
  printf("rounding: %.0f %.0f %.0f %.1f\n", 0.5, 1.5, 2.5, 0.25);
  printf("specials: %f %f %f\n", (double)INFINITY, -(double)INFINITY, (double)NAN);
  volatile float f = 16777217.0f;
  printf("float: %.1f %.9g\n", (double)f, (double)(f / 3.0f));

  unsigned char random[64] = {0};
  int ok = getentropy(random, sizeof random) == 0;
  int nonzero = 0;
  for (size_t i = 0; i < sizeof random; ++i)
    nonzero += random[i] != 0;
  printf("getentropy 64 bytes: %s, mostly nonzero: %s\n", ok ? "ok" : "failed",
         nonzero > 32 ? "yes" : "no");
  return 0;
}
