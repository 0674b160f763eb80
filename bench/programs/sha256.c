/*===- sha256.c - SHA-256 of a 4 MiB buffer and of its 4 KiB blocks --------===*
 *
 * A streaming SHA-256 (init, update, final). Each repetition hashes the
 * whole buffer, then every 4 KiB block of it separately and the
 * concatenated block digests (a flat Merkle tree); both digests go into
 * the checksum and the first is written back into the buffer, so every
 * repetition hashes different data. The known digests of three messages
 * are checked before the kernel. Stresses 32-bit rotates, adds and logic
 * ops with a large live register set, and big-endian loads.
 *===----------------------------------------------------------------------===*/
#include "common.h"

enum { BUFFER_SIZE = 4 << 20, LEAF_SIZE = 4096, LEAVES = BUFFER_SIZE / LEAF_SIZE };

static const char *const NAME = "sha256";

typedef struct {
  uint32_t state[8];
  uint64_t length; /* bytes hashed so far */
  uint8_t pending[64];
  uint32_t pending_size;
} Sha256;

static const uint32_t ROUND[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static inline uint32_t load_be32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline void store_be32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v >> 24);
  p[1] = (uint8_t)(v >> 16);
  p[2] = (uint8_t)(v >> 8);
  p[3] = (uint8_t)v;
}

/* Compresses count consecutive 64-byte blocks into state. */
static NOINLINE void compress_blocks(uint32_t state[8], const uint8_t *data, size_t count) {
  for (; count > 0; count--, data += 64) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++) w[i] = load_be32(data + 4 * i);
    for (int i = 16; i < 64; i++) {
      uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 64; i++) {
      uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + ROUND[i] + w[i];
      uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
  }
}

static void sha256_init(Sha256 *s) {
  static const uint32_t initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memcpy(s->state, initial, sizeof initial);
  s->length = 0;
  s->pending_size = 0;
}

static void sha256_update(Sha256 *s, const void *data, size_t size) {
  const uint8_t *p = (const uint8_t *)data;
  s->length += size;
  if (s->pending_size) {
    size_t take = 64 - s->pending_size;
    if (take > size) take = size;
    memcpy(s->pending + s->pending_size, p, take);
    s->pending_size += (uint32_t)take;
    p += take;
    size -= take;
    if (s->pending_size < 64) return;
    compress_blocks(s->state, s->pending, 1);
    s->pending_size = 0;
  }
  size_t whole = size / 64;
  if (whole) compress_blocks(s->state, p, whole);
  p += whole * 64;
  size -= whole * 64;
  memcpy(s->pending, p, size);
  s->pending_size = (uint32_t)size;
}

static void sha256_final(Sha256 *s, uint8_t digest[32]) {
  uint64_t bits = s->length * 8;
  uint8_t tail[72] = {0x80};
  size_t pad = (s->pending_size < 56 ? 56 : 120) - s->pending_size;
  for (int i = 0; i < 8; i++) tail[pad + (size_t)i] = (uint8_t)(bits >> (56 - 8 * i));
  sha256_update(s, tail, pad + 8);
  for (int i = 0; i < 8; i++) store_be32(digest + 4 * i, s->state[i]);
}

static void sha256(const void *data, size_t size, uint8_t digest[32]) {
  Sha256 s;
  sha256_init(&s);
  sha256_update(&s, data, size);
  sha256_final(&s, digest);
}

static void expect(const char *message, const char *hex) {
  uint8_t digest[32];
  char text[65];
  /* Feed it in uneven pieces to exercise the buffering as well. */
  Sha256 s;
  sha256_init(&s);
  size_t size = strlen(message), done = 0, piece = 1;
  while (done < size) {
    size_t take = size - done < piece ? size - done : piece;
    sha256_update(&s, message + done, take);
    done += take;
    piece = piece * 3 + 1;
  }
  sha256_final(&s, digest);
  for (int i = 0; i < 32; i++) {
    text[2 * i] = "0123456789abcdef"[digest[i] >> 4];
    text[2 * i + 1] = "0123456789abcdef"[digest[i] & 15];
  }
  text[64] = 0;
  if (strcmp(text, hex) != 0) fail(NAME, message);
}

static uint64_t digest_word(const uint8_t digest[32], int i) {
  uint64_t v = 0;
  for (int k = 0; k < 8; k++) v = v << 8 | digest[8 * i + k];
  return v;
}

int main(int argc, char **argv) {
  int reps = repetitions(argc, argv, 18);
  expect("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  expect("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  expect("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");

  uint8_t *buffer = malloc(BUFFER_SIZE), *leaves = malloc(LEAVES * 32);
  if (!buffer || !leaves) fail(NAME, "out of memory");
  uint64_t rng = 0x5eed0002;
  for (size_t i = 0; i < BUFFER_SIZE; i += 8) {
    uint64_t v = next_u64(&rng);
    for (int k = 0; k < 8; k++) buffer[i + (size_t)k] = (uint8_t)(v >> (8 * k));
  }

  uint64_t h = CHECK_START;
  uint8_t digest[32], root[32];
  double start = seconds_now();
  for (int r = 0; r < reps; r++) {
    sha256(buffer, BUFFER_SIZE, digest);
    for (size_t i = 0; i < LEAVES; i++) sha256(buffer + i * LEAF_SIZE, LEAF_SIZE, leaves + i * 32);
    sha256(leaves, LEAVES * 32, root);
    for (int i = 0; i < 4; i++) h = check_word(check_word(h, digest_word(digest, i)), digest_word(root, i));
    memcpy(buffer + ((size_t)r * 4099 * 32) % (BUFFER_SIZE - 32), digest, 32);
  }
  double seconds = seconds_now() - start;
  report(h, seconds);
  free(buffer);
  free(leaves);
  return 0;
}
