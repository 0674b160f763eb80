/*===- exit_codes.c - The ways a C program ends --------------------------===*
 *
 * argv[1] picks one: "exit3" (exit(3) with buffered output still to
 * flush), "return42" (returning from main), "return0", "exit255",
 * "atexit" (handlers run in reverse order), "abort".
 *===----------------------------------------------------------------------===*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void first(void) { printf("atexit: first registered, runs last\n"); }
static void second(void) { printf("atexit: second registered, runs first\n"); }

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  printf("mode %s\n", mode); // still buffered when exit() runs
  if (!strcmp(mode, "exit3"))
    exit(3);
  if (!strcmp(mode, "return42"))
    return 42;
  if (!strcmp(mode, "exit255"))
    exit(255);
  if (!strcmp(mode, "atexit")) {
    atexit(first);
    atexit(second);
    exit(9);
  }
  if (!strcmp(mode, "abort")) {
    fflush(stdout);
    fprintf(stderr, "about to abort\n");
    abort();
  }
  return 0;
}
