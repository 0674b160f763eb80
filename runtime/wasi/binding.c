/*===- binding.c - The preview-1 function table and import binding -*- C -*-===*
 *
 * Every `wasi_snapshot_preview1` function with its witx signature (core
 * wasm types after lowering: pointers, sizes, fds and flags are i32;
 * 64-bit quantities i64; every function but proc_exit returns an errno),
 * and the host functions that route a call to its implementation.
 *===----------------------------------------------------------------------===*/
#include "wasi_internal.h"

#include <stdio.h>
#include <stdlib.h>

#define WASI_MODULE "wasi_snapshot_preview1"

static const wasi_function Functions[] = {
    {"args_get", "ii", "i", wasi_args_get},
    {"args_sizes_get", "ii", "i", wasi_args_sizes_get},
    {"environ_get", "ii", "i", wasi_environ_get},
    {"environ_sizes_get", "ii", "i", wasi_environ_sizes_get},
    {"clock_res_get", "ii", "i", wasi_clock_res_get},
    {"clock_time_get", "iIi", "i", wasi_clock_time_get},
    {"fd_advise", "iIIi", "i", wasi_fd_advise},
    {"fd_allocate", "iII", "i", wasi_fd_allocate},
    {"fd_close", "i", "i", wasi_fd_close},
    {"fd_datasync", "i", "i", wasi_fd_datasync},
    {"fd_fdstat_get", "ii", "i", wasi_fd_fdstat_get},
    {"fd_fdstat_set_flags", "ii", "i", wasi_fd_fdstat_set_flags},
    {"fd_fdstat_set_rights", "iII", "i", wasi_fd_fdstat_set_rights},
    {"fd_filestat_get", "ii", "i", wasi_fd_filestat_get},
    {"fd_filestat_set_size", "iI", "i", wasi_fd_filestat_set_size},
    {"fd_filestat_set_times", "iIIi", "i", wasi_fd_filestat_set_times},
    {"fd_pread", "iiiIi", "i", wasi_fd_pread},
    {"fd_prestat_get", "ii", "i", wasi_fd_prestat_get},
    {"fd_prestat_dir_name", "iii", "i", wasi_fd_prestat_dir_name},
    {"fd_pwrite", "iiiIi", "i", wasi_fd_pwrite},
    {"fd_read", "iiii", "i", wasi_fd_read},
    {"fd_readdir", "iiiIi", "i", wasi_fd_readdir},
    {"fd_renumber", "ii", "i", wasi_fd_renumber},
    {"fd_seek", "iIii", "i", wasi_fd_seek},
    {"fd_sync", "i", "i", wasi_fd_sync},
    {"fd_tell", "ii", "i", wasi_fd_tell},
    {"fd_write", "iiii", "i", wasi_fd_write},
    {"path_create_directory", "iii", "i", wasi_path_create_directory},
    {"path_filestat_get", "iiiii", "i", wasi_path_filestat_get},
    {"path_filestat_set_times", "iiiiIIi", "i", wasi_path_filestat_set_times},
    {"path_link", "iiiiiii", "i", wasi_path_link},
    {"path_open", "iiiiiIIii", "i", wasi_path_open},
    {"path_readlink", "iiiiii", "i", wasi_path_readlink},
    {"path_remove_directory", "iii", "i", wasi_path_remove_directory},
    {"path_rename", "iiiiii", "i", wasi_path_rename},
    {"path_symlink", "iiiii", "i", wasi_path_symlink},
    {"path_unlink_file", "iii", "i", wasi_path_unlink_file},
    {"poll_oneoff", "iiii", "i", wasi_poll_oneoff},
    {"proc_exit", "i", "", wasi_proc_exit},
    {"proc_raise", "i", "i", wasi_proc_raise},
    {"sched_yield", "", "i", wasi_sched_yield},
    {"random_get", "ii", "i", wasi_random_get},
    {"sock_accept", "iii", "i", wasi_sock_accept},
    {"sock_recv", "iiiiii", "i", wasi_sock_recv},
    {"sock_send", "iiiii", "i", wasi_sock_send},
    {"sock_shutdown", "ii", "i", wasi_sock_shutdown},
};

/* Names are byte strings of a given length (they may hold NUL bytes, which
 * no preview-1 name does), so they are compared whole, never with strcmp. */
static bool same_name(const char *name, size_t len, const char *c_name) {
  return strlen(c_name) == len && memcmp(name, c_name, len) == 0;
}

static const wasi_function *find(const char *name, size_t len) {
  for (size_t i = 0; i < sizeof(Functions) / sizeof(Functions[0]); ++i)
    if (same_name(name, len, Functions[i].name))
      return &Functions[i];
  return NULL;
}

bool wa_wasi_is_function(const char *name) {
  return name != NULL && find(name, strlen(name)) != NULL;
}

/* The host callback of every function: the implementation's errno becomes
 * the i32 result; proc_exit's return value is the trap to raise. */
static uint32_t dispatch(void *env, wa_value *values) {
  const wasi_binding *b = env;
  uint32_t r = b->function->impl(b->wasi, values);
  if (b->function->results[0] == '\0')
    return r;
  values[0].i32 = (int32_t)r;
  return 0;
}

static void to_types(const char *s, uint8_t *out) {
  for (; *s != '\0'; ++s)
    *out++ = *s == 'I' ? WA_I64 : WA_I32;
}

size_t wa_wasi_bind_imports(wa_wasi *w, wa_store *store,
                            const wa_module *module,
                            wa_import_binding *bindings, size_t capacity,
                            wa_error *error) {
  if (error != NULL)
    error->kind = WA_ERROR_NONE;
  if (w == NULL || store == NULL || module == NULL ||
      (bindings == NULL && capacity != 0)) {
    if (error != NULL) {
      error->kind = WA_ERROR_MISUSE;
      snprintf(error->message, sizeof(error->message),
               "wa_wasi_bind_imports: null argument");
    }
    return 0;
  }
  size_t n = 0;
  for (uint32_t i = 0; i < module->num_imports; ++i) {
    const wa_import *imp = &module->imports[i];
    if (imp->kind != WA_EXTERN_FUNC ||
        !same_name(imp->module, imp->module_len, WASI_MODULE))
      continue;
    const wasi_function *fn = find(imp->name, imp->name_len);
    if (fn == NULL)
      continue; /* the caller reports it as unknown */
    if (n == capacity) {
      if (error != NULL) {
        error->kind = WA_ERROR_MISUSE;
        snprintf(error->message, sizeof(error->message),
                 "wa_wasi_bind_imports: more than %zu WASI imports",
                 capacity);
      }
      return n;
    }
    wasi_binding *b = malloc(sizeof(wasi_binding));
    if (b == NULL) {
      if (error != NULL) {
        error->kind = WA_ERROR_RESOURCE;
        snprintf(error->message, sizeof(error->message),
                 "wa_wasi_bind_imports: out of memory");
      }
      return n;
    }
    b->wasi = w;
    b->function = fn;
    b->next = w->bindings;
    w->bindings = b;
    uint8_t params[16], results[1];
    to_types(fn->params, params);
    to_types(fn->results, results);
    wa_func_type type = {(uint32_t)strlen(fn->params),
                         (uint32_t)strlen(fn->results), params, results};
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
