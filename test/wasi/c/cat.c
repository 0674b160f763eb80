/*===- cat.c - Copies standard input to standard output until EOF -------===*
 *
 * Reads with read(2) in odd-sized chunks, so short reads and the end of a
 * pipe are exercised; the totals go to stderr.
 *===----------------------------------------------------------------------===*/
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  char buffer[3001];
  unsigned long long bytes = 0, lines = 0, sum = 0;
  for (;;) {
    ssize_t n = read(0, buffer, sizeof buffer);
    if (n < 0) {
      perror("read");
      return 1;
    }
    if (n == 0)
      break;
    for (ssize_t i = 0; i < n; ++i) {
      lines += buffer[i] == '\n';
      sum = sum * 31 + (unsigned char)buffer[i];
    }
    bytes += (unsigned long long)n;
    for (ssize_t done = 0; done < n;) {
      ssize_t w = write(1, buffer + done, (size_t)(n - done));
      if (w <= 0) {
        perror("write");
        return 1;
      }
      done += w;
    }
  }
  // A read after EOF must report EOF again.
  ssize_t again = read(0, buffer, sizeof buffer);
  fprintf(stderr, "bytes=%llu lines=%llu hash=%016llx again=%zd\n", bytes, lines,
          sum, again);
  return 0;
}
