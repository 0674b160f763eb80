/*===- hello.c - The smallest useful guest: stdout, stderr, status -------===*/
#include <stdio.h>

int main(void) {
  printf("Hello, WASI!\n");
  printf("%d %u %ld %x %s %c %5.2f|%-6s|\n", -42, 42u, 1234567890L, 0xbeef,
         "str", 'c', 3.14159, "left");
  fprintf(stderr, "a line on stderr\n");
  return 0;
}
