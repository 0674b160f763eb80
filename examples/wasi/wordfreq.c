// wordfreq - counts the words of every file in a directory and prints the
// most frequent ones. A WASI command: `wasm-aot build` turns it into a
// native executable that can read only the directory it was granted.
//
//   usage: wordfreq DIR [N]
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char *word;
  unsigned count;
} Entry;

static Entry *entries;
static size_t num_entries, cap_entries;

static void count_word(const char *word) {
  for (size_t i = 0; i < num_entries; ++i)
    if (strcmp(entries[i].word, word) == 0) {
      ++entries[i].count;
      return;
    }
  if (num_entries == cap_entries) {
    cap_entries = cap_entries ? 2 * cap_entries : 64;
    entries = realloc(entries, cap_entries * sizeof *entries);
  }
  entries[num_entries].word = strdup(word);
  entries[num_entries].count = 1;
  ++num_entries;
}

static unsigned count_file(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "wordfreq: %s: %s\n", path, strerror(errno));
    return 0;
  }
  char word[64];
  size_t len = 0;
  unsigned words = 0;
  for (int c; (c = fgetc(f)) != EOF;) {
    if (isalpha(c) && len + 1 < sizeof word) {
      word[len++] = (char)tolower(c);
      continue;
    }
    if (len) {
      word[len] = 0;
      count_word(word);
      ++words;
      len = 0;
    }
  }
  if (len) {
    word[len] = 0;
    count_word(word);
    ++words;
  }
  fclose(f);
  return words;
}

static int by_count(const void *a, const void *b) {
  const Entry *x = a, *y = b;
  if (x->count != y->count)
    return x->count < y->count ? 1 : -1;
  return strcmp(x->word, y->word);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: wordfreq DIR [N]\n");
    return 2;
  }
  int top = argc > 2 ? atoi(argv[2]) : 5;
  DIR *dir = opendir(argv[1]);
  if (!dir) {
    fprintf(stderr, "wordfreq: %s: %s\n", argv[1], strerror(errno));
    return 1;
  }
  unsigned files = 0, words = 0;
  for (struct dirent *e; (e = readdir(dir));) {
    if (e->d_name[0] == '.')
      continue;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
    words += count_file(path);
    ++files;
  }
  closedir(dir);
  qsort(entries, num_entries, sizeof *entries, by_count);
  printf("%u files, %u words, %zu distinct\n", files, words, num_entries);
  for (size_t i = 0; i < num_entries && (int)i < top; ++i)
    printf("%6u  %s\n", entries[i].count, entries[i].word);
  return 0;
}
