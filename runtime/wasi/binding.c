/*===- binding.c - The preview-1 function table and import binding -*- C -*-===*
 *
 * A descriptor for every `wasi_snapshot_preview1` function of
 * wasm-aot/wasi_functions.def with its witx signature (core wasm types
 * after lowering: pointers, sizes, fds and flags are i32; 64-bit
 * quantities i64; every function but proc_exit returns an errno), and the
 * host functions that route a call to its implementation.
 *===----------------------------------------------------------------------===*/
#include "wasi_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define WASI_MODULE "wasi_snapshot_preview1"

/* A descriptor per function, each an object of its own, so that a static
 * link with --gc-sections keeps only those something refers to: the
 * program's list (wa_wasi_bind_listed_imports) or, through All, every one
 * (wa_wasi_bind_imports). */
#define WA_WASI_FUNCTION(Name, Signature)                                      \
  const wa_wasi_function wa_wasi_function_##Name = {#Name, Signature,          \
                                                    wasi_##Name};
#include "wasm-aot/wasi_functions.def"

static const wa_wasi_function *const All[] = {
#define WA_WASI_FUNCTION(Name, Signature) &wa_wasi_function_##Name,
#include "wasm-aot/wasi_functions.def"
};
enum { NumAll = sizeof(All) / sizeof(All[0]) };

/* Names are byte strings of a given length (they may hold NUL bytes, which
 * no preview-1 name does), so they are compared whole, never with strcmp. */
static bool same_name(const char *name, size_t len, const char *c_name) {
  return strlen(c_name) == len && memcmp(name, c_name, len) == 0;
}

static const wa_wasi_function *find(const wa_wasi_function *const *functions,
                                    size_t count, const char *name,
                                    size_t len) {
  for (size_t i = 0; i < count; ++i)
    if (same_name(name, len, functions[i]->name))
      return functions[i];
  return NULL;
}

bool wa_wasi_is_function(const char *name) {
  return name != NULL && find(All, NumAll, name, strlen(name)) != NULL;
}

/* The host callback of every function: the implementation's errno becomes
 * the i32 result; proc_exit's return value is the trap to raise. */
static uint32_t dispatch(void *env, wa_value *values) {
  const wasi_binding *b = env;
  uint32_t r = b->function->impl(b->wasi, values);
  if (b->function->signature[0] == ':') /* no results */
    return r;
  values[0].i32 = (int32_t)r;
  return 0;
}

/* The .def's letters to value types; returns how many. */
static uint32_t to_types(const char *letters, size_t len, uint8_t *out) {
  for (size_t i = 0; i < len; ++i)
    out[i] = letters[i] == 'l' ? WA_I64 : WA_I32;
  return (uint32_t)len;
}

__attribute__((format(printf, 3, 4))) static void
fail(wa_error *error, wa_error_kind kind, const char *format, ...) {
  if (error == NULL)
    return;
  error->kind = kind;
  va_list args;
  va_start(args, format);
  vsnprintf(error->message, sizeof(error->message), format, args);
  va_end(args);
}

/* Binds the WASI imports of `module` that `functions` holds. */
static size_t bind(wa_wasi *w, wa_store *store, const wa_module *module,
                   const wa_wasi_function *const *functions, size_t count,
                   wa_import_binding *bindings, size_t capacity,
                   wa_error *error, const char *caller) {
  if (error != NULL)
    error->kind = WA_ERROR_NONE;
  if (w == NULL || store == NULL || module == NULL ||
      (functions == NULL && count != 0) ||
      (bindings == NULL && capacity != 0)) {
    fail(error, WA_ERROR_MISUSE, "%s: null argument", caller);
    return 0;
  }
  size_t n = 0;
  for (uint32_t i = 0; i < module->num_imports; ++i) {
    const wa_import *imp = &module->imports[i];
    if (imp->kind != WA_EXTERN_FUNC ||
        !same_name(imp->module, imp->module_len, WASI_MODULE))
      continue;
    const wa_wasi_function *fn =
        find(functions, count, imp->name, imp->name_len);
    if (fn == NULL)
      continue; /* the caller reports it as unknown */
    if (n == capacity) {
      fail(error, WA_ERROR_MISUSE, "%s: more than %zu WASI imports", caller,
           capacity);
      return n;
    }
    wasi_binding *b = malloc(sizeof(wasi_binding));
    if (b == NULL) {
      fail(error, WA_ERROR_RESOURCE, "%s: out of memory", caller);
      return n;
    }
    b->wasi = w;
    b->function = fn;
    b->next = w->bindings;
    w->bindings = b;
    const char *colon = strchr(fn->signature, ':');
    uint8_t params[16], results[1];
    wa_func_type type = {
        to_types(colon + 1, strlen(colon + 1), params),
        to_types(fn->signature, (size_t)(colon - fn->signature), results),
        params, results};
    wa_function *f = wa_host_function_new(store, &type, dispatch, b, error);
    if (f == NULL)
      return n;
    bindings[n].module = imp->module;
    bindings[n].name = imp->name;
    bindings[n].value.kind = WA_EXTERN_FUNC;
    bindings[n].value.of.func = f;
    ++n;
  }
  return n;
}

size_t wa_wasi_bind_imports(wa_wasi *w, wa_store *store,
                            const wa_module *module,
                            wa_import_binding *bindings, size_t capacity,
                            wa_error *error) {
  return bind(w, store, module, All, NumAll, bindings, capacity, error,
              "wa_wasi_bind_imports");
}

size_t wa_wasi_bind_listed_imports(wa_wasi *w, wa_store *store,
                                   const wa_module *module,
                                   const wa_wasi_function *const *functions,
                                   size_t count, wa_import_binding *bindings,
                                   size_t capacity, wa_error *error) {
  return bind(w, store, module, functions, count, bindings, capacity, error,
              "wa_wasi_bind_listed_imports");
}
