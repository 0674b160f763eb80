/*===- global.c - Globals ----------------------------------------*- C -*-===*
 *
 * A global is a 16-byte wa_value cell; compiled code reaches it through
 * instance->globals[i], so an imported global is the exporter's very cell.
 *===----------------------------------------------------------------------===*/
#include "core/internal.h"

#include <stdlib.h>

static bool global_valid(const wa_global *global) {
  return global != NULL && global->magic == WA_RT_MAGIC_GLOBAL;
}

wa_global *wa_global_new(wa_store *store, uint8_t type, bool mutable_,
                         wa_value value, wa_error *error) {
  if (store == NULL || store->magic != WA_RT_MAGIC_STORE) {
    wa_rt_error(error, WA_ERROR_MISUSE, 0, "wa_global_new: null store");
    return NULL;
  }
  if (!wa_rt_valtype_valid(type)) {
    wa_rt_error(error, WA_ERROR_MISUSE, 0,
                "wa_global_new: unknown value type 0x%02x", type);
    return NULL;
  }
  _Static_assert(_Alignof(struct wa_global) <= _Alignof(max_align_t),
                 "calloc must align global cells");
  wa_global *global = (wa_global *)calloc(1, sizeof *global);
  if (global == NULL) {
    wa_rt_error(error, WA_ERROR_RESOURCE, 0, "out of memory");
    return NULL;
  }
  global->cell = value;
  global->magic = WA_RT_MAGIC_GLOBAL;
  global->type = type;
  global->mutable_ = mutable_;
  global->store = store;
  global->next = store->host_globals;
  store->host_globals = global;
  return global;
}

wa_value wa_global_get(const wa_global *global) {
  if (!global_valid(global)) {
    wa_value zero;
    for (unsigned i = 0; i < sizeof zero.v128; ++i)
      zero.v128[i] = 0;
    return zero;
  }
  return global->cell;
}

bool wa_global_set(wa_global *global, wa_value value) {
  if (!global_valid(global) || !global->mutable_)
    return false;
  global->cell = value;
  return true;
}

uint8_t wa_global_type(const wa_global *global) {
  return global_valid(global) ? global->type : 0;
}

bool wa_global_is_mutable(const wa_global *global) {
  return global_valid(global) && global->mutable_;
}
