/*===- call.c - Calling functions from the host; host functions --*- C -*-===*
 *
 * The runtime never calls compiled code through its native signature
 * (except the start function, which is always [] -> []): it calls the
 * export's entry wrapper, which takes the instance and one wa_value array
 * for the arguments and then the results. Host functions are called
 * directly through their callback.
 *===----------------------------------------------------------------------===*/
#include "core/internal.h"

#include <stdlib.h>
#include <string.h>

/* Argument arrays up to this many slots live on the stack. */
#define LOCAL_VALUES 16

static bool function_valid(const wa_function *func) {
  return func != NULL && func->magic == WA_RT_MAGIC_FUNCTION &&
         func->store != NULL && func->store->magic == WA_RT_MAGIC_STORE;
}

static wa_result make_result(wa_status status, uint32_t trap,
                             const char *message) {
  wa_result r;
  r.status = status;
  r.trap = trap;
  r.message = message;
  return r;
}

/* Codes outside traps.def become "host function failed". */
static uint32_t host_trap(uint32_t code) {
  return wa_rt_trap_known(code) ? code : (uint32_t)WA_TRAP_HostError;
}

typedef struct entry_call {
  wa_entry_fn entry;
  wa_instance *instance;
  wa_value *values;
} entry_call;

static void run_entry(void *p) {
  entry_call *c = (entry_call *)p;
  c->entry(c->instance, c->values);
}

wa_result wa_call(wa_function *func, const wa_value *args, size_t num_args,
                  wa_value *results, size_t num_results) {
  if (!function_valid(func))
    return make_result(WA_FAILED, 0, "wa_call: not a function");
  const wa_func_type *type = func->type;
  if (num_args != type->num_params)
    return make_result(WA_FAILED, 0, "wa_call: wrong number of arguments");
  if (num_results != type->num_results)
    return make_result(WA_FAILED, 0, "wa_call: wrong number of results");
  if ((num_args != 0 && args == NULL) || (num_results != 0 && results == NULL))
    return make_result(WA_FAILED, 0, "wa_call: null argument array");
  if (!func->is_host && func->entry == NULL)
    return make_result(WA_FAILED, 0,
                       "wa_call: the function has no entry wrapper");

  size_t slots = num_args > num_results ? num_args : num_results;
  wa_value local[LOCAL_VALUES];
  wa_value *values = local;
  if (slots > LOCAL_VALUES) {
    values = (wa_value *)calloc(slots, sizeof *values);
    if (values == NULL)
      return make_result(WA_FAILED, 0, "wa_call: out of memory");
  }
  if (num_args != 0)
    memcpy(values, args, num_args * sizeof *values);

  wa_result result = make_result(WA_OK, 0, NULL);
  if (func->is_host) {
    uint32_t trap = func->host.callback(func->host.env, values);
    if (trap != WA_TRAP_NONE) {
      trap = host_trap(trap);
      result = make_result(WA_TRAPPED, trap, wa_trap_message(trap));
    }
  } else {
    entry_call c;
    c.entry = func->entry;
    c.instance = func->func->instance;
    c.values = values;
    const char *why = NULL;
    uint32_t trap = wa_rt_run_protected(func->store, run_entry, &c, &why);
    if (trap == WA_RT_NOT_STARTED)
      result = make_result(WA_FAILED, 0, why);
    else if (trap != WA_TRAP_NONE)
      result = make_result(WA_TRAPPED, trap, wa_trap_message(trap));
  }
  if (result.status == WA_OK && num_results != 0)
    memcpy(results, values, num_results * sizeof *values);
  if (values != local)
    free(values);
  return result;
}

wa_result wa_call_export_n(wa_instance *instance, const char *name,
                           size_t name_len, const wa_value *args,
                           size_t num_args, wa_value *results,
                           size_t num_results) {
  wa_extern ext;
  if (!wa_instance_export_n(instance, name, name_len, &ext) ||
      ext.kind != WA_EXTERN_FUNC)
    return make_result(WA_FAILED, 0, "wa_call_export: no such function export");
  return wa_call(ext.of.func, args, num_args, results, num_results);
}

wa_result wa_call_export(wa_instance *instance, const char *name,
                         const wa_value *args, size_t num_args,
                         wa_value *results, size_t num_results) {
  if (name == NULL)
    return make_result(WA_FAILED, 0, "wa_call_export: no such function export");
  return wa_call_export_n(instance, name, strlen(name), args, num_args,
                          results, num_results);
}

wa_function *wa_host_function_new(wa_store *store, const wa_func_type *type,
                                  wa_host_fn callback, void *env,
                                  wa_error *error) {
  if (store == NULL || store->magic != WA_RT_MAGIC_STORE || type == NULL ||
      callback == NULL) {
    wa_rt_error(error, WA_ERROR_MISUSE, 0,
                "wa_host_function_new: null argument");
    return NULL;
  }
  uint32_t id;
  const wa_func_type *canonical;
  if (!wa_rt_type_intern(type, &id, &canonical)) {
    wa_rt_error(error, WA_ERROR_MISUSE, 0,
                "wa_host_function_new: malformed function type");
    return NULL;
  }
  wa_function *func = (wa_function *)calloc(1, sizeof *func);
  if (func == NULL) {
    wa_rt_error(error, WA_ERROR_RESOURCE, 0, "out of memory");
    return NULL;
  }
  func->magic = WA_RT_MAGIC_FUNCTION;
  func->is_host = true;
  func->type_id = id;
  func->type = canonical;
  func->store = store;
  func->host.callback = callback;
  func->host.env = env;
  func->own.code = NULL; /* the first importer's thunk, see instance.c */
  func->own.instance = (wa_instance *)(void *)&func->host;
  func->own.type_id = id;
  func->func = &func->own;
  func->next = store->host_functions;
  store->host_functions = func;
  return func;
}

const wa_func_type *wa_function_type(const wa_function *func) {
  return function_valid(func) ? func->type : NULL;
}

wa_func *wa_function_ref(wa_function *func) {
  if (!function_valid(func) || func->func->code == NULL)
    return NULL;
  return func->func;
}
