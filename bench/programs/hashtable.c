/*===- hashtable.c - A robin-hood hash table of 64-bit keys ----------------===*
 *
 * Open addressing with linear probing and robin-hood displacement: 2^20
 * slots held as three arrays (64-bit keys, 32-bit values, 8-bit probe
 * distances, 0 for an empty slot), deletion by backward shifting (no
 * tombstones). Keys are half random 64-bit numbers and half sequential
 * ids with a stride; the slot comes from a multiplicative hash.
 *
 * Each repetition starts from an empty table and does about 3.9 million
 * operations: 640 Ki inserts, 1.25 Mi lookups (half hits, half misses), a
 * delete of every third key, a lookup of every original key, and 320 Ki
 * inserts of which a third update existing keys. The found values, the
 * hit counts and the table size go into the checksum; the counts are
 * also checked against what the operations must give. Stresses cache
 * misses on a 13 MiB table, 64-bit compares and unpredictable branches.
 *===----------------------------------------------------------------------===*/
#include "common.h"

enum {
  SLOT_BITS = 20,
  SLOTS = 1 << SLOT_BITS,
  KEYS = 640 << 10,       /* inserted first */
  LOOKUPS = 1280 << 10,   /* alternately a hit and a miss */
  NEW_KEYS = 320 << 10,   /* inserted last: two new keys per update */
};

static const char *const NAME = "hashtable";

typedef struct {
  uint64_t *keys;
  uint32_t *values;
  uint8_t *distance; /* 1 + how far the slot is from the key's home; 0: empty */
  uint32_t count;
} Table;

static inline uint32_t home(uint64_t key) {
  return (uint32_t)((key * 0x9e3779b97f4a7c15ull) >> (64 - SLOT_BITS));
}

/* Inserts or updates; returns 1 if the key is new. */
static int table_put(Table *t, uint64_t key, uint32_t value) {
  uint32_t i = home(key);
  uint32_t d = 1;
  for (;; i = (i + 1) & (SLOTS - 1), d++) {
    if (d > 255) fail(NAME, "probe sequence too long");
    uint32_t here = t->distance[i];
    if (here == 0) {
      t->keys[i] = key;
      t->values[i] = value;
      t->distance[i] = (uint8_t)d;
      t->count++;
      return 1;
    }
    if (here == d && t->keys[i] == key) {
      t->values[i] = value;
      return 0;
    }
    if (here < d) break; /* the key is absent: take this richer slot */
  }
  /* Place the key here and carry the evicted entry on to the next hole. */
  for (;;) {
    uint64_t k = t->keys[i];
    uint32_t v = t->values[i], e = t->distance[i];
    t->keys[i] = key;
    t->values[i] = value;
    t->distance[i] = (uint8_t)d;
    if (e == 0) break;
    key = k;
    value = v;
    d = e;
    do {
      i = (i + 1) & (SLOTS - 1);
      if (++d > 255) fail(NAME, "probe sequence too long");
    } while (t->distance[i] >= d);
  }
  t->count++;
  return 1;
}

/* Returns the slot of key, or -1. */
static inline int32_t table_find(const Table *t, uint64_t key) {
  uint32_t i = home(key);
  for (uint32_t d = 1; t->distance[i] >= d; i = (i + 1) & (SLOTS - 1), d++)
    if (t->distance[i] == d && t->keys[i] == key) return (int32_t)i;
  return -1;
}

/* Removes key; returns 1 if it was there. */
static int table_remove(Table *t, uint64_t key) {
  int32_t found = table_find(t, key);
  if (found < 0) return 0;
  uint32_t i = (uint32_t)found, next = (i + 1) & (SLOTS - 1);
  while (t->distance[next] > 1) {
    t->keys[i] = t->keys[next];
    t->values[i] = t->values[next];
    t->distance[i] = (uint8_t)(t->distance[next] - 1);
    i = next;
    next = (next + 1) & (SLOTS - 1);
  }
  t->distance[i] = 0;
  t->count--;
  return 1;
}

/* The key of index i of a stream: odd streams random, even ones ids. */
static inline uint64_t key_of(uint64_t stream, uint32_t i) {
  if (i & 1) return mix64(stream * 0x100000000ull + i);
  return (stream << 40) + (uint64_t)i * 24 + 7;
}

static NOINLINE uint64_t workout(Table *t, uint64_t stream, uint64_t *rng) {
  uint64_t h = CHECK_START, sum = 0;
  uint32_t hits = 0;
  memset(t->distance, 0, SLOTS);
  t->count = 0;

  for (uint32_t i = 0; i < KEYS; i++)
    if (!table_put(t, key_of(stream, i), i ^ 0x5a5a5a5au)) fail(NAME, "a new key was already there");
  h = check_word(h, t->count);

  for (uint32_t n = 0; n < LOOKUPS; n++) {
    /* even n: an inserted key; odd n: one of another stream, absent */
    uint64_t key = n & 1 ? key_of(stream + 1, next_below(rng, KEYS))
                         : key_of(stream, next_below(rng, KEYS));
    int32_t slot = table_find(t, key);
    if (slot >= 0) {
      hits++;
      sum += t->values[slot];
    }
  }
  if (hits != LOOKUPS / 2) fail(NAME, "lookups found the wrong number of keys");
  h = check_word(check_word(h, hits), sum);

  uint32_t removed = 0;
  for (uint32_t i = 0; i < KEYS; i += 3) removed += (uint32_t)table_remove(t, key_of(stream, i));
  if (removed != (KEYS + 2) / 3 || t->count != KEYS - removed) fail(NAME, "delete miscounted");

  hits = 0;
  sum = 0;
  for (uint32_t i = 0; i < KEYS; i++) {
    int32_t slot = table_find(t, key_of(stream, i));
    if (slot >= 0) {
      hits++;
      sum += t->values[slot] * (uint64_t)(i | 1);
    }
  }
  if (hits != KEYS - removed) fail(NAME, "a key was lost");
  h = check_word(check_word(h, hits), sum);

  uint32_t added = 0;
  for (uint32_t n = 0; n < NEW_KEYS; n++) {
    /* every third one an update of a surviving key (i % 3 == 1) */
    uint64_t key = n % 3 == 0 ? key_of(stream, 3 * next_below(rng, KEYS / 3) + 1)
                              : key_of(stream + 2, n);
    added += (uint32_t)table_put(t, key, n);
  }
  if (added != NEW_KEYS - (NEW_KEYS + 2) / 3) fail(NAME, "updates miscounted");
  h = check_word(h, t->count);

  /* A pass over the table: the layout, too, is part of the result. */
  uint64_t layout = 0;
  for (uint32_t i = 0; i < SLOTS; i++)
    if (t->distance[i]) layout = layout * 31 + (t->keys[i] ^ t->values[i] ^ t->distance[i]);
  return check_word(h, layout);
}

int main(int argc, char **argv) {
  int reps = repetitions(argc, argv, 5);
  Table t;
  t.keys = malloc(SLOTS * sizeof(uint64_t));
  t.values = malloc(SLOTS * sizeof(uint32_t));
  t.distance = malloc(SLOTS);
  if (!t.keys || !t.values || !t.distance) fail(NAME, "out of memory");

  uint64_t rng = 0x5eed0005;
  uint64_t h = CHECK_START;
  double start = seconds_now();
  for (int r = 0; r < reps; r++) h = check_word(h, workout(&t, 4 * (uint64_t)r + 1, &rng));
  double seconds = seconds_now() - start;
  report(h, seconds);
  free(t.keys);
  free(t.values);
  free(t.distance);
  return 0;
}
