/*===- spectest.c - The spec suite's "spectest" host module ---------------===*
 *
 * The memory is made on first use rather than with the rest: in guard mode
 * it is an 8 GiB reservation, which qemu-user 7.2 (the cross targets'
 * runs) pays for with about 0.3 s and 55 MB, and most files never import
 * it.
 *===----------------------------------------------------------------------===*/
#include "spectest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_EXPORTS = 16 };

struct spectest {
  wa_store *store;
  wa_memory_mode mode;
  size_t count;
  struct {
    const char *name;
    wa_extern value;
  } exports[MAX_EXPORTS];
  wa_memory *memory; /* once made */
};

/* The print functions only have to exist with the right types. */
static uint32_t print_callback(void *env, wa_value *values) {
  (void)env;
  (void)values;
  return 0;
}

static void name_error(wa_error *error, const char *name) {
  char message[sizeof error->message];
  snprintf(message, sizeof message, "spectest.%s: %s", name, error->message);
  memcpy(error->message, message, sizeof message);
}

static void add(spectest *m, const char *name, wa_extern value) {
  m->exports[m->count].name = name;
  m->exports[m->count].value = value;
  ++m->count;
}

static bool add_print(spectest *m, const char *name, const uint8_t *params,
                      uint32_t num_params, wa_error *error) {
  wa_func_type type;
  memset(&type, 0, sizeof type);
  type.num_params = num_params;
  type.params = params;
  /* The runtime copies the type. */
  wa_function *f =
      wa_host_function_new(m->store, &type, print_callback, NULL, error);
  if (!f) {
    name_error(error, name);
    return false;
  }
  wa_extern x;
  x.kind = WA_EXTERN_FUNC;
  x.of.func = f;
  add(m, name, x);
  return true;
}

static bool add_global(spectest *m, const char *name, uint8_t type,
                       wa_value value, wa_error *error) {
  wa_global *g = wa_global_new(m->store, type, false, value, error);
  if (!g) {
    name_error(error, name);
    return false;
  }
  wa_extern x;
  x.kind = WA_EXTERN_GLOBAL;
  x.of.global = g;
  add(m, name, x);
  return true;
}

static bool add_objects(spectest *m, wa_error *error) {
  static const uint8_t i32[] = {WA_I32}, i64[] = {WA_I64}, f32[] = {WA_F32},
                       f64[] = {WA_F64}, i32_f32[] = {WA_I32, WA_F32},
                       f64_f64[] = {WA_F64, WA_F64};
  if (!add_print(m, "print", NULL, 0, error) ||
      !add_print(m, "print_i32", i32, 1, error) ||
      !add_print(m, "print_i64", i64, 1, error) ||
      !add_print(m, "print_f32", f32, 1, error) ||
      !add_print(m, "print_f64", f64, 1, error) ||
      !add_print(m, "print_i32_f32", i32_f32, 2, error) ||
      !add_print(m, "print_f64_f64", f64_f64, 2, error))
    return false;

  wa_value v;
  memset(&v, 0, sizeof v);
  v.i32 = 666;
  if (!add_global(m, "global_i32", WA_I32, v, error))
    return false;
  memset(&v, 0, sizeof v);
  v.i64 = 666;
  if (!add_global(m, "global_i64", WA_I64, v, error))
    return false;
  memset(&v, 0, sizeof v);
  v.f32 = 666.6f;
  if (!add_global(m, "global_f32", WA_F32, v, error))
    return false;
  memset(&v, 0, sizeof v);
  v.f64 = 666.6;
  if (!add_global(m, "global_f64", WA_F64, v, error))
    return false;

  wa_limits limits;
  memset(&limits, 0, sizeof limits);
  limits.min = 10;
  limits.max = 20;
  limits.has_max = 1;
  wa_table *t = wa_table_new(m->store, WA_FUNCREF, &limits, NULL, error);
  if (!t) {
    name_error(error, "table");
    return false;
  }
  wa_extern x;
  x.kind = WA_EXTERN_TABLE;
  x.of.table = t;
  add(m, "table", x);
  return true;
}

spectest *spectest_new(wa_store *store, wa_memory_mode mode, wa_error *error) {
  spectest *m = calloc(1, sizeof *m);
  if (!m) {
    error->kind = WA_ERROR_RESOURCE;
    snprintf(error->message, sizeof error->message, "spectest: out of memory");
    return NULL;
  }
  m->store = store;
  m->mode = mode;
  if (!add_objects(m, error)) {
    free(m);
    return NULL;
  }
  return m;
}

int spectest_lookup(spectest *m, const char *name, size_t len, wa_extern *out,
                    wa_error *error) {
  for (size_t i = 0; i < m->count; ++i) {
    if (strlen(m->exports[i].name) == len &&
        memcmp(m->exports[i].name, name, len) == 0) {
      *out = m->exports[i].value;
      return 1;
    }
  }
  if (len != 6 || memcmp(name, "memory", 6) != 0)
    return 0;
  if (!m->memory) {
    wa_limits limits;
    memset(&limits, 0, sizeof limits);
    limits.min = 1;
    limits.max = 2;
    limits.has_max = 1;
    m->memory = wa_memory_new(m->store, &limits, m->mode, error);
    if (!m->memory) {
      name_error(error, "memory");
      return -1;
    }
  }
  out->kind = WA_EXTERN_MEMORY;
  out->of.memory = m->memory;
  return 1;
}
