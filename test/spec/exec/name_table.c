/*===- name_table.c - Instances by name -----------------------------------===*
 *
 * An array searched linearly: a script names a few dozen modules at most.
 *===----------------------------------------------------------------------===*/
#include "name_table.h"

#include <stdlib.h>
#include <string.h>

struct name_entry {
  char *name;
  size_t len;
  wa_instance *instance;
};

static name_entry *find(const name_table *table, const char *name,
                        size_t len) {
  for (size_t i = 0; i < table->count; ++i) {
    name_entry *e = &table->entries[i];
    if (e->len == len && memcmp(e->name, name, len) == 0)
      return e;
  }
  return NULL;
}

bool name_table_set(name_table *table, const char *name, size_t len,
                    wa_instance *instance) {
  name_entry *e = find(table, name, len);
  if (e) {
    e->instance = instance;
    return true;
  }
  if (table->count == table->cap) {
    size_t cap = table->cap ? 2 * table->cap : 16;
    name_entry *entries = realloc(table->entries, cap * sizeof *entries);
    if (!entries)
      return false;
    table->entries = entries;
    table->cap = cap;
  }
  char *copy = malloc(len ? len : 1);
  if (!copy)
    return false;
  memcpy(copy, name, len);
  e = &table->entries[table->count++];
  e->name = copy;
  e->len = len;
  e->instance = instance;
  return true;
}

wa_instance *name_table_get(const name_table *table, const char *name,
                            size_t len) {
  name_entry *e = find(table, name, len);
  return e ? e->instance : NULL;
}
