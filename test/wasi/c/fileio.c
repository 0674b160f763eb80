/*===- fileio.c - File and directory round trips in a granted directory --===*
 *
 * argv[1] is the directory to work in (the host temp dir natively, the
 * guest name of the --dir grant under WASI). Every step prints what it saw;
 * errors are printed by name. What is left behind is compared too.
 *===----------------------------------------------------------------------===*/
#include "errname.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char root[1024];

static const char *at(const char *name) {
  static char paths[4][1200];
  static int next;
  char *p = paths[next++ % 4];
  snprintf(p, sizeof paths[0], "%s/%s", root, name);
  return p;
}

#define CHECK(what, expr)                                                      \
  do {                                                                         \
    errno = 0;                                                                 \
    long long r_ = (long long)(expr);                                          \
    printf("%-34s -> %lld %s\n", what, r_, r_ < 0 ? errname(errno) : "");      \
  } while (0)

static int compare(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *name) {
  DIR *dir = opendir(at(name));
  if (!dir) {
    printf("opendir %s: %s\n", name, errname(errno));
    return;
  }
  char *names[256];
  int count = 0;
  struct dirent *entry;
  while ((entry = readdir(dir)) && count < 256) {
    // "." and ".." are left out: WASI runtimes differ on listing them.
    if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
      continue;
    char kind = entry->d_type == DT_DIR ? 'd' : entry->d_type == DT_REG ? 'f' : '?';
    char *line = malloc(strlen(entry->d_name) + 4);
    sprintf(line, "%c %s", kind, entry->d_name);
    names[count++] = line;
  }
  closedir(dir);
  qsort(names, count, sizeof(char *), compare);
  printf("listing of %s (%d entries):\n", name, count);
  for (int i = 0; i < count; ++i) {
    printf("  %s\n", names[i]);
    free(names[i]);
  }
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: fileio DIR\n");
    return 2;
  }
  snprintf(root, sizeof root, "%s", argv[1]);

  CHECK("mkdir sub", mkdir(at("sub"), 0755));
  CHECK("mkdir sub again", mkdir(at("sub"), 0755));

  // Write, then read back.
  int fd = open(at("sub/a.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  printf("open sub/a.txt for writing: %s\n", fd >= 0 ? "ok" : errname(errno));
  char text[1100];
  for (int i = 0; i < 100; ++i)
    memcpy(text + i * 11, "hello file\n", 11);
  CHECK("write 1100 bytes", write(fd, text, 1100));
  CHECK("close", close(fd));

  char back[2000];
  fd = open(at("sub/a.txt"), O_RDONLY);
  ssize_t n = read(fd, back, sizeof back);
  printf("read back %zd bytes, %s\n", n,
         n == 1100 && !memcmp(back, text, 1100) ? "equal" : "DIFFERENT");
  CHECK("read at EOF", read(fd, back, sizeof back));

  // Seek around.
  CHECK("lseek SET 6", lseek(fd, 6, SEEK_SET));
  n = read(fd, back, 4);
  printf("read 4 at 6: [%.*s]\n", (int)n, back);
  CHECK("lseek CUR +1", lseek(fd, 1, SEEK_CUR));
  CHECK("lseek END -5", lseek(fd, -5, SEEK_END));
  n = read(fd, back, 10);
  printf("read at END-5: %zd [%.*s]\n", n, (int)(n > 0 ? n - 1 : 0), back);
  CHECK("lseek SET -1", lseek(fd, -1, SEEK_SET));
  CHECK("write to read-only fd", write(fd, "x", 1));
  CHECK("close", close(fd));
  CHECK("close again", close(fd));

  // Positioned I/O, truncation, append.
  fd = open(at("sub/a.txt"), O_RDWR);
  CHECK("pwrite 5 at 2000", pwrite(fd, "HOLE!", 5, 2000));
  n = pread(fd, back, 8, 1998);
  printf("pread 8 at 1998: %zd [%c%c%.*s]\n", n, back[0] ? '?' : '0',
         back[1] ? '?' : '0', (int)(n > 2 ? n - 2 : 0), back + 2);
  CHECK("position unchanged (lseek CUR 0)", lseek(fd, 0, SEEK_CUR));
  struct stat st;
  CHECK("fstat", fstat(fd, &st));
  printf("size %lld, regular %d, dir %d, nlink %lld\n", (long long)st.st_size,
         S_ISREG(st.st_mode), S_ISDIR(st.st_mode), (long long)st.st_nlink);
  CHECK("ftruncate 50", ftruncate(fd, 50));
  CHECK("fstat", fstat(fd, &st));
  printf("size after truncate %lld\n", (long long)st.st_size);
  CHECK("close", close(fd));

  fd = open(at("sub/a.txt"), O_WRONLY | O_APPEND);
  CHECK("append 6", write(fd, "-tail\n", 6));
  CHECK("close", close(fd));
  CHECK("stat sub/a.txt", stat(at("sub/a.txt"), &st));
  printf("size after append %lld\n", (long long)st.st_size);
  CHECK("stat sub", stat(at("sub"), &st));
  printf("sub is dir %d\n", S_ISDIR(st.st_mode));
  CHECK("stat missing", stat(at("missing"), &st));
  CHECK("open missing", open(at("missing"), O_RDONLY));
  CHECK("open O_EXCL existing", open(at("sub/a.txt"), O_WRONLY | O_CREAT | O_EXCL, 0644));
  CHECK("open dir for writing", open(at("sub"), O_WRONLY));
  CHECK("open file as dir", open(at("sub/a.txt/x"), O_RDONLY));

  // Times.
  struct timespec times[2] = {{1000000000, 0}, {1234567890, 500000000}};
  CHECK("utimensat", utimensat(AT_FDCWD, at("sub/a.txt"), times, 0));
  CHECK("stat", stat(at("sub/a.txt"), &st));
  printf("atime %lld mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec,
         (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);

  // stdio on top.
  FILE *f = fopen(at("sub/b.txt"), "w+");
  fprintf(f, "number %d\nword %s\n", 1234, "abc");
  rewind(f);
  int number = 0;
  char word[16] = "";
  int got = fscanf(f, "number %d\nword %15s", &number, word);
  printf("fscanf: %d fields, %d, %s\n", got, number, word);
  fclose(f);

  // Rename, unlink, directories.
  CHECK("rename a.txt -> c.txt", rename(at("sub/a.txt"), at("sub/c.txt")));
  CHECK("stat a.txt after rename", stat(at("sub/a.txt"), &st));
  CHECK("rename over existing b", rename(at("sub/c.txt"), at("sub/b.txt")));
  CHECK("mkdir sub/inner", mkdir(at("sub/inner"), 0755));
  for (const char *name = "zeta\0alpha\0mid\0"; *name; name += strlen(name) + 1) {
    char path[64];
    snprintf(path, sizeof path, "sub/inner/%s", name);
    fd = open(at(path), O_WRONLY | O_CREAT, 0644);
    write(fd, name, strlen(name));
    close(fd);
  }
  list("sub");
  list("sub/inner");
  CHECK("rmdir non-empty", rmdir(at("sub/inner")));
  CHECK("unlink a dir", unlink(at("sub/inner")));
  CHECK("unlink inner/zeta", unlink(at("sub/inner/zeta")));
  CHECK("unlink inner/zeta again", unlink(at("sub/inner/zeta")));
  CHECK("unlink inner/alpha", unlink(at("sub/inner/alpha")));
  CHECK("rename inner/mid -> keep.txt", rename(at("sub/inner/mid"), at("keep.txt")));
  CHECK("rmdir inner", rmdir(at("sub/inner")));
  CHECK("rmdir a file", rmdir(at("sub/b.txt")));
  CHECK("unlink b.txt", unlink(at("sub/b.txt")));
  CHECK("rmdir sub", rmdir(at("sub")));
  list(".");
  return 0;
}
