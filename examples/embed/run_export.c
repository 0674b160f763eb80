/* run_export.c - a host program that embeds one compiled module.
 *
 * Link it with an object from `wasm-aot compile` and the runtime archive:
 *
 *   wasm-aot compile primes.wasm -o primes.o
 *   cc -I include examples/embed/run_export.c primes.o \
 *       build/lib/wasm-aot/x86_64-linux-gnu/libWasmAOTRuntime.a \
 *       -lm -lpthread -o primes
 *   ./primes count_primes 1000000
 *
 * It instantiates the module (whose descriptor is the object's one external
 * symbol, wasm_aot_module by default), calls the export named on the command
 * line with the arguments parsed by the export's parameter types, and prints
 * the results. A trap is reported, not fatal to the host: exit status 3.
 */
#include "wasm-aot/runtime.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const wa_module wasm_aot_module;

enum { EXIT_USAGE = 2, EXIT_TRAP = 3, MAX_VALUES = 16 };

static int parse_value(uint8_t type, const char *text, wa_value *out) {
  char *end = NULL;
  errno = 0;
  switch (type) {
  case WA_I32: {
    long long v = strtoll(text, &end, 0);
    if (v < INT32_MIN || v > UINT32_MAX)
      return 0;
    out->i32 = (int32_t)v;
    break;
  }
  case WA_I64:
    out->i64 = strtoll(text, &end, 0);
    break;
  case WA_F32:
    out->f32 = strtof(text, &end);
    break;
  case WA_F64:
    out->f64 = strtod(text, &end);
    break;
  default:
    return 0; /* references and vectors cannot be given on a command line */
  }
  return errno == 0 && end != text && *end == '\0';
}

static void print_value(uint8_t type, wa_value v) {
  switch (type) {
  case WA_I32: printf("%" PRId32 "\n", v.i32); break;
  case WA_I64: printf("%" PRId64 "\n", v.i64); break;
  case WA_F32: printf("%.9g\n", (double)v.f32); break;
  case WA_F64: printf("%.17g\n", v.f64); break;
  case WA_V128: {
    /* As the text format writes it: four i32 lanes, lane 0 first (the
     * host is little-endian, like wasm). */
    uint32_t lanes[4];
    memcpy(lanes, v.v128, sizeof lanes);
    printf("v128.const i32x4 0x%08" PRIx32 " 0x%08" PRIx32 " 0x%08" PRIx32
           " 0x%08" PRIx32 "\n", lanes[0], lanes[1], lanes[2], lanes[3]);
    break;
  }
  default: printf("%p\n", v.ref); break;
  }
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s EXPORT [ARG...]\n", argv[0]);
    return EXIT_USAGE;
  }
  wa_store *store = wa_store_new(NULL);
  if (!store) {
    fprintf(stderr, "error: cannot create a store\n");
    return EXIT_FAILURE;
  }
  wa_instance *instance = NULL;
  wa_error error;
  if (!wa_instantiate(store, &wasm_aot_module, NULL, 0, &instance, &error)) {
    fprintf(stderr, "error: instantiation failed: %s\n", error.message);
    wa_store_free(store);
    return EXIT_FAILURE;
  }

  wa_extern export;
  if (!wa_instance_export(instance, argv[1], &export) ||
      export.kind != WA_EXTERN_FUNC) {
    fprintf(stderr, "error: the module exports no function '%s'\n", argv[1]);
    wa_store_free(store);
    return EXIT_USAGE;
  }
  const wa_func_type *type = wa_function_type(export.of.func);
  size_t num_args = (size_t)(argc - 2);
  if (num_args != type->num_params || type->num_results > MAX_VALUES) {
    fprintf(stderr, "error: '%s' takes %" PRIu32 " argument(s), got %zu\n",
            argv[1], type->num_params, num_args);
    wa_store_free(store);
    return EXIT_USAGE;
  }
  wa_value args[MAX_VALUES], results[MAX_VALUES];
  for (size_t i = 0; i < num_args; ++i) {
    if (!parse_value(type->params[i], argv[2 + i], &args[i])) {
      fprintf(stderr, "error: argument %zu: '%s' is not a value of the "
                      "parameter's type\n", i + 1, argv[2 + i]);
      wa_store_free(store);
      return EXIT_USAGE;
    }
  }

  wa_result r = wa_call(export.of.func, args, num_args, results,
                        type->num_results);
  int status = EXIT_SUCCESS;
  if (r.status == WA_OK) {
    for (uint32_t i = 0; i < type->num_results; ++i)
      print_value(type->results[i], results[i]);
  } else {
    fprintf(stderr, "%s: %s\n", r.status == WA_TRAPPED ? "trap" : "error",
            r.message);
    status = r.status == WA_TRAPPED ? EXIT_TRAP : EXIT_FAILURE;
  }
  wa_store_free(store);
  return status;
}
