/*===- types.c - The process-wide canonical function type registry -*- C -*-===*
 *
 * Function types are compared by id at run time (call_indirect, imports):
 * every module's type section is mapped to these ids at instantiation, so
 * equal types in different modules get the same id. The registry only
 * grows; its entries live until the process exits.
 *===----------------------------------------------------------------------===*/
#include "core/internal.h"

#include <stdlib.h>
#include <string.h>

/* More would be a broken descriptor (the binary format caps both far
 * lower); it also keeps the arithmetic below from overflowing. */
#define MAX_ARITY 100000u

typedef struct type_entry {
  wa_func_type type;
  uint64_t hash;
  uint32_t id;
  struct type_entry *chain;
  uint8_t bytes[]; /* params then results */
} type_entry;

static type_entry **by_id;
static uint32_t num_types;
static uint32_t id_capacity;
static type_entry **buckets;
static uint32_t num_buckets; /* a power of two, or 0 */

bool wa_rt_valtype_valid(uint8_t type) {
  switch (type) {
  case WA_I32:
  case WA_I64:
  case WA_F32:
  case WA_F64:
  case WA_V128:
  case WA_FUNCREF:
  case WA_EXTERNREF:
    return true;
  default:
    return false;
  }
}

static uint64_t hash_type(const wa_func_type *t) {
  uint64_t h = UINT64_C(1469598103934665603);
  h = (h ^ t->num_params) * UINT64_C(1099511628211);
  h = (h ^ t->num_results) * UINT64_C(1099511628211);
  for (uint32_t i = 0; i < t->num_params; ++i)
    h = (h ^ t->params[i]) * UINT64_C(1099511628211);
  for (uint32_t i = 0; i < t->num_results; ++i)
    h = (h ^ (uint64_t)(t->results[i] + 0x100u)) * UINT64_C(1099511628211);
  return h;
}

static bool same_type(const wa_func_type *a, const wa_func_type *b) {
  if (a->num_params != b->num_params || a->num_results != b->num_results)
    return false;
  if (a->num_params != 0 && memcmp(a->params, b->params, a->num_params) != 0)
    return false;
  return a->num_results == 0 ||
         memcmp(a->results, b->results, a->num_results) == 0;
}

static bool rehash(uint32_t new_count) {
  type_entry **fresh = (type_entry **)calloc(new_count, sizeof *fresh);
  if (fresh == NULL)
    return false;
  for (uint32_t i = 0; i < num_types; ++i) {
    type_entry *e = by_id[i];
    uint32_t b = (uint32_t)(e->hash & (new_count - 1));
    e->chain = fresh[b];
    fresh[b] = e;
  }
  free(buckets);
  buckets = fresh;
  num_buckets = new_count;
  return true;
}

static bool well_formed(const wa_func_type *t) {
  if (t == NULL || t->num_params > MAX_ARITY || t->num_results > MAX_ARITY)
    return false;
  if ((t->num_params != 0 && t->params == NULL) ||
      (t->num_results != 0 && t->results == NULL))
    return false;
  for (uint32_t i = 0; i < t->num_params; ++i)
    if (!wa_rt_valtype_valid(t->params[i]))
      return false;
  for (uint32_t i = 0; i < t->num_results; ++i)
    if (!wa_rt_valtype_valid(t->results[i]))
      return false;
  return true;
}

bool wa_rt_type_intern(const wa_func_type *type, uint32_t *id,
                       const wa_func_type **canonical) {
  if (!well_formed(type))
    return false;
  uint64_t h = hash_type(type);
  bool ok = false;
  wa_plat_lock();
  if (num_buckets != 0) {
    for (type_entry *e = buckets[h & (num_buckets - 1)]; e; e = e->chain) {
      if (e->hash == h && same_type(&e->type, type)) {
        *id = e->id;
        if (canonical)
          *canonical = &e->type;
        ok = true;
        goto out;
      }
    }
  }
  if (num_types == UINT32_MAX - 1)
    goto out;
  if (num_types == id_capacity) {
    uint32_t cap = id_capacity ? id_capacity * 2 : 64;
    type_entry **grown = (type_entry **)realloc(by_id, cap * sizeof *grown);
    if (grown == NULL)
      goto out;
    by_id = grown;
    id_capacity = cap;
  }
  if (num_types + 1 > num_buckets) {
    if (!rehash(num_buckets ? num_buckets * 2 : 64))
      goto out;
  }
  size_t n = (size_t)type->num_params + type->num_results;
  type_entry *e = (type_entry *)malloc(sizeof *e + (n ? n : 1));
  if (e == NULL)
    goto out;
  if (type->num_params)
    memcpy(e->bytes, type->params, type->num_params);
  if (type->num_results)
    memcpy(e->bytes + type->num_params, type->results, type->num_results);
  e->type.num_params = type->num_params;
  e->type.num_results = type->num_results;
  e->type.params = e->bytes;
  e->type.results = e->bytes + type->num_params;
  e->hash = h;
  e->id = num_types;
  uint32_t b = (uint32_t)(h & (num_buckets - 1));
  e->chain = buckets[b];
  buckets[b] = e;
  by_id[num_types++] = e;
  *id = e->id;
  if (canonical)
    *canonical = &e->type;
  ok = true;
out:
  wa_plat_unlock();
  return ok;
}

const wa_func_type *wa_rt_type_get(uint32_t id) {
  const wa_func_type *t = NULL;
  wa_plat_lock();
  if (id < num_types)
    t = &by_id[id]->type;
  wa_plat_unlock();
  return t;
}
