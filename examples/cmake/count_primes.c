/* count_primes.c - a host program that calls a module linked into it as a
 * static library (wasm_aot_add_library in CMakeLists.txt), through the
 * typed functions of the header the library comes with (primes.h).
 *
 * usage: count_primes N   prints how many primes are below N
 */
#include "primes.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s N\n", argv[0]);
    return 2;
  }
  wa_store *store = wa_store_new(NULL);
  wa_instance *instance = NULL;
  wa_error error;
  if (!store || !primes_instantiate(store, NULL, NULL, 0, &instance, &error)) {
    fprintf(stderr, "error: cannot instantiate the module: %s\n",
            store ? error.message : "no store");
    return 1;
  }
  int32_t count = 0;
  wa_result r = primes_count_primes(instance, atoi(argv[1]), &count);
  if (r.status != WA_OK) {
    fprintf(stderr, "%s: %s\n", r.status == WA_TRAPPED ? "trap" : "error",
            r.message);
    wa_store_free(store);
    return 3;
  }
  printf("primes below %s: %d\n", argv[1], count);
  wa_store_free(store);
  return 0;
}
