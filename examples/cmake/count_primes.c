/* count_primes.c - a host program that calls a module linked into it as a
 * static library (wasm_aot_add_library in CMakeLists.txt).
 *
 * usage: count_primes N   prints how many primes are below N
 */
#include "wasm-aot/runtime.h"

#include <stdio.h>
#include <stdlib.h>

/* The library's module descriptor: wasm_aot_add_library names it
 * NAME_module. */
extern const wa_module primes_module;

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s N\n", argv[0]);
    return 2;
  }
  wa_store *store = wa_store_new(NULL);
  wa_instance *instance = NULL;
  wa_error error;
  if (!store ||
      !wa_instantiate(store, &primes_module, NULL, 0, &instance, &error)) {
    fprintf(stderr, "error: cannot instantiate the module: %s\n",
            store ? error.message : "no store");
    return 1;
  }
  wa_extern count;
  if (!wa_instance_export(instance, "count_primes", &count) ||
      count.kind != WA_EXTERN_FUNC) {
    fprintf(stderr, "error: the module exports no function count_primes\n");
    return 1;
  }
  wa_value args[1] = {{.i32 = atoi(argv[1])}}, results[1];
  wa_result r = wa_call(count.of.func, args, 1, results, 1);
  if (r.status != WA_OK) {
    fprintf(stderr, "%s: %s\n", r.status == WA_TRAPPED ? "trap" : "error",
            r.message);
    wa_store_free(store);
    return 3;
  }
  printf("primes below %s: %d\n", argv[1], results[0].i32);
  wa_store_free(store);
  return 0;
}
