/*===- autovec.c - Plain C loops that clang vectorises with -msimd128 -----===*
 *
 * No intrinsics: saxpy, integer dot products (widening too), min/max and
 * sum reductions, sums of absolute differences, and byte transforms (ASCII
 * case, saturating brightness, blending, counting), over arrays whose
 * lengths are no multiple of the vector width, so each loop has a vector
 * body and a scalar tail. Built with -msimd128 clang's loop and SLP
 * vectorisers turn these into v128 code (run-guests.py checks that the
 * module holds SIMD instructions); natively, the host's. The float loops
 * are element-wise (no reassociated float reductions), so the results are
 * exact and equal on both.
 *===----------------------------------------------------------------------===*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))
enum { N = 100003 };

static float xs[N], ys[N];
static int32_t ia[N], ib[N];
static int16_t ha[N], hb[N];
static uint8_t pa[N], pb[N], pc[N];
static int64_t la[N], lb[N];
static char text[N];

static uint64_t fnv(uint64_t h, const void *data, size_t size) {
  const uint8_t *p = data;
  for (size_t i = 0; i < size; i++) {
    h ^= p[i];
    h *= 0x100000001b3ull;
  }
  return h;
}

static void report(const char *name, const void *data, size_t size) {
  printf("%-16s %016llx\n", name, (unsigned long long)fnv(0xcbf29ce484222325ull, data, size));
}

static NOINLINE void saxpy(int n, float a, const float *x, float *y) {
  for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}

static NOINLINE void clamp(int n, float *x, float lo, float hi) {
  for (int i = 0; i < n; i++) {
    float v = x[i];
    v = v < lo ? lo : v;
    x[i] = v > hi ? hi : v;
  }
}

static NOINLINE void int_to_float(int n, const int32_t *in, float *out) {
  for (int i = 0; i < n; i++) out[i] = (float)in[i] * 0.5f;
}

static NOINLINE void float_to_int(int n, const float *in, int32_t *out) {
  for (int i = 0; i < n; i++) out[i] = (int32_t)in[i];
}

static NOINLINE uint32_t dot_i32(int n, const int32_t *a, const int32_t *b) {
  uint32_t sum = 0;
  for (int i = 0; i < n; i++) sum += (uint32_t)a[i] * (uint32_t)b[i];
  return sum;
}

static NOINLINE uint32_t dot_i16(int n, const int16_t *a, const int16_t *b) {
  uint32_t sum = 0;
  for (int i = 0; i < n; i++) sum += (uint32_t)(a[i] * b[i]);
  return sum;
}

static NOINLINE void min_max(int n, const int32_t *a, int32_t *lo, int32_t *hi) {
  int32_t l = a[0], h = a[0];
  for (int i = 1; i < n; i++) {
    l = a[i] < l ? a[i] : l;
    h = a[i] > h ? a[i] : h;
  }
  *lo = l;
  *hi = h;
}

static NOINLINE int64_t sum_i64(int n, const int64_t *a, const int64_t *b) {
  uint64_t sum = 0;
  for (int i = 0; i < n; i++) sum += (uint64_t)a[i] ^ (uint64_t)b[i];
  return (int64_t)sum;
}

static NOINLINE uint32_t sad(int n, const uint8_t *a, const uint8_t *b) {
  uint32_t sum = 0;
  for (int i = 0; i < n; i++) sum += (uint32_t)abs(a[i] - b[i]);
  return sum;
}

static NOINLINE void upper(int n, char *s) {
  for (int i = 0; i < n; i++) s[i] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 32) : s[i];
}

static NOINLINE void brighten(int n, uint8_t *p, int amount) {
  for (int i = 0; i < n; i++) {
    int v = p[i] + amount;
    p[i] = (uint8_t)(v > 255 ? 255 : v);
  }
}

/* out = (alpha * a + (256 - alpha) * b) >> 8, in 16 bits. */
static NOINLINE void blend(int n, const uint8_t *a, const uint8_t *b, uint8_t *out,
                           uint16_t alpha) {
  for (int i = 0; i < n; i++)
    out[i] = (uint8_t)((uint16_t)(alpha * a[i] + (uint16_t)(256 - alpha) * b[i]) >> 8);
}

static NOINLINE int count_byte(int n, const uint8_t *p, uint8_t wanted) {
  int count = 0;
  for (int i = 0; i < n; i++) count += p[i] == wanted;
  return count;
}

static NOINLINE void shift_mix(int n, int32_t *a, const int32_t *b) {
  for (int i = 0; i < n; i++)
    a[i] = (a[i] >> 3) ^ (int32_t)((uint32_t)b[i] << 5) ^ (int32_t)((uint32_t)a[i] >> 29);
}

int main(void) {
  uint32_t s = 12345;
  for (int i = 0; i < N; i++) {
    s = s * 1664525u + 1013904223u;
    xs[i] = (float)(int32_t)(s >> 8) / 4096.0f;
    ys[i] = (float)(int32_t)(s % 20001) - 10000.0f;
    ia[i] = (int32_t)s;
    ib[i] = (int32_t)(s * 2654435761u);
    ha[i] = (int16_t)(s >> 16);
    hb[i] = (int16_t)s;
    pa[i] = (uint8_t)(s >> 24);
    pb[i] = (uint8_t)(s >> 13);
    la[i] = (int64_t)s * 0x9e3779b97f4a7c15ll;
    lb[i] = (int64_t)((uint64_t)s << 32 | (s >> 3));
    text[i] = (char)(32 + (s >> 9) % 95);
  }

  saxpy(N, 1.75f, xs, ys);
  report("saxpy", ys, sizeof ys);
  clamp(N, ys, -5000.0f, 7500.5f);
  report("clamp", ys, sizeof ys);
  int_to_float(N, ib, xs);
  report("int-to-float", xs, sizeof xs);
  for (int i = 0; i < N; i++) xs[i] = ys[i] * 1000.0f;
  float_to_int(N, xs, ib);
  report("float-to-int", ib, sizeof ib);

  printf("%-16s %u\n", "dot-i32", dot_i32(N, ia, ib));
  printf("%-16s %u\n", "dot-i16", dot_i16(N, ha, hb));
  int32_t lo, hi;
  min_max(N, ia, &lo, &hi);
  printf("%-16s %d %d\n", "min-max", lo, hi);
  printf("%-16s %lld\n", "sum-i64", (long long)sum_i64(N, la, lb));
  printf("%-16s %u\n", "sad", sad(N, pa, pb));

  upper(N, text);
  report("upper", text, sizeof text);
  printf("%-16s %.60s\n", "upper-text", text);
  brighten(N, pa, 77);
  report("brighten", pa, sizeof pa);
  blend(N, pa, pb, pc, 90);
  report("blend", pc, sizeof pc);
  printf("%-16s %d %d\n", "count", count_byte(N, pb, 0x42), count_byte(N, pa, 255));
  shift_mix(N, ia, ib);
  report("shift-mix", ia, sizeof ia);
  return 0;
}
