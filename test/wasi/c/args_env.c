/*===- args_env.c - Echoes argv and the whole environment ----------------===*
 *
 * The environment is printed sorted, so the order the host hands it over
 * in does not matter; the harness runs the native program with exactly the
 * variables the WASI build was granted.
 *===----------------------------------------------------------------------===*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int compare(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; ++i)
    printf("argv[%d]=[%s] (%zu bytes)\n", i, argv[i], strlen(argv[i]));

  size_t count = 0;
  while (environ[count])
    ++count;
  char **sorted = malloc((count + 1) * sizeof(char *));
  memcpy(sorted, environ, count * sizeof(char *));
  qsort(sorted, count, sizeof(char *), compare);
  printf("envc=%zu\n", count);
  for (size_t i = 0; i < count; ++i)
    printf("env: %s\n", sorted[i]);
  free(sorted);

  const char *greeting = getenv("GREETING");
  printf("getenv(GREETING)=%s\n", greeting ? greeting : "(unset)");
  const char *home = getenv("HOME");
  printf("getenv(HOME)=%s\n", home ? "(set)" : "(unset)");
  return 0;
}
