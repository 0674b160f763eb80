/* v128_host.c - the C host of simd-host-*.test: v128 values through the
 * embedding API (runtime.h) and a host function of the module. */
#include "wasm-aot/runtime.h"

#include <stdio.h>
#include <string.h>

extern const wa_module wasm_aot_module;

static int failures;

static void check(const char *what, int ok) {
  printf("%s: %s\n", what, ok ? "ok" : "MISMATCH");
  failures += !ok;
}

/* A v128 whose 16 bytes are Seed, Seed + 1, ... */
static wa_value bytes_from(uint8_t seed) {
  wa_value v;
  memset(&v, 0, sizeof v);
  for (int i = 0; i < 16; ++i)
    v.v128[i] = (uint8_t)(seed + i);
  return v;
}

static int same_v128(wa_value a, wa_value b) {
  return memcmp(a.v128, b.v128, 16) == 0;
}

static int host_saw_args;

/* (v128 a, i32 n, f64 d, v128 b) -> (f64 d * 2, v128 a ^ b, i32 n + 1) */
static uint32_t mix(void *env, wa_value *values) {
  (void)env;
  wa_value a = values[0], b = values[3];
  int32_t n = values[1].i32;
  double d = values[2].f64;
  host_saw_args = same_v128(a, bytes_from(0x10)) && n == 41 && d == 1.5 &&
                  same_v128(b, bytes_from(0x80));
  memset(values, 0, 3 * sizeof *values);
  values[0].f64 = d * 2;
  for (int i = 0; i < 16; ++i)
    values[1].v128[i] = a.v128[i] ^ b.v128[i];
  values[2].i32 = n + 1;
  return 0;
}

int main(void) {
  wa_store *store = wa_store_new(NULL);
  wa_error error;
  const uint8_t params[] = {WA_V128, WA_I32, WA_F64, WA_V128};
  const uint8_t results[] = {WA_F64, WA_V128, WA_I32};
  wa_func_type type = {4, 3, params, results};
  wa_function *fn = wa_host_function_new(store, &type, mix, NULL, &error);
  wa_global *g =
      wa_global_new(store, WA_V128, false, bytes_from(0x40), &error);
  if (!fn || !g) {
    printf("host objects: %s\n", error.message);
    return 1;
  }
  wa_import_binding imports[2];
  imports[0].module = "env";
  imports[0].name = "mix";
  imports[0].value.kind = WA_EXTERN_FUNC;
  imports[0].value.of.func = fn;
  imports[1].module = "env";
  imports[1].name = "g";
  imports[1].value.kind = WA_EXTERN_GLOBAL;
  imports[1].value.of.global = g;
  wa_instance *inst;
  if (!wa_instantiate(store, &wasm_aot_module, imports, 2, &inst, &error)) {
    printf("instantiate: %s\n", error.message);
    return 1;
  }

  wa_value args[4], res[3];
  args[0] = bytes_from(0x20);
  wa_result r = wa_call_export(inst, "id", args, 1, res, 1);
  check("id", r.status == WA_OK && same_v128(res[0], bytes_from(0x20)));

  memset(args, 0, sizeof args);
  args[0] = bytes_from(0x10);
  args[1].i32 = 41;
  args[2].f64 = 1.5;
  args[3] = bytes_from(0x80);
  r = wa_call_export(inst, "call_mix", args, 4, res, 3);
  wa_value x;
  for (int i = 0; i < 16; ++i)
    x.v128[i] = (uint8_t)((0x10 + i) ^ (0x80 + i));
  check("host call", r.status == WA_OK && res[0].f64 == 3.0 &&
                         same_v128(res[1], x) && res[2].i32 == 42);
  check("host saw", host_saw_args);

  r = wa_call_export(inst, "get_g", NULL, 0, res, 1);
  check("imported global",
        r.status == WA_OK && same_v128(res[0], bytes_from(0x40)));

  wa_extern m;
  int found = wa_instance_export(inst, "m", &m) &&
              m.kind == WA_EXTERN_GLOBAL;
  wa_value want = bytes_from(0);
  const uint32_t lanes[4] = {10, 11, 12, 13};
  memcpy(want.v128, lanes, 16); /* little-endian i32x4 10 11 12 13 */
  check("exported global read",
        found && same_v128(wa_global_get(m.of.global), want));
  int set = found && wa_global_set(m.of.global, bytes_from(0xc0));
  r = wa_call_export(inst, "get_m", NULL, 0, res, 1);
  check("exported global written",
        set && r.status == WA_OK && same_v128(res[0], bytes_from(0xc0)));

  wa_store_free(store);
  if (failures)
    return 1;
  printf("all ok\n");
  return 0;
}
