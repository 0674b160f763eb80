/*===- int64.c - 64-bit integer arithmetic: Miller-Rabin, GCDs, bit mixing -===*
 *
 * Three 64-bit integer kernels, each repetition:
 *   - Miller-Rabin (deterministic for 64 bits: seven fixed bases) over
 *     runs of odd numbers just below 2^64, just above 2^63 and near 10^12,
 *     with Montgomery multiplication built on a portable 64x64->128
 *     multiply from 32-bit halves (no __int128: wasm32 needs compiler-rt
 *     for it, and the Debian wasm32 compiler-rt does not link);
 *   - Euclid's GCD (64-bit remainders) and the binary GCD (count trailing
 *     zeros) of random pairs, which must agree, plus signed 64-bit division
 *     and shifts of their quotients;
 *   - a hashing loop of xorshift, variable rotates, multiplies, popcount
 *     and count leading zeros.
 * The Montgomery arithmetic is checked against a shift-and-add modular
 * multiply, and the primality test against trial division, before the
 * kernel. Stresses i64 multiply, divide, remainder, rotate, popcnt, clz,
 * ctz and carries, and the calls between small functions.
 *===----------------------------------------------------------------------===*/
#include "common.h"

enum {
  PRIME_RUN = 30000, /* odd numbers tested per start, per repetition */
  GCD_PAIRS = 150000,
  MIX_STEPS = 6000000,
};

static const char *const NAME = "int64";

/* --- 64x64 -> 128 ----------------------------------------------------- */

/* Returns the high 64 bits of a * b and stores the low 64 bits in *low. */
static inline uint64_t multiply_wide(uint64_t a, uint64_t b, uint64_t *low) {
  uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
  uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  uint64_t middle = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
  *low = (middle << 32) | (uint32_t)p00;
  return p11 + (p01 >> 32) + (p10 >> 32) + (middle >> 32);
}

/* --- Montgomery arithmetic modulo an odd n > 1 ------------------------ */

typedef struct {
  uint64_t n;
  uint64_t negative_inverse; /* -1 / n mod 2^64 */
  uint64_t one;              /* 2^64 mod n: 1 in Montgomery form */
  uint64_t r2;               /* 2^128 mod n */
} Montgomery;

static inline uint64_t add_mod(uint64_t a, uint64_t b, uint64_t n) {
  return a >= n - b ? a - (n - b) : a + b; /* a, b < n */
}

static Montgomery montgomery(uint64_t n) {
  Montgomery m;
  m.n = n;
  uint64_t inverse = n; /* right in the low 3 bits; each step doubles them */
  for (int i = 0; i < 5; i++) inverse *= 2 - n * inverse;
  m.negative_inverse = 0 - inverse;
  m.one = (0 - n) % n;
  uint64_t r2 = m.one;
  for (int i = 0; i < 64; i++) r2 = add_mod(r2, r2, n);
  m.r2 = r2;
  return m;
}

/* (high * 2^64 + low) / 2^64 mod n, for high * 2^64 + low < n * 2^64. */
static inline uint64_t reduce(const Montgomery *m, uint64_t high, uint64_t low) {
  uint64_t q = low * m->negative_inverse, qn_low;
  uint64_t qn_high = multiply_wide(q, m->n, &qn_low);
  /* low + qn_low is 0 mod 2^64: it carries unless low is 0 */
  uint64_t t = high + qn_high;
  int over = t < high;
  uint64_t u = t + (low != 0);
  over |= u < t;
  return over || u >= m->n ? u - m->n : u;
}

static inline uint64_t mont_multiply(const Montgomery *m, uint64_t a, uint64_t b) {
  uint64_t low, high = multiply_wide(a, b, &low);
  return reduce(m, high, low);
}

static inline uint64_t to_mont(const Montgomery *m, uint64_t a) { return mont_multiply(m, a % m->n, m->r2); }
static inline uint64_t from_mont(const Montgomery *m, uint64_t a) { return reduce(m, 0, a); }

/* base^exponent in Montgomery form; base in Montgomery form. */
static uint64_t mont_power(const Montgomery *m, uint64_t base, uint64_t exponent) {
  uint64_t result = m->one;
  while (exponent) {
    if (exponent & 1) result = mont_multiply(m, result, base);
    base = mont_multiply(m, base, base);
    exponent >>= 1;
  }
  return result;
}

static NOINLINE int is_prime(uint64_t n) {
  static const uint32_t small[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
  if (n < 2) return 0;
  for (size_t i = 0; i < sizeof small / sizeof small[0]; i++) {
    if (n == small[i]) return 1;
    if (n % small[i] == 0) return 0;
  }
  if (n < 41 * 41) return 1;
  static const uint64_t bases[] = {2, 325, 9375, 28178, 450775, 9780504, 1795265022};
  Montgomery m = montgomery(n);
  uint64_t d = n - 1;
  int s = __builtin_ctzll(d);
  d >>= s;
  uint64_t minus_one = n - m.one;
  for (size_t b = 0; b < sizeof bases / sizeof bases[0]; b++) {
    uint64_t a = bases[b] % n;
    if (a == 0) continue;
    uint64_t x = mont_power(&m, to_mont(&m, a), d);
    if (x == m.one || x == minus_one) continue;
    int witness = 1;
    for (int i = 1; i < s && witness; i++) {
      x = mont_multiply(&m, x, x);
      if (x == minus_one) witness = 0;
    }
    if (witness) return 0;
  }
  return 1;
}

/* --- GCDs and signed division ----------------------------------------- */

static NOINLINE uint64_t gcd_euclid(uint64_t a, uint64_t b) {
  while (b) {
    uint64_t r = a % b;
    a = b;
    b = r;
  }
  return a;
}

static NOINLINE uint64_t gcd_binary(uint64_t a, uint64_t b) {
  if (a == 0) return b;
  if (b == 0) return a;
  int shift = __builtin_ctzll(a | b);
  a >>= __builtin_ctzll(a);
  do {
    b >>= __builtin_ctzll(b);
    if (a > b) {
      uint64_t t = a;
      a = b;
      b = t;
    }
    b -= a;
  } while (b);
  return a << shift;
}

/* --- Bit mixing ------------------------------------------------------- */

static inline uint64_t rotate_left(uint64_t x, unsigned r) {
  r &= 63;
  return (x << r) | (x >> ((64 - r) & 63));
}

static NOINLINE uint64_t mix_loop(uint64_t x, uint64_t steps) {
  uint64_t h = 0x243f6a8885a308d3ull, count = 0;
  for (uint64_t i = 0; i < steps; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    h = rotate_left(h ^ x, (unsigned)(x >> 58)) * 0xff51afd7ed558ccdull;
    count += (uint64_t)__builtin_popcountll(h) + (uint64_t)__builtin_clzll(h | 1);
    h ^= count << 32 | count >> 5;
  }
  return h ^ count;
}

/* --- Self-checks ------------------------------------------------------ */

static uint64_t multiply_mod_slow(uint64_t a, uint64_t b, uint64_t n) {
  uint64_t result = 0;
  a %= n;
  for (; b; b >>= 1) {
    if (b & 1) result = add_mod(result, a, n);
    a = add_mod(a, a, n);
  }
  return result;
}

static void self_check(void) {
  uint64_t rng = 0x5eed0066;
  for (int i = 0; i < 3000; i++) {
    uint64_t n = next_u64(&rng) | 1;
    if (i % 3 == 0) n >>= (next_u64(&rng) & 63); /* small moduli as well */
    n |= 1;
    if (n < 3) n = 3;
    uint64_t a = next_u64(&rng) % n, b = next_u64(&rng) % n;
    Montgomery m = montgomery(n);
    uint64_t product = from_mont(&m, mont_multiply(&m, to_mont(&m, a), to_mont(&m, b)));
    if (product != multiply_mod_slow(a, b, n)) fail(NAME, "Montgomery multiply");
    uint64_t low, high = multiply_wide(a, b, &low);
    if (low != a * b) fail(NAME, "low half of the wide multiply");
    (void)high;
  }
  for (uint64_t n = 0; n < 20000; n++) {
    int prime = n >= 2;
    for (uint64_t d = 2; d * d <= n && prime; d++) prime = n % d != 0;
    if (is_prime(n) != prime) fail(NAME, "Miller-Rabin against trial division");
  }
  if (!is_prime(18446744073709551557ull) || !is_prime(2305843009213693951ull) ||
      is_prime(3215031751ull) || is_prime(18446744073709551615ull) ||
      is_prime(4611686014132420609ull)) /* (2^31 - 1)^2 */
    fail(NAME, "Miller-Rabin on known numbers");
  if (gcd_euclid(1071, 462) != 21 || gcd_binary(1071, 462) != 21) fail(NAME, "gcd");
}

/* --- Driver ----------------------------------------------------------- */

int main(int argc, char **argv) {
  int reps = repetitions(argc, argv, 7);
  self_check();

  uint64_t rng = 0x5eed0006;
  uint64_t h = CHECK_START;
  double start = seconds_now();
  for (int r = 0; r < reps; r++) {
    static const uint64_t bases[3] = {18446744073709551615ull - 2 * PRIME_RUN * 8,
                                      9223372036854775809ull, 1000000000001ull};
    for (int k = 0; k < 3; k++) {
      /* eight different runs, the first ending at 2^64 - 1 */
      uint64_t first = bases[k] + (uint64_t)(r % 8) * 2 * PRIME_RUN, primes = 0;
      for (uint64_t n = first; n < first + 2 * PRIME_RUN; n += 2)
        if (is_prime(n)) {
          primes++;
          h = check_word(h, n);
        }
      h = check_word(h, primes);
    }

    uint64_t total = 0;
    for (int i = 0; i < GCD_PAIRS; i++) {
      uint64_t common = (next_u64(&rng) >> 44) | 1;
      uint64_t a = (next_u64(&rng) >> (next_u64(&rng) & 31)) * common;
      uint64_t b = (next_u64(&rng) >> 20) * common;
      uint64_t g = gcd_euclid(a, b);
      if (g != gcd_binary(a, b)) fail(NAME, "the two GCDs disagree");
      int64_t signed_a = (int64_t)(a ^ (uint64_t)i << 63); /* negative half the time */
      int64_t divisor = (int64_t)((g & 0xffffffffu) | 3) * (i & 2 ? -1 : 1); /* |d| >= 3 */
      int64_t quotient = signed_a / divisor, remainder = signed_a % divisor;
      total += g + (uint64_t)quotient + (uint64_t)(remainder >> 3) + (uint64_t)(quotient >> (i & 63));
    }
    h = check_word(h, total);

    h = check_word(h, mix_loop(next_u64(&rng), MIX_STEPS));
  }
  double seconds = seconds_now() - start;
  report(h, seconds);
  return 0;
}
