/*===- sort.c - Quicksort, merge sort and a comparator sort of integer keys ===*
 *
 * Three arrays each repetition: 512 Ki random 32-bit keys, 512 Ki 32-bit
 * keys with only 1000 distinct values, and 256 Ki random 64-bit keys (each
 * the same pristine data xor a per-repetition salt). Each array is sorted
 * three times: by a quicksort (median of three, Hoare partition, insertion
 * sort below 16 elements, recursion on the smaller side), by a top-down
 * merge sort (insertion sort below 16, merging from a copy of the left
 * half), both typed, and by callback_sort(), a qsort()-compatible sort
 * written here (the same merge sort on untyped elements of any size, every
 * comparison a call through the comparator pointer, as in a C library's
 * qsort). The three results must be sorted and identical; they go into the
 * checksum.
 *
 * callback_sort() replaces the C library's qsort(), which is glibc's merge
 * sort natively and musl's smoothsort in wasm (wasi-libc): with it, every
 * build runs the same algorithm and the third sort measures the engine's
 * indirect calls, not two libraries.
 * Stresses compares and swaps with unpredictable branches, and indirect
 * calls (the comparator).
 *===----------------------------------------------------------------------===*/
#include "common.h"

enum { N32 = 1 << 19, N64 = 1 << 18, SMALL = 16, DISTINCT = 1000 };

static const char *const NAME = "sort";

/* --- A qsort()-compatible sort ------------------------------------------ */

typedef int (*compare_fn)(const void *, const void *);

/* Scratch for callback_sort: half the largest array, set up by main (a C
 * library's qsort would allocate it per call). */
static unsigned char *callback_scratch;

/* Copies one element; 4- and 8-byte elements in one load and store, like a
 * C library's qsort, instead of a call to memcpy per element. */
static inline void copy_element(unsigned char *dst, const unsigned char *src, size_t size) {
  if (size == 4) {
    uint32_t v;
    memcpy(&v, src, 4);
    memcpy(dst, &v, 4);
  } else if (size == 8) {
    uint64_t v;
    memcpy(&v, src, 8);
    memcpy(dst, &v, 8);
  } else {
    for (size_t i = 0; i < size; i++) dst[i] = src[i];
  }
}

static inline void swap_elements(unsigned char *x, unsigned char *y, size_t size) {
  if (size == 4) {
    uint32_t u, v;
    memcpy(&u, x, 4), memcpy(&v, y, 4);
    memcpy(x, &v, 4), memcpy(y, &u, 4);
  } else if (size == 8) {
    uint64_t u, v;
    memcpy(&u, x, 8), memcpy(&v, y, 8);
    memcpy(x, &v, 8), memcpy(y, &u, 8);
  } else {
    for (size_t i = 0; i < size; i++) {
      unsigned char t = x[i];
      x[i] = y[i], y[i] = t;
    }
  }
}

/* Stable top-down merge sort of a[0, n) using scratch[0, n / 2]; cmp
 * decides every comparison. */
static void callback_merge_sort(unsigned char *a, size_t n, size_t size, compare_fn cmp,
                                unsigned char *scratch) {
  if (n <= SMALL) {
    for (size_t i = 1; i < n; i++)
      for (size_t j = i; j > 0 && cmp(a + (j - 1) * size, a + j * size) > 0; j--)
        swap_elements(a + (j - 1) * size, a + j * size, size);
    return;
  }
  size_t half = n / 2;
  callback_merge_sort(a, half, size, cmp, scratch);
  callback_merge_sort(a + half * size, n - half, size, cmp, scratch);
  if (cmp(a + (half - 1) * size, a + half * size) <= 0) return; /* already in order */
  memcpy(scratch, a, half * size);
  const unsigned char *left = scratch, *left_end = scratch + half * size;
  unsigned char *right = a + half * size, *end = a + n * size, *out = a;
  while (left < left_end && right < end) {
    if (cmp(right, left) < 0) {
      copy_element(out, right, size);
      right += size;
    } else {
      copy_element(out, left, size);
      left += size;
    }
    out += size;
  }
  for (; left < left_end; left += size, out += size) copy_element(out, left, size);
}

/* qsort()'s interface. Not inlined, so that the comparator stays a
 * function pointer (an indirect call, call_indirect in wasm). */
static NOINLINE void callback_sort(void *base, size_t n, size_t size, compare_fn cmp) {
  callback_merge_sort((unsigned char *)base, n, size, cmp, callback_scratch);
}

#define DEFINE_SORTS(T, S)                                                        \
  static void insertion_sort_##S(T *a, size_t n) {                                \
    for (size_t i = 1; i < n; i++) {                                              \
      T v = a[i];                                                                 \
      size_t j = i;                                                               \
      for (; j > 0 && v < a[j - 1]; j--) a[j] = a[j - 1];                         \
      a[j] = v;                                                                   \
    }                                                                             \
  }                                                                               \
                                                                                  \
  static NOINLINE void quicksort_##S(T *a, size_t n) {                            \
    while (n > SMALL) {                                                           \
      size_t mid = (n - 1) / 2;                                                   \
      T t;                                                                        \
      if (a[mid] < a[0]) t = a[mid], a[mid] = a[0], a[0] = t;                     \
      if (a[n - 1] < a[0]) t = a[n - 1], a[n - 1] = a[0], a[0] = t;               \
      if (a[n - 1] < a[mid]) t = a[n - 1], a[n - 1] = a[mid], a[mid] = t;         \
      T pivot = a[mid];                                                           \
      /* Hoare: a[0, j] <= pivot <= a[j + 1, n), both parts non-empty. */         \
      size_t i = 0, j = n - 1;                                                    \
      for (;;) {                                                                  \
        while (a[i] < pivot) i++;                                                 \
        while (pivot < a[j]) j--;                                                 \
        if (i >= j) break;                                                        \
        t = a[i], a[i] = a[j], a[j] = t;                                          \
        i++;                                                                      \
        j--;                                                                      \
      }                                                                           \
      size_t left = j + 1;                                                        \
      if (left < n - left) {                                                      \
        quicksort_##S(a, left);                                                   \
        a += left;                                                                \
        n -= left;                                                                \
      } else {                                                                    \
        quicksort_##S(a + left, n - left);                                        \
        n = left;                                                                 \
      }                                                                           \
    }                                                                             \
    insertion_sort_##S(a, n);                                                     \
  }                                                                               \
                                                                                  \
  /* Sorts a[0, n) using scratch[0, n / 2]. */                                    \
  static void merge_sort_##S(T *a, size_t n, T *scratch) {                        \
    if (n <= SMALL) {                                                             \
      insertion_sort_##S(a, n);                                                   \
      return;                                                                     \
    }                                                                             \
    size_t half = n / 2;                                                          \
    merge_sort_##S(a, half, scratch);                                             \
    merge_sort_##S(a + half, n - half, scratch);                                  \
    if (!(a[half] < a[half - 1])) return; /* already in order */                  \
    memcpy(scratch, a, half * sizeof(T));                                         \
    size_t i = 0, j = half, k = 0;                                                \
    while (i < half && j < n) a[k++] = a[j] < scratch[i] ? a[j++] : scratch[i++]; \
    while (i < half) a[k++] = scratch[i++];                                       \
  }                                                                               \
                                                                                  \
  static int compare_##S(const void *x, const void *y) {                          \
    T a = *(const T *)x, b = *(const T *)y;                                       \
    return (a > b) - (a < b);                                                     \
  }                                                                               \
                                                                                  \
  static void check_sorted_##S(const T *a, size_t n) {                            \
    for (size_t i = 1; i < n; i++)                                                \
      if (a[i] < a[i - 1]) fail(NAME, "an array is not sorted");                  \
  }                                                                               \
                                                                                  \
  /* Sorts src ^ salt three ways into the work arrays; returns a checksum. */   \
  static uint64_t sort_all_##S(const T *src, size_t n, T salt, T *work[3], T *scratch) { \
    for (int k = 0; k < 3; k++)                                                   \
      for (size_t i = 0; i < n; i++) work[k][i] = src[i] ^ salt;                  \
    quicksort_##S(work[0], n);                                                    \
    merge_sort_##S(work[1], n, scratch);                                          \
    callback_sort(work[2], n, sizeof(T), compare_##S);                            \
    check_sorted_##S(work[0], n);                                                 \
    if (memcmp(work[0], work[1], n * sizeof(T)) || memcmp(work[0], work[2], n * sizeof(T))) \
      fail(NAME, "the sorts disagree");                                           \
    uint64_t h = CHECK_START;                                                     \
    for (size_t i = 0; i < n; i += 61) h = check_word(h, (uint64_t)work[0][i] + i); \
    return h;                                                                     \
  }

DEFINE_SORTS(uint32_t, u32)
DEFINE_SORTS(uint64_t, u64)

int main(int argc, char **argv) {
  int reps = repetitions(argc, argv, 3);
  uint32_t *random32 = malloc(N32 * sizeof(uint32_t)), *few32 = malloc(N32 * sizeof(uint32_t));
  uint64_t *random64 = malloc(N64 * sizeof(uint64_t));
  uint32_t *work32[3], *scratch32 = malloc((N32 / 2 + 1) * sizeof(uint32_t));
  uint64_t *work64[3], *scratch64 = malloc((N64 / 2 + 1) * sizeof(uint64_t));
  int ok = random32 && few32 && random64 && scratch32 && scratch64;
  for (int k = 0; k < 3; k++) {
    work32[k] = malloc(N32 * sizeof(uint32_t));
    work64[k] = malloc(N64 * sizeof(uint64_t));
    ok = ok && work32[k] && work64[k];
  }
  size_t scratch_bytes = (N32 / 2 + 1) * sizeof(uint32_t);
  if (scratch_bytes < (N64 / 2 + 1) * sizeof(uint64_t)) scratch_bytes = (N64 / 2 + 1) * sizeof(uint64_t);
  callback_scratch = malloc(scratch_bytes);
  ok = ok && callback_scratch;
  if (!ok) fail(NAME, "out of memory");

  uint64_t rng = 0x5eed0004;
  for (size_t i = 0; i < N32; i++) random32[i] = next_u32(&rng);
  for (size_t i = 0; i < N32; i++) few32[i] = next_below(&rng, DISTINCT) * 0x9e3779b1u;
  for (size_t i = 0; i < N64; i++) random64[i] = next_u64(&rng);

  uint64_t h = CHECK_START;
  double start = seconds_now();
  for (int r = 0; r < reps; r++) {
    uint64_t salt = mix64((uint64_t)r);
    h = check_word(h, sort_all_u32(random32, N32, (uint32_t)salt, work32, scratch32));
    h = check_word(h, sort_all_u32(few32, N32, (uint32_t)(salt >> 32), work32, scratch32));
    h = check_word(h, sort_all_u64(random64, N64, salt, work64, scratch64));
  }
  double seconds = seconds_now() - start;
  report(h, seconds);
  for (int k = 0; k < 3; k++) {
    free(work32[k]);
    free(work64[k]);
  }
  free(random32);
  free(few32);
  free(random64);
  free(scratch32);
  free(scratch64);
  free(callback_scratch);
  return 0;
}
