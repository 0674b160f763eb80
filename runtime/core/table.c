/*===- table.c - Tables ------------------------------------------*- C -*-===*
 *
 * A table is a heap array of references (wa_func* for funcref, opaque host
 * pointers for externref), reallocated on growth. Compiled code reads
 * `elements` and `size` directly (call_indirect, table.get/set); the bulk
 * operations come here and check bounds before writing anything: a range
 * [i, i + n) is in bounds when i + n <= size, so n = 0 at the end is fine.
 *===----------------------------------------------------------------------===*/
#include "core/internal.h"

#include <stdlib.h>
#include <string.h>

static bool range_ok(uint64_t offset, uint64_t n, uint64_t size) {
  return offset <= size && n <= size - offset;
}

/* The i32 that table.grow returns: old sizes above 2^31 wrap, as in wasm. */
static int32_t as_i32(uint32_t v) {
  int32_t r;
  memcpy(&r, &v, sizeof r);
  return r;
}

wa_rt_table *wa_rt_table_create(wa_store *store, uint8_t elem_type,
                                uint64_t min, uint64_t max, bool has_max,
                                void *init, wa_error *error) {
  uint64_t effective = has_max ? max : UINT32_MAX;
  if (effective > store->limits.max_table_elements)
    effective = store->limits.max_table_elements;
  if (min > effective) {
    wa_rt_error(error, WA_ERROR_RESOURCE, 0,
                "table of %llu elements exceeds the limit of %llu elements",
                (unsigned long long)min, (unsigned long long)effective);
    return NULL;
  }
  wa_rt_table *table = (wa_rt_table *)calloc(1, sizeof *table);
  void **elements =
      (void **)calloc(min ? (size_t)min : 1, sizeof *elements);
  if (table == NULL || elements == NULL) {
    free(table);
    free(elements);
    wa_rt_error(error, WA_ERROR_RESOURCE, 0,
                "cannot allocate a table of %llu elements",
                (unsigned long long)min);
    return NULL;
  }
  if (init != NULL)
    for (uint64_t i = 0; i < min; ++i)
      elements[i] = init;
  table->magic = WA_RT_MAGIC_TABLE;
  table->declared_max = has_max ? max : 0;
  table->store = store;
  table->abi.elements = elements;
  table->abi.size = (uint32_t)min;
  table->abi.max = (uint32_t)effective;
  table->abi.elem_type = elem_type;
  table->abi.has_max = has_max;
  return table;
}

void wa_rt_table_destroy(wa_rt_table *table) {
  if (table == NULL)
    return;
  free(table->abi.elements);
  table->magic = 0;
  free(table);
}

int64_t wa_rt_table_grow(wa_rt_table *table, uint32_t delta, void *init) {
  uint32_t old = table->abi.size;
  if (old > table->abi.max || delta > table->abi.max - old)
    return -1;
  if (delta == 0)
    return old;
  uint64_t size = (uint64_t)old + delta;
  if (size > SIZE_MAX / sizeof(void *))
    return -1;
  void **grown =
      (void **)realloc(table->abi.elements, (size_t)size * sizeof(void *));
  if (grown == NULL)
    return -1;
  for (uint64_t i = old; i < size; ++i)
    grown[i] = init;
  table->abi.elements = grown;
  table->abi.size = (uint32_t)size;
  return old;
}

/* ---- Embedding API ---- */

bool wa_rt_table_valid(const wa_table *table) {
  return table != NULL &&
         ((const wa_rt_table *)table)->magic == WA_RT_MAGIC_TABLE;
}

wa_table *wa_table_new(wa_store *store, uint8_t elem_type,
                       const wa_limits *limits, void *init,
                       wa_error *error) {
  if (store == NULL || store->magic != WA_RT_MAGIC_STORE || limits == NULL) {
    wa_rt_error(error, WA_ERROR_MISUSE, 0, "wa_table_new: null argument");
    return NULL;
  }
  if (elem_type != WA_FUNCREF && elem_type != WA_EXTERNREF) {
    wa_rt_error(error, WA_ERROR_MISUSE, 0,
                "wa_table_new: element type must be funcref or externref");
    return NULL;
  }
  if (limits->min > UINT32_MAX ||
      (limits->has_max &&
       (limits->max > UINT32_MAX || limits->max < limits->min))) {
    wa_rt_error(error, WA_ERROR_MISUSE, 0,
                "wa_table_new: invalid limits (at most 2^32-1 elements, "
                "min <= max)");
    return NULL;
  }
  wa_rt_table *table =
      wa_rt_table_create(store, elem_type, limits->min, limits->max,
                         limits->has_max != 0, init, error);
  if (table == NULL)
    return NULL;
  table->next = store->host_tables;
  store->host_tables = table;
  return &table->abi;
}

uint32_t wa_table_size(const wa_table *table) {
  return wa_rt_table_valid(table) ? table->size : 0;
}

bool wa_table_get(const wa_table *table, uint32_t index, void **ref) {
  if (!wa_rt_table_valid(table) || ref == NULL || index >= table->size)
    return false;
  *ref = table->elements[index];
  return true;
}

bool wa_table_set(wa_table *table, uint32_t index, void *ref) {
  if (!wa_rt_table_valid(table) || index >= table->size)
    return false;
  table->elements[index] = ref;
  return true;
}

int64_t wa_table_grow_elements(wa_table *table, uint32_t delta, void *init) {
  if (!wa_rt_table_valid(table))
    return -1;
  return wa_rt_table_grow((wa_rt_table *)table, delta, init);
}

/* ---- Entry points for compiled code ---- */

static wa_rt_table *table_at(wa_instance *instance, uint32_t index) {
  if (index >= wa_rt_instance_of(instance)->num_tables)
    wa_plat_fatal("compiled code used a table index out of range");
  return (wa_rt_table *)instance->tables[index];
}

static void check_elem_segment(wa_instance *instance, uint32_t segment) {
  if (segment >= instance->module->num_elems)
    wa_plat_fatal("compiled code used an element segment index out of range");
}

int32_t wa_table_grow(wa_instance *instance, uint32_t table, void *init,
                      uint32_t delta) {
  int64_t old = wa_rt_table_grow(table_at(instance, table), delta, init);
  return old < 0 ? -1 : as_i32((uint32_t)old);
}

void wa_table_fill(wa_instance *instance, uint32_t table, uint32_t dst,
                   void *value, uint32_t n, uint32_t func, uint32_t offset) {
  wa_rt_table *t = table_at(instance, table);
  if (!range_ok(dst, n, t->abi.size))
    wa_rt_trap_at_site(WA_TRAP_OutOfBoundsTableAccess, func, offset);
  for (uint32_t i = 0; i < n; ++i)
    t->abi.elements[dst + i] = value;
}

void wa_table_copy(wa_instance *instance, uint32_t dst_table,
                   uint32_t src_table, uint32_t dst, uint32_t src, uint32_t n,
                   uint32_t func, uint32_t offset) {
  wa_rt_table *to = table_at(instance, dst_table);
  wa_rt_table *from = table_at(instance, src_table);
  if (!range_ok(src, n, from->abi.size) || !range_ok(dst, n, to->abi.size))
    wa_rt_trap_at_site(WA_TRAP_OutOfBoundsTableAccess, func, offset);
  if (n != 0)
    memmove(to->abi.elements + dst, from->abi.elements + src,
            (size_t)n * sizeof(void *));
}

void wa_table_init(wa_instance *instance, uint32_t table, uint32_t segment,
                   uint32_t dst, uint32_t src, uint32_t n, uint32_t func,
                   uint32_t offset) {
  wa_rt_table *t = table_at(instance, table);
  check_elem_segment(instance, segment);
  if (!range_ok(src, n, instance->elem_sizes[segment]) ||
      !range_ok(dst, n, t->abi.size))
    wa_rt_trap_at_site(WA_TRAP_OutOfBoundsTableAccess, func, offset);
  if (n != 0)
    memcpy(t->abi.elements + dst,
           wa_rt_instance_of(instance)->elem_items[segment] + src,
           (size_t)n * sizeof(void *));
}

void wa_elem_drop(wa_instance *instance, uint32_t segment) {
  check_elem_segment(instance, segment);
  instance->elem_sizes[segment] = 0;
}
