/*===- bigout.c - Writes well over 1 MB to stdout, and some to stderr ----===*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  // 40000 formatted lines through stdio's buffer (about 1.7 MB)...
  for (int i = 0; i < 40000; ++i)
    printf("line %06d: %08x the quick brown fox jumps over the lazy dog\n", i,
           (unsigned)i * 2654435761u);
  // ...then one 1 MiB write straight through.
  size_t size = 1 << 20;
  char *block = malloc(size);
  for (size_t i = 0; i < size; ++i)
    block[i] = (i % 64 == 63) ? '\n' : (char)('a' + i % 26);
  fflush(stdout);
  if (fwrite(block, 1, size, stdout) != size)
    return 1;
  free(block);
  for (int i = 0; i < 1000; ++i)
    fprintf(stderr, "err %d\n", i);
  return 0;
}
