/* primes_host.c - a host program that calls a compiled module through its
 * generated header: typed C functions instead of value arrays.
 *
 *   wat2wasm examples/primes.wat -o primes.wasm
 *   wasm-aot compile primes.wasm -o primes.o --emit-header primes.h \
 *       --module-symbol primes_module
 *   cc -I include -I . examples/embed/primes_host.c primes.o \
 *       build/lib/wasm-aot/x86_64-linux-gnu/libWasmAOTRuntime.a \
 *       -lm -lpthread -o primes_host
 *   ./primes_host 1000000
 *
 * (With an installed wasm-aot, -I PREFIX/include and the archive from
 * PREFIX/lib/wasm-aot/TRIPLE; a CMake project gets all of this from
 * wasm_aot_add_library, see examples/cmake.) A trap comes back as a
 * wa_result, not a crash: the last call divides by zero.
 */
#include "primes.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int32_t n = argc > 1 ? atoi(argv[1]) : 1000000;
  wa_store *store = wa_store_new(NULL);
  wa_instance *instance = NULL;
  wa_error error;
  /* The module imports nothing: no imports struct, no extra bindings. */
  if (!store || !primes_instantiate(store, NULL, NULL, 0, &instance, &error)) {
    fprintf(stderr, "error: %s\n", store ? error.message : "no store");
    return 1;
  }

  int32_t count = 0;
  wa_result r = primes_count_primes(instance, n, &count);
  if (r.status != WA_OK) {
    fprintf(stderr, "count_primes: %s\n", r.message);
    return 1;
  }
  printf("primes below %" PRId32 ": %" PRId32 "\n", n, count);

  int64_t fib = 0;
  r = primes_fib(instance, 90, &fib);
  printf("fib(90) = %" PRId64 "\n", fib);

  int32_t quotient = 0;
  r = primes_div(instance, 1, 0, &quotient);
  if (r.status == WA_TRAPPED)
    printf("div(1, 0) trapped: %s\n", r.message);

  wa_store_free(store);
  return 0;
}
