/*===- bigdir.c - A directory far larger than one fd_readdir buffer -------===*
 *
 * argv[1] is the directory to work in. Creates 1500 files with long names
 * and 20 subdirectories, then lists them: every entry must come back
 * exactly once, over many fd_readdir calls resumed from their cookies.
 * Also rewinddir, and telldir/seekdir back to the middle of the listing.
 * Removes everything at the end. Only order-independent facts are printed
 * (the host's readdir order is not the guest's).
 *===----------------------------------------------------------------------===*/
#include "errname.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { FILES = 1500, DIRS = 20, TOTAL = FILES + DIRS };

static char root[1024];

static const char *at(const char *name) {
  static char path[1200];
  snprintf(path, sizeof path, "%s/%s", root, name);
  return path;
}

static void name_of(int i, char *out, size_t size) {
  if (i < FILES)
    snprintf(out, size, "file-%04d-with-a-rather-long-name-to-fill-buffers.txt", i);
  else
    snprintf(out, size, "dir-%02d", i - FILES);
}

// The index name_of gives `name`, or -1 for anything else.
static int index_of(const char *name) {
  int i;
  char check[128];
  if (sscanf(name, "file-%d-", &i) == 1 && i >= 0 && i < FILES) {
    name_of(i, check, sizeof check);
    return strcmp(check, name) ? -1 : i;
  }
  if (sscanf(name, "dir-%d", &i) == 1 && i >= 0 && i < DIRS) {
    name_of(FILES + i, check, sizeof check);
    return strcmp(check, name) ? -1 : FILES + i;
  }
  return -1;
}

// Reads the rest of the listing; returns the entries seen (not . or ..),
// counting in seen[] how often each expected one came back.
static int read_all(DIR *dir, int *seen, int *unexpected, int *wrong_type) {
  int count = 0;
  struct dirent *entry;
  while ((entry = readdir(dir))) {
    if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
      continue;
    ++count;
    int i = index_of(entry->d_name);
    if (i < 0) {
      ++*unexpected;
      continue;
    }
    ++seen[i];
    if (entry->d_type != (i < FILES ? DT_REG : DT_DIR))
      ++*wrong_type;
  }
  return count;
}

static void report(const char *what, DIR *dir) {
  int seen[TOTAL] = {0}, unexpected = 0, wrong_type = 0;
  int count = read_all(dir, seen, &unexpected, &wrong_type);
  int missing = 0, twice = 0;
  for (int i = 0; i < TOTAL; ++i) {
    missing += seen[i] == 0;
    twice += seen[i] > 1;
  }
  printf("%s: %d entries, %d missing, %d more than once, %d unexpected, "
         "%d with the wrong type\n",
         what, count, missing, twice, unexpected, wrong_type);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bigdir DIR\n");
    return 2;
  }
  snprintf(root, sizeof root, "%s", argv[1]);

  char name[128];
  int failures = 0;
  for (int i = 0; i < TOTAL; ++i) {
    name_of(i, name, sizeof name);
    if (i < FILES) {
      int fd = open(at(name), O_WRONLY | O_CREAT | O_EXCL, 0644);
      failures += fd < 0 || write(fd, name, 4) != 4 || close(fd) != 0;
    } else {
      failures += mkdir(at(name), 0755) != 0;
    }
  }
  printf("created %d entries, %d failures\n", TOTAL, failures);

  DIR *dir = opendir(root);
  if (!dir) {
    printf("opendir: %s\n", errname(errno));
    return 1;
  }
  report("first listing", dir);
  rewinddir(dir);
  report("after rewinddir", dir);

  // telldir in the middle, read on, seekdir back: the same entries again.
  rewinddir(dir);
  for (int i = 0; i < 700 && readdir(dir); ++i)
    ;
  long middle = telldir(dir);
  char after[5][128];
  int got = 0;
  for (struct dirent *e; got < 5 && (e = readdir(dir)); ++got)
    snprintf(after[got], sizeof after[got], "%s", e->d_name);
  seekdir(dir, middle);
  int same = 0;
  for (struct dirent *e; same < got && (e = readdir(dir)) &&
                         !strcmp(e->d_name, after[same]);)
    ++same;
  printf("seekdir back to telldir: %d of %d entries the same\n", same, got);
  closedir(dir);

  failures = 0;
  for (int i = 0; i < TOTAL; ++i) {
    name_of(i, name, sizeof name);
    failures += (i < FILES ? unlink(at(name)) : rmdir(at(name))) != 0;
  }
  printf("removed %d entries, %d failures\n", TOTAL, failures);
  dir = opendir(root);
  if (!dir) {
    printf("opendir: %s\n", errname(errno));
    return 1;
  }
  report("emptied", dir);
  closedir(dir);
  return 0;
}
