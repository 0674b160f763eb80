/*===- compress.c - LZ77 compression and decompression of generated text ---===*
 *
 * A byte-oriented LZ77 format (a token byte with a 4-bit literal count and
 * a 4-bit match length, 255-runs for longer ones, a 16-bit offset), a
 * greedy compressor whose match finder walks hash chains over a 64 KiB
 * window, and a bounds-checked decompressor. The input is 4 MiB of
 * text-like data: sentences of words drawn from a 1024-word vocabulary
 * with a Zipf-like distribution, some numbers and punctuation.
 *
 * Each repetition changes one input byte, compresses, checksums the
 * compressed bytes, decompresses and compares with the input (a mismatch
 * stops the program). Stresses byte loads and compares, unpredictable
 * branches, and memcpy.
 *===----------------------------------------------------------------------===*/
#include "common.h"

enum {
  INPUT_SIZE = 4 << 20,
  MIN_MATCH = 4,
  MAX_OFFSET = 65535,
  WINDOW = 1 << 16,
  HASH_BITS = 15,
  MAX_CHAIN = 24,
  GOOD_ENOUGH = 96,
  VOCABULARY = 1024,
};

static const char *const NAME = "compress";

/* --- Input ------------------------------------------------------------ */

static char words[VOCABULARY][16];
static uint8_t word_size[VOCABULARY];
static uint32_t cumulative[VOCABULARY];

static void make_vocabulary(uint64_t *rng) {
  static const char consonants[] = "tnshrdlcmwfgypbvkjxqz";
  static const char vowels[] = "eaoiu";
  uint32_t total = 0;
  for (int w = 0; w < VOCABULARY; w++) {
    /* Short words are the common ones. */
    int size = 1 + (int)next_below(rng, 3) + (w / 128) + (int)next_below(rng, 3);
    if (size > 15) size = 15;
    int vowel = (int)next_below(rng, 2);
    for (int i = 0; i < size; i++) {
      if (vowel)
        words[w][i] = vowels[next_below(rng, 5)];
      else /* skewed towards the first consonants */
        words[w][i] = consonants[next_below(rng, 1 + next_below(rng, 21))];
      vowel = next_below(rng, 4) == 0 ? vowel : !vowel;
    }
    word_size[w] = (uint8_t)size;
    total += (1u << 20) / (uint32_t)(w + 1);
    cumulative[w] = total;
  }
}

static int pick_word(uint64_t *rng) {
  uint32_t r = next_below(rng, cumulative[VOCABULARY - 1]);
  int lo = 0, hi = VOCABULARY - 1; /* first w with cumulative[w] > r */
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (cumulative[mid] > r)
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}

static void make_text(uint8_t *out, size_t size, uint64_t *rng) {
  size_t n = 0;
  int sentence = 0;
  while (n < size) {
    char line[512];
    size_t k = 0;
    int count = 4 + (int)next_below(rng, 13);
    for (int i = 0; i < count; i++) {
      if (i > 0) line[k++] = ' ';
      if (next_below(rng, 40) == 0) {
        uint32_t v = next_below(rng, 100000);
        char digits[8];
        int d = 0;
        do {
          digits[d++] = (char)('0' + v % 10);
          v /= 10;
        } while (v);
        while (d) line[k++] = digits[--d];
      } else {
        int w = pick_word(rng);
        memcpy(line + k, words[w], word_size[w]);
        if (i == 0 && line[k] >= 'a' && line[k] <= 'z') line[k] = (char)(line[k] - 'a' + 'A');
        k += word_size[w];
      }
      if (i + 1 < count && next_below(rng, 9) == 0) line[k++] = ',';
    }
    line[k++] = next_below(rng, 12) == 0 ? '?' : '.';
    if (++sentence % 6 == 0) {
      line[k++] = '\n';
      line[k++] = '\n';
    } else {
      line[k++] = ' ';
    }
    for (size_t i = 0; i < k && n < size; i++) out[n++] = (uint8_t)line[i];
  }
}

/* --- Compressor ------------------------------------------------------- */

static int32_t head[1 << HASH_BITS];
static int32_t chain[WINDOW];

static inline uint32_t load32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint32_t hash4(const uint8_t *p) {
  return (load32(p) * 2654435761u) >> (32 - HASH_BITS);
}

static inline void insert(const uint8_t *in, size_t pos) {
  uint32_t h = hash4(in + pos);
  chain[pos & (WINDOW - 1)] = head[h];
  head[h] = (int32_t)pos;
}

static uint8_t *put_length(uint8_t *op, size_t n) {
  while (n >= 255) {
    *op++ = 255;
    n -= 255;
  }
  *op++ = (uint8_t)n;
  return op;
}

/* One sequence: literals, then a match unless match_size is 0 (the last). */
static uint8_t *put_sequence(uint8_t *op, const uint8_t *literals, size_t literal_count,
                             size_t match_size, size_t offset) {
  size_t extra = match_size ? match_size - MIN_MATCH : 0;
  *op++ = (uint8_t)((literal_count < 15 ? literal_count : 15) << 4 | (extra < 15 ? extra : 15));
  if (literal_count >= 15) op = put_length(op, literal_count - 15);
  memcpy(op, literals, literal_count);
  op += literal_count;
  if (!match_size) return op;
  *op++ = (uint8_t)(offset & 0xff);
  *op++ = (uint8_t)(offset >> 8);
  if (extra >= 15) op = put_length(op, extra - 15);
  return op;
}

/* Compresses in[0, n) into out (room for n + n / 255 + 16 bytes). */
static NOINLINE size_t compress(const uint8_t *in, size_t n, uint8_t *out) {
  memset(head, 0xff, sizeof head); /* every head -1: empty */
  uint8_t *op = out;
  size_t anchor = 0, pos = 0;
  while (pos + MIN_MATCH <= n) {
    uint32_t h = hash4(in + pos);
    int32_t candidate = head[h];
    chain[pos & (WINDOW - 1)] = candidate;
    head[h] = (int32_t)pos;

    size_t best = 0, best_offset = 0, longest = n - pos;
    const uint8_t *here = in + pos;
    for (int depth = MAX_CHAIN; candidate >= 0 && depth > 0; depth--) {
      size_t offset = pos - (size_t)candidate;
      if (offset > MAX_OFFSET) break;
      const uint8_t *there = in + candidate;
      if (there[best] == here[best] && load32(there) == load32(here)) {
        size_t size = MIN_MATCH;
        while (size < longest && there[size] == here[size]) size++;
        if (size > best) {
          best = size;
          best_offset = offset;
          if (size >= GOOD_ENOUGH || size == longest) break;
        }
      }
      candidate = chain[candidate & (WINDOW - 1)];
    }

    if (best < MIN_MATCH) {
      pos++;
      continue;
    }
    op = put_sequence(op, in + anchor, pos - anchor, best, best_offset);
    size_t end = pos + best;
    for (pos++; pos < end && pos + MIN_MATCH <= n; pos++) insert(in, pos);
    pos = end;
    anchor = end;
  }
  op = put_sequence(op, in + anchor, n - anchor, 0, 0);
  return (size_t)(op - out);
}

/* --- Decompressor ----------------------------------------------------- */

static size_t get_length(const uint8_t **ip, const uint8_t *end) {
  size_t n = 0;
  for (;;) {
    if (*ip >= end) fail(NAME, "truncated length");
    uint8_t b = *(*ip)++;
    n += b;
    if (b != 255) return n;
  }
}

/* Decompresses in[0, n) into out[0, capacity); returns the size. */
static NOINLINE size_t decompress(const uint8_t *in, size_t n, uint8_t *out, size_t capacity) {
  const uint8_t *ip = in, *end = in + n;
  uint8_t *op = out, *out_end = out + capacity;
  for (;;) {
    if (ip >= end) fail(NAME, "missing token");
    uint8_t token = *ip++;
    size_t literal_count = token >> 4;
    if (literal_count == 15) literal_count += get_length(&ip, end);
    if (literal_count > (size_t)(end - ip) || literal_count > (size_t)(out_end - op))
      fail(NAME, "literals out of bounds");
    memcpy(op, ip, literal_count);
    op += literal_count;
    ip += literal_count;
    if (ip == end) break;
    if (end - ip < 2) fail(NAME, "truncated offset");
    size_t offset = (size_t)ip[0] | (size_t)ip[1] << 8;
    ip += 2;
    size_t size = token & 15;
    if (size == 15) size += get_length(&ip, end);
    size += MIN_MATCH;
    if (offset == 0 || offset > (size_t)(op - out) || size > (size_t)(out_end - op))
      fail(NAME, "match out of bounds");
    const uint8_t *from = op - offset;
    if (offset >= size) {
      memcpy(op, from, size);
      op += size;
    } else {
      for (size_t i = 0; i < size; i++) *op++ = *from++;
    }
  }
  return (size_t)(op - out);
}

int main(int argc, char **argv) {
  int reps = repetitions(argc, argv, 7);
  size_t n = INPUT_SIZE, capacity = n + n / 255 + 16;
  uint8_t *input = malloc(n), *packed = malloc(capacity), *unpacked = malloc(n);
  if (!input || !packed || !unpacked) fail(NAME, "out of memory");
  uint64_t rng = 0x5eed0001;
  make_vocabulary(&rng);
  make_text(input, n, &rng);

  uint64_t h = CHECK_START;
  double start = seconds_now();
  for (int r = 0; r < reps; r++) {
    input[((uint32_t)r * 2654435761u) % n] = (uint8_t)('a' + r % 26);
    size_t packed_size = compress(input, n, packed);
    h = check_word(h, packed_size);
    h = check_bytes(h, packed, packed_size);
#ifdef VERBOSE
    if (r == 0) fprintf(stderr, "%zu bytes -> %zu\n", n, packed_size);
#endif
    size_t unpacked_size = decompress(packed, packed_size, unpacked, n);
    if (unpacked_size != n || memcmp(unpacked, input, n) != 0)
      fail(NAME, "round trip differs from the input");
  }
  double seconds = seconds_now() - start;
  report(h, seconds);
  free(input);
  free(packed);
  free(unpacked);
  return 0;
}
