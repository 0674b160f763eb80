/*===- name_table.h - Instances by name -----------------------------*- C -*-===*
 *
 * The instances a script names: by $name (module commands) and by the name
 * they were registered as (register commands). Names are byte strings.
 *===----------------------------------------------------------------------===*/
#ifndef WASM_AOT_SPEC_NAME_TABLE_H
#define WASM_AOT_SPEC_NAME_TABLE_H

#include "wasm-aot/abi.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct name_entry name_entry;

typedef struct name_table {
  name_entry *entries;
  size_t count;
  size_t cap;
} name_table;

/* Binds `name` to `instance`, replacing an earlier binding. False when out
 * of memory. */
bool name_table_set(name_table *table, const char *name, size_t len,
                    wa_instance *instance);

/* The instance bound to `name`, or null. */
wa_instance *name_table_get(const name_table *table, const char *name,
                            size_t len);

#endif /* WASM_AOT_SPEC_NAME_TABLE_H */
