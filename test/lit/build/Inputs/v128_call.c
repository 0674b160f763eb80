/* v128_call.c - calls exports of a compiled module with v128 arguments.
 *
 * The lit tests of the v128 operators link it with an object from
 * `wasm-aot compile` (any target; under qemu for the others) and the
 * runtime archive. It reads calls from stdin, one a line:
 *
 *   EXPORT RESULT-SHAPE ARG...
 *
 * Each ARG is a v128 written as its lanes in hex, lane 0 first:
 * i32x4:L0:L1:L2:L3 or i64x2:L0:L1. RESULT-SHAPE (i32x4 or i64x2) is how
 * the v128 result is printed, on a line of its own:
 *
 *   EXPORT = i32x4:7fc00000:3f800000:80000000:00000000
 *
 * or "EXPORT trapped: MESSAGE". Blank lines and lines starting with '#'
 * (where the tests keep their CHECK lines) are skipped. Exit status 0 when
 * every line was understood, 2 otherwise.
 */
#include "wasm-aot/runtime.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const wa_module wasm_aot_module;

enum { MAX_ARGS = 3, LINE_MAX_BYTES = 1024 };

/* Lanes of 32 or 64 bits, from a shape name; 0 for an unknown one. */
static unsigned lane_bits(const char *shape, size_t len) {
  if (len == 5 && strncmp(shape, "i32x4", 5) == 0)
    return 32;
  if (len == 5 && strncmp(shape, "i64x2", 5) == 0)
    return 64;
  return 0;
}

/* Parses "SHAPE:L0:L1..." into out; 0 when malformed. */
static int parse_v128(const char *text, uint8_t out[16]) {
  const char *colon = strchr(text, ':');
  if (!colon)
    return 0;
  unsigned bits = lane_bits(text, (size_t)(colon - text));
  if (!bits)
    return 0;
  unsigned lanes = 128 / bits;
  const char *p = colon + 1;
  for (unsigned i = 0; i < lanes; ++i) {
    char *end;
    unsigned long long lane = strtoull(p, &end, 16);
    if (end == p || (i + 1 < lanes ? *end != ':' : *end != '\0'))
      return 0;
    if (bits == 32) {
      uint32_t v = (uint32_t)lane;
      memcpy(out + 4 * i, &v, 4);
    } else {
      uint64_t v = (uint64_t)lane;
      memcpy(out + 8 * i, &v, 8);
    }
    p = end + 1;
  }
  return 1;
}

static void print_v128(const char *shape, const uint8_t v[16]) {
  fputs(shape, stdout);
  if (lane_bits(shape, strlen(shape)) == 32) {
    for (unsigned i = 0; i < 4; ++i) {
      uint32_t lane;
      memcpy(&lane, v + 4 * i, 4);
      printf(":%08" PRIx32, lane);
    }
  } else {
    for (unsigned i = 0; i < 2; ++i) {
      uint64_t lane;
      memcpy(&lane, v + 8 * i, 8);
      printf(":%016" PRIx64, lane);
    }
  }
  putchar('\n');
}

/* Runs one call line; 0 when it is malformed. */
static int run_line(wa_instance *instance, char *line) {
  char *save = NULL;
  const char *name = strtok_r(line, " \t\n", &save);
  const char *shape = strtok_r(NULL, " \t\n", &save);
  if (!name || !shape || !lane_bits(shape, strlen(shape)))
    return 0;
  wa_value args[MAX_ARGS];
  size_t num_args = 0;
  for (const char *arg; (arg = strtok_r(NULL, " \t\n", &save));) {
    if (num_args == MAX_ARGS || !parse_v128(arg, args[num_args].v128))
      return 0;
    ++num_args;
  }
  wa_value result;
  wa_result r = wa_call_export(instance, name, args, num_args, &result, 1);
  if (r.status == WA_TRAPPED) {
    printf("%s trapped: %s\n", name, r.message);
    return 1;
  }
  if (r.status != WA_OK) {
    printf("%s failed: %s\n", name, r.message ? r.message : "?");
    return 0;
  }
  printf("%s = ", name);
  print_v128(shape, result.v128);
  return 1;
}

int main(void) {
  wa_store *store = wa_store_new(NULL);
  if (!store) {
    fprintf(stderr, "v128_call: cannot create a store\n");
    return 1;
  }
  wa_instance *instance = NULL;
  wa_error error;
  if (!wa_instantiate(store, &wasm_aot_module, NULL, 0, &instance, &error)) {
    fprintf(stderr, "v128_call: instantiation failed: %s\n", error.message);
    return 1;
  }
  int status = 0;
  char line[LINE_MAX_BYTES];
  for (unsigned number = 1; fgets(line, sizeof line, stdin); ++number) {
    if (line[0] == '#' || strspn(line, " \t\n") == strlen(line))
      continue;
    if (!run_line(instance, line)) {
      fprintf(stderr, "v128_call: line %u not understood\n", number);
      status = 2;
    }
  }
  wa_store_free(store);
  return status;
}
