/*===- instance.c - Instantiation and exports --------------------*- C -*-===*
 *
 * wa_instantiate follows the spec (2.0, "Instantiation"):
 *   1. check the descriptor (a broken one is a compiler or loader bug);
 *   2. resolve every import by name (names are byte strings that may hold
 *      NUL: compared by pointer and length) and check its type against the
 *      import's: "unknown import", "incompatible import type";
 *   3. allocate the instance: its functions, tables, memories and globals
 *      (imports are the providers' own objects, shared);
 *   4. then, as a call into the store that may trap: the global
 *      initialisers, the element segments' items, each active element
 *      segment (table.init then elem.drop; declarative ones are dropped),
 *      each active data segment (memory.init then data.drop), and the start
 *      function.
 * Failures in 1-3 leave nothing behind. A trap in 4 keeps what was already
 * written to imported tables and memories, as the spec says; the instance
 * is then kept (unreachable) in the store, since those tables may hold its
 * functions.
 *===----------------------------------------------------------------------===*/
#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Names ----
 *
 * Import and export names are byte strings of a given length that may hold
 * NUL (abi.h); they are compared by pointer and length, never with strcmp,
 * so names that differ only after a NUL byte stay distinct. */

/* Whether the names (a, a_len) and (b, b_len) are the same bytes. */
static bool name_equal(const char *a, size_t a_len, const char *b,
                       size_t b_len) {
  return a_len == b_len && (a_len == 0 || memcmp(a, b, a_len) == 0);
}

/* Whether the C string `cstr` spells the name (name, len): its first `len`
 * bytes are the name's and it ends right there. A name holding NUL never
 * matches. Reads no byte of `cstr` past its terminator. */
static bool name_is_cstr(const char *name, size_t len, const char *cstr) {
  for (size_t i = 0; i < len; ++i)
    if (cstr[i] == '\0' || cstr[i] != name[i])
      return false;
  return cstr[len] == '\0';
}

/* Room for a name in a message: long names are cut (with "..."). */
#define NAME_TEXT 80

/* Bytes a message shows as \hh: invisible or ambiguous ones. */
static bool name_byte_escaped(unsigned char c) {
  return c < 0x20 || c == 0x7f || c == '"' || c == '\\';
}

/* Writes the name (name, len) to buf for a message: control bytes (such as
 * NUL), '"' and '\\' as \hh, in the text format's escape style; everything
 * else as is. Cut with "..." if it does not fit. */
static void format_name(char *buf, size_t size, const char *name,
                        size_t len) {
  static const char hex[] = "0123456789abcdef";
  size_t total = 0;
  for (size_t i = 0; i < len; ++i)
    total += name_byte_escaped((unsigned char)name[i]) ? 3 : 1;
  bool cut = total >= size;
  size_t out = 0;
  for (size_t i = 0; i < len; ++i) {
    unsigned char c = (unsigned char)name[i];
    bool escape = name_byte_escaped(c);
    /* Keep room for "..." and the terminator when cutting. */
    if (cut && out + (escape ? 3 : 1) + 4 > size) {
      memcpy(buf + out, "...", 4);
      return;
    }
    if (escape) {
      buf[out++] = '\\';
      buf[out++] = hex[c >> 4];
      buf[out++] = hex[c & 15];
    } else {
      buf[out++] = (char)c;
    }
  }
  buf[out] = '\0';
}

/* ---- Descriptor checks ---- */

static bool limits_ok(const wa_limits *l, uint64_t cap) {
  return l->min <= cap && (!l->has_max || (l->max <= cap && l->min <= l->max));
}

static bool is_ref_type(uint8_t t) { return t == WA_FUNCREF || t == WA_EXTERNREF; }

#define BAD(...)                                                               \
  do {                                                                         \
    wa_rt_error(error, WA_ERROR_MODULE, 0, "invalid module descriptor: "       \
                __VA_ARGS__);                                                  \
    return false;                                                              \
  } while (0)

/* A descriptor name: `len` bytes and the terminator C callers rely on. */
static bool name_ok(const char *name, uint32_t len) {
  return name != NULL && name[len] == '\0';
}

/* Counts of each kind of import. */
typedef struct import_counts {
  uint32_t funcs, tables, memories, globals;
} import_counts;

static bool check_descriptor(const wa_module *m, import_counts *counts,
                             wa_error *error) {
  if (m->abi_version != WA_ABI_VERSION)
    BAD("ABI version %u, the runtime implements %u", m->abi_version,
        WA_ABI_VERSION);
  if ((m->num_types && !m->types) || (m->num_imports && !m->imports) ||
      (m->num_exports && !m->exports) ||
      (m->num_funcs && (!m->func_code || !m->func_types)) ||
      (m->num_tables && !m->tables) || (m->num_memories && !m->memories) ||
      (m->num_globals && !m->globals) || (m->num_data && !m->data) ||
      (m->num_elems && !m->elems))
    BAD("an array is missing");
  if (m->bounds_checks > 1)
    BAD("unknown bounds-check mode %u", m->bounds_checks);
  for (uint32_t i = 0; i < m->num_types; ++i) {
    uint32_t id;
    if (!wa_rt_type_intern(&m->types[i], &id, NULL))
      BAD("type %u is malformed", i);
  }
  memset(counts, 0, sizeof *counts);
  for (uint32_t i = 0; i < m->num_imports; ++i) {
    const wa_import *imp = &m->imports[i];
    if (!name_ok(imp->module, imp->module_len) ||
        !name_ok(imp->name, imp->name_len))
      BAD("import %u has no terminated name", i);
    switch (imp->kind) {
    case WA_EXTERN_FUNC:
      if (imp->func_type >= m->num_types)
        BAD("import %u has type index %u out of range", i, imp->func_type);
      counts->funcs++;
      break;
    case WA_EXTERN_TABLE:
      if (!is_ref_type(imp->table_elem_type) ||
          !limits_ok(&imp->limits, UINT32_MAX))
        BAD("table import %u has an invalid type", i);
      counts->tables++;
      break;
    case WA_EXTERN_MEMORY:
      if (!limits_ok(&imp->limits, WA_RT_MAX_PAGES))
        BAD("memory import %u has invalid limits", i);
      counts->memories++;
      break;
    case WA_EXTERN_GLOBAL:
      if (!wa_rt_valtype_valid(imp->global_type) || imp->global_mutable > 1)
        BAD("global import %u has an invalid type", i);
      counts->globals++;
      break;
    default:
      BAD("import %u has unknown kind %u", i, imp->kind);
    }
  }
  if (m->num_funcs > UINT32_MAX - counts->funcs ||
      m->num_tables > UINT32_MAX - counts->tables ||
      m->num_memories > UINT32_MAX - counts->memories ||
      m->num_globals > UINT32_MAX - counts->globals)
    BAD("index space too large");
  uint32_t total_funcs = counts->funcs + m->num_funcs;
  uint32_t total_tables = counts->tables + m->num_tables;
  uint32_t total_memories = counts->memories + m->num_memories;
  uint32_t total_globals = counts->globals + m->num_globals;
  for (uint32_t i = 0; i < m->num_funcs; ++i) {
    if (m->func_types[i] >= m->num_types)
      BAD("function %u has type index %u out of range", i, m->func_types[i]);
    if (m->func_code[i] == NULL)
      BAD("function %u has no code", i);
  }
  for (uint32_t i = 0; i < m->num_tables; ++i)
    if (!is_ref_type(m->tables[i].elem_type) ||
        !limits_ok(&m->tables[i].limits, UINT32_MAX))
      BAD("table %u has an invalid type", i);
  for (uint32_t i = 0; i < m->num_memories; ++i)
    if (!limits_ok(&m->memories[i], WA_RT_MAX_PAGES))
      BAD("memory %u has invalid limits", i);
  for (uint32_t i = 0; i < m->num_globals; ++i)
    if (!wa_rt_valtype_valid(m->globals[i].type) ||
        m->globals[i].mutable_ > 1)
      BAD("global %u has an invalid type", i);
  for (uint32_t i = 0; i < m->num_exports; ++i) {
    const wa_export *e = &m->exports[i];
    if (!name_ok(e->name, e->name_len))
      BAD("export %u has no terminated name", i);
    uint32_t limit;
    switch (e->kind) {
    case WA_EXTERN_FUNC: limit = total_funcs; break;
    case WA_EXTERN_TABLE: limit = total_tables; break;
    case WA_EXTERN_MEMORY: limit = total_memories; break;
    case WA_EXTERN_GLOBAL: limit = total_globals; break;
    default: BAD("export %u has unknown kind %u", i, e->kind);
    }
    if (e->index >= limit)
      BAD("export %u has index %u out of range", i, e->index);
  }
  bool active_data = false, active_elems = false, elem_items = false;
  for (uint32_t i = 0; i < m->num_data; ++i) {
    const wa_data_segment *d = &m->data[i];
    if (d->size && !d->bytes)
      BAD("data segment %u has no bytes", i);
    if (d->active) {
      if (d->memory >= total_memories)
        BAD("data segment %u has memory index %u out of range", i, d->memory);
      active_data = true;
    }
  }
  for (uint32_t i = 0; i < m->num_elems; ++i) {
    const wa_elem_segment *e = &m->elems[i];
    if (e->mode > 2 || !is_ref_type(e->elem_type))
      BAD("element segment %u is malformed", i);
    if (e->mode == 0) {
      if (e->table >= total_tables)
        BAD("element segment %u has table index %u out of range", i,
            e->table);
      active_elems = true;
    }
    if (e->size)
      elem_items = true;
  }
  if (m->has_start) {
    if (m->start >= total_funcs)
      BAD("start function %u out of range", m->start);
    /* Its type: the import's or the definition's. */
    uint32_t type_index = 0;
    if (m->start < counts->funcs) {
      uint32_t seen = 0;
      for (uint32_t i = 0; i < m->num_imports; ++i)
        if (m->imports[i].kind == WA_EXTERN_FUNC && seen++ == m->start)
          type_index = m->imports[i].func_type;
    } else {
      type_index = m->func_types[m->start - counts->funcs];
    }
    if (m->types[type_index].num_params || m->types[type_index].num_results)
      BAD("start function %u does not have type [] -> []", m->start);
  }
  if ((m->num_globals && !m->init.init_globals) ||
      (active_elems && !m->init.elem_offset) ||
      (active_data && !m->init.data_offset) ||
      (elem_items && !m->init.elem_items))
    BAD("an initialisation function is missing");
  return true;
}

#undef BAD

/* ---- Import resolution ---- */

static const char *kind_name(uint8_t kind) {
  switch (kind) {
  case WA_EXTERN_FUNC: return "function";
  case WA_EXTERN_TABLE: return "table";
  case WA_EXTERN_MEMORY: return "memory";
  case WA_EXTERN_GLOBAL: return "global";
  default: return "unknown";
  }
}

static const char *valtype_name(uint8_t t) {
  switch (t) {
  case WA_I32: return "i32";
  case WA_I64: return "i64";
  case WA_F32: return "f32";
  case WA_F64: return "f64";
  case WA_V128: return "v128";
  case WA_FUNCREF: return "funcref";
  case WA_EXTERNREF: return "externref";
  default: return "?";
  }
}

/* "[i32 i64] -> [f32]" into buf. */
static void format_type(char *buf, size_t size, const wa_func_type *t) {
  size_t used = 0;
  buf[0] = '\0';
#define PUT(s)                                                                 \
  do {                                                                         \
    int n_ = snprintf(buf + used, size - used, "%s", (s));                    \
    if (n_ < 0 || (size_t)n_ >= size - used)                                   \
      return;                                                                  \
    used += (size_t)n_;                                                        \
  } while (0)
  PUT("[");
  for (uint32_t i = 0; i < t->num_params; ++i) {
    if (i) PUT(" ");
    PUT(valtype_name(t->params[i]));
  }
  PUT("] -> [");
  for (uint32_t i = 0; i < t->num_results; ++i) {
    if (i) PUT(" ");
    PUT(valtype_name(t->results[i]));
  }
  PUT("]");
#undef PUT
}

static void format_limits(char *buf, size_t size, uint64_t min, bool has_max,
                          uint64_t max) {
  if (has_max)
    snprintf(buf, size, "{min %llu, max %llu}", (unsigned long long)min,
             (unsigned long long)max);
  else
    snprintf(buf, size, "{min %llu, no max}", (unsigned long long)min);
}

/* Import limits matching (spec "Limits" subtyping): the provider's current
 * size is at least the import's min, and if the import has a max the
 * provider has one no larger. */
static bool limits_match(uint64_t cur, bool has_max, uint64_t max,
                         const wa_limits *want) {
  if (cur < want->min)
    return false;
  if (want->has_max && (!has_max || max > want->max))
    return false;
  return true;
}

#define LINK_ERROR(kind_, ...)                                                 \
  do {                                                                         \
    wa_rt_error(error, kind_, 0, __VA_ARGS__);                                 \
    return false;                                                              \
  } while (0)

/* Checks binding `b` against import `imp`. */
static bool check_import(wa_store *store, const wa_module *m,
                         const uint32_t *type_ids, const wa_import *imp,
                         const wa_extern *ext, wa_error *error) {
  char mod[NAME_TEXT], name[NAME_TEXT];
  format_name(mod, sizeof mod, imp->module, imp->module_len);
  format_name(name, sizeof name, imp->name, imp->name_len);
  if (ext->kind != imp->kind)
    LINK_ERROR(WA_ERROR_LINK,
               "incompatible import type: \"%s\" \"%s\": expected a %s, got "
               "a %s",
               mod, name, kind_name(imp->kind), kind_name(ext->kind));
  switch (imp->kind) {
  case WA_EXTERN_FUNC: {
    const wa_function *f = ext->of.func;
    if (f == NULL || f->magic != WA_RT_MAGIC_FUNCTION)
      LINK_ERROR(WA_ERROR_MISUSE, "import \"%s\" \"%s\": not a function",
                 mod, name);
    if (f->store != store)
      LINK_ERROR(WA_ERROR_MISUSE,
                 "import \"%s\" \"%s\": the function belongs to another store",
                 mod, name);
    if (f->type_id != type_ids[imp->func_type]) {
      char want[128], got[128];
      format_type(want, sizeof want, &m->types[imp->func_type]);
      format_type(got, sizeof got, f->type);
      LINK_ERROR(WA_ERROR_LINK,
                 "incompatible import type: \"%s\" \"%s\": expected function "
                 "type %s, got %s",
                 mod, name, want, got);
    }
    if (f->is_host && imp->host_thunk == NULL)
      LINK_ERROR(WA_ERROR_MODULE,
                 "invalid module descriptor: import \"%s\" \"%s\" has no host "
                 "thunk",
                 mod, name);
    return true;
  }
  case WA_EXTERN_TABLE: {
    const wa_table *t = ext->of.table;
    if (!wa_rt_table_valid(t))
      LINK_ERROR(WA_ERROR_MISUSE, "import \"%s\" \"%s\": not a table", mod,
                 name);
    const wa_rt_table *rt = (const wa_rt_table *)t;
    if (rt->store != store)
      LINK_ERROR(WA_ERROR_MISUSE,
                 "import \"%s\" \"%s\": the table belongs to another store",
                 mod, name);
    if (t->elem_type != imp->table_elem_type)
      LINK_ERROR(WA_ERROR_LINK,
                 "incompatible import type: \"%s\" \"%s\": expected a table of "
                 "%s, got %s",
                 mod, name, valtype_name(imp->table_elem_type),
                 valtype_name(t->elem_type));
    if (!limits_match(t->size, t->has_max, rt->declared_max, &imp->limits)) {
      char want[64], got[64];
      format_limits(want, sizeof want, imp->limits.min, imp->limits.has_max,
                    imp->limits.max);
      format_limits(got, sizeof got, t->size, t->has_max, rt->declared_max);
      LINK_ERROR(WA_ERROR_LINK,
                 "incompatible import type: \"%s\" \"%s\": expected table "
                 "limits %s, got %s",
                 mod, name, want, got);
    }
    return true;
  }
  case WA_EXTERN_MEMORY: {
    const wa_memory *mem = ext->of.memory;
    if (!wa_rt_memory_valid(mem))
      LINK_ERROR(WA_ERROR_MISUSE, "import \"%s\" \"%s\": not a memory", mod,
                 name);
    const wa_rt_memory *rm = (const wa_rt_memory *)mem;
    if (rm->store != store)
      LINK_ERROR(WA_ERROR_MISUSE,
                 "import \"%s\" \"%s\": the memory belongs to another store",
                 mod, name);
    uint64_t pages = mem->size / WA_PAGE_SIZE;
    if (!limits_match(pages, rm->has_max, rm->declared_max, &imp->limits)) {
      char want[64], got[64];
      format_limits(want, sizeof want, imp->limits.min, imp->limits.has_max,
                    imp->limits.max);
      format_limits(got, sizeof got, pages, rm->has_max, rm->declared_max);
      LINK_ERROR(WA_ERROR_LINK,
                 "incompatible import type: \"%s\" \"%s\": expected memory "
                 "limits %s, got %s",
                 mod, name, want, got);
    }
    if (m->bounds_checks == 0 && rm->mode != WA_MEMORY_GUARD)
      LINK_ERROR(WA_ERROR_LINK,
                 "incompatible import: \"%s\" \"%s\": the module was compiled "
                 "without bounds checks and needs a guard-mode memory",
                 mod, name);
    return true;
  }
  case WA_EXTERN_GLOBAL: {
    const wa_global *g = ext->of.global;
    if (g == NULL || g->magic != WA_RT_MAGIC_GLOBAL)
      LINK_ERROR(WA_ERROR_MISUSE, "import \"%s\" \"%s\": not a global", mod,
                 name);
    if (g->store != store)
      LINK_ERROR(WA_ERROR_MISUSE,
                 "import \"%s\" \"%s\": the global belongs to another store",
                 mod, name);
    if (g->type != imp->global_type || g->mutable_ != imp->global_mutable)
      LINK_ERROR(WA_ERROR_LINK,
                 "incompatible import type: \"%s\" \"%s\": expected a global "
                 "%s%s%s, got %s%s%s",
                 mod, name, imp->global_mutable ? "(mut " : "",
                 valtype_name(imp->global_type),
                 imp->global_mutable ? ")" : "", g->mutable_ ? "(mut " : "",
                 valtype_name(g->type), g->mutable_ ? ")" : "");
    return true;
  }
  default:
    LINK_ERROR(WA_ERROR_MODULE, "invalid module descriptor: import kind");
  }
}

#undef LINK_ERROR

/* The embedder's bindings, with C-string names (wa_instantiate) or
 * byte-string names (wa_instantiate_n); exactly one array is set. */
typedef struct binding_list {
  const wa_import_binding *c;
  const wa_import_binding_n *sized;
  size_t count;
} binding_list;

/* The value of the first binding named like `imp`, or null. */
static const wa_extern *find_binding(const binding_list *list,
                                     const wa_import *imp) {
  for (size_t i = 0; i < list->count; ++i) {
    if (list->c) {
      const wa_import_binding *b = &list->c[i];
      if (b->module && b->name &&
          name_is_cstr(imp->module, imp->module_len, b->module) &&
          name_is_cstr(imp->name, imp->name_len, b->name))
        return &b->value;
    } else {
      const wa_import_binding_n *b = &list->sized[i];
      if (name_equal(imp->module, imp->module_len, b->module,
                     b->module_len) &&
          name_equal(imp->name, imp->name_len, b->name, b->name_len))
        return &b->value;
    }
  }
  return NULL;
}

/* ---- Allocation ---- */

/* calloc that never returns null for a zero count. */
static void *alloc_array(size_t count, size_t size) {
  return calloc(count ? count : 1, size);
}

void wa_rt_instance_destroy(wa_rt_instance *inst) {
  if (inst == NULL)
    return;
  if (inst->abi.memories)
    for (uint32_t i = inst->imported_memories; i < inst->num_memories; ++i)
      wa_rt_memory_destroy((wa_rt_memory *)inst->abi.memories[i]);
  if (inst->abi.tables)
    for (uint32_t i = inst->imported_tables; i < inst->num_tables; ++i)
      wa_rt_table_destroy((wa_rt_table *)inst->abi.tables[i]);
  if (inst->func_handles)
    for (uint32_t i = inst->imported_funcs; i < inst->num_funcs; ++i)
      if (inst->func_handles[i]) {
        inst->func_handles[i]->magic = 0;
        free(inst->func_handles[i]);
      }
  if (inst->elem_items && inst->abi.module)
    for (uint32_t i = 0; i < inst->abi.module->num_elems; ++i)
      free(inst->elem_items[i]);
  if (inst->own_globals)
    for (uint32_t i = 0; i < inst->num_globals - inst->imported_globals; ++i)
      inst->own_globals[i].magic = 0;
  free(inst->elem_items);
  free(inst->own_globals);
  free(inst->func_handles);
  free(inst->abi.memories);
  free(inst->abi.tables);
  free(inst->abi.globals);
  free(inst->abi.funcs);
  free((void *)inst->abi.type_ids);
  free(inst->abi.data_sizes);
  free(inst->abi.elem_sizes);
  inst->magic = 0;
  free(inst);
}

static bool out_of_memory(wa_error *error) {
  wa_rt_error(error, WA_ERROR_RESOURCE, 0, "out of memory");
  return false;
}

/* Steps 2 and 3: returns the allocated instance, not yet in the store. */
static wa_rt_instance *build_instance(wa_store *store, const wa_module *m,
                                      const import_counts *counts,
                                      const binding_list *imports,
                                      wa_error *error) {
  wa_rt_instance *inst = (wa_rt_instance *)calloc(1, sizeof *inst);
  if (inst == NULL) {
    out_of_memory(error);
    return NULL;
  }
  inst->magic = WA_RT_MAGIC_INSTANCE;
  inst->store = store;
  inst->abi.runtime = inst;
  inst->abi.module = m;
  inst->imported_funcs = counts->funcs;
  inst->imported_tables = counts->tables;
  inst->imported_memories = counts->memories;
  inst->imported_globals = counts->globals;
  /* Counts of what is allocated so far: the destructor relies on them. */
  inst->num_funcs = counts->funcs;
  inst->num_tables = counts->tables;
  inst->num_memories = counts->memories;
  inst->num_globals = counts->globals;
  uint32_t total_funcs = counts->funcs + m->num_funcs;
  uint32_t total_tables = counts->tables + m->num_tables;
  uint32_t total_memories = counts->memories + m->num_memories;
  uint32_t total_globals = counts->globals + m->num_globals;

  uint32_t *type_ids = (uint32_t *)alloc_array(m->num_types, sizeof *type_ids);
  inst->abi.type_ids = type_ids;
  inst->abi.funcs = (wa_func *)alloc_array(total_funcs, sizeof(wa_func));
  inst->func_handles =
      (wa_function **)alloc_array(total_funcs, sizeof(wa_function *));
  inst->abi.tables = (wa_table **)alloc_array(total_tables, sizeof(wa_table *));
  inst->abi.memories =
      (wa_memory **)alloc_array(total_memories, sizeof(wa_memory *));
  inst->abi.globals =
      (wa_value **)alloc_array(total_globals, sizeof(wa_value *));
  inst->own_globals = (struct wa_global *)alloc_array(
      m->num_globals, sizeof(struct wa_global));
  inst->abi.data_sizes = (uint32_t *)alloc_array(m->num_data, sizeof(uint32_t));
  inst->abi.elem_sizes =
      (uint32_t *)alloc_array(m->num_elems, sizeof(uint32_t));
  inst->elem_items = (void ***)alloc_array(m->num_elems, sizeof(void **));
  if (!type_ids || !inst->abi.funcs || !inst->func_handles ||
      !inst->abi.tables || !inst->abi.memories || !inst->abi.globals ||
      !inst->own_globals || !inst->abi.data_sizes || !inst->abi.elem_sizes ||
      !inst->elem_items) {
    out_of_memory(error);
    goto fail;
  }
  for (uint32_t i = 0; i < m->num_types; ++i)
    if (!wa_rt_type_intern(&m->types[i], &type_ids[i], NULL)) {
      out_of_memory(error);
      goto fail;
    }

  /* Imports. */
  uint32_t fi = 0, ti = 0, mi = 0, gi = 0;
  for (uint32_t i = 0; i < m->num_imports; ++i) {
    const wa_import *imp = &m->imports[i];
    const wa_extern *value = find_binding(imports, imp);
    if (value == NULL) {
      char mod[NAME_TEXT], name[NAME_TEXT];
      format_name(mod, sizeof mod, imp->module, imp->module_len);
      format_name(name, sizeof name, imp->name, imp->name_len);
      wa_rt_error(error, WA_ERROR_LINK, 0, "unknown import: \"%s\" \"%s\"",
                  mod, name);
      goto fail;
    }
    if (!check_import(store, m, type_ids, imp, value, error))
      goto fail;
    switch (imp->kind) {
    case WA_EXTERN_FUNC: {
      wa_function *f = value->of.func;
      inst->func_handles[fi] = f;
      if (f->is_host) {
        /* This module's thunk turns native calls into callback calls. The
         * first importer's thunk also serves the function's own funcref. */
        inst->abi.funcs[fi].code = imp->host_thunk;
        inst->abi.funcs[fi].instance = (wa_instance *)(void *)&f->host;
        inst->abi.funcs[fi].type_id = f->type_id;
        if (f->own.code == NULL)
          f->own.code = imp->host_thunk;
      } else {
        inst->abi.funcs[fi] = *f->func;
      }
      fi++;
      break;
    }
    case WA_EXTERN_TABLE:
      inst->abi.tables[ti++] = value->of.table;
      break;
    case WA_EXTERN_MEMORY:
      inst->abi.memories[mi++] = value->of.memory;
      break;
    case WA_EXTERN_GLOBAL:
      inst->abi.globals[gi++] = &value->of.global->cell;
      break;
    }
  }

  /* Own functions. */
  for (uint32_t i = 0; i < m->num_funcs; ++i) {
    wa_func *f = &inst->abi.funcs[counts->funcs + i];
    f->code = m->func_code[i];
    f->instance = &inst->abi;
    f->type_id = type_ids[m->func_types[i]];
  }
  inst->num_funcs = total_funcs;

  /* Own tables, memories, globals. */
  for (uint32_t i = 0; i < m->num_tables; ++i) {
    const wa_table_def *def = &m->tables[i];
    wa_rt_table *t = wa_rt_table_create(
        store, def->elem_type, def->limits.min, def->limits.max,
        def->limits.has_max != 0, NULL, error);
    if (t == NULL)
      goto fail;
    inst->abi.tables[inst->num_tables++] = &t->abi;
  }
  wa_memory_mode mode =
      m->bounds_checks ? WA_MEMORY_EXPLICIT : WA_MEMORY_GUARD;
  for (uint32_t i = 0; i < m->num_memories; ++i) {
    const wa_limits *l = &m->memories[i];
    wa_rt_memory *mem = wa_rt_memory_create(store, l->min, l->max,
                                            l->has_max != 0, mode, error);
    if (mem == NULL)
      goto fail;
    inst->abi.memories[inst->num_memories++] = &mem->abi;
  }
  for (uint32_t i = 0; i < m->num_globals; ++i) {
    struct wa_global *g = &inst->own_globals[i];
    g->magic = WA_RT_MAGIC_GLOBAL;
    g->type = m->globals[i].type;
    g->mutable_ = m->globals[i].mutable_;
    g->store = store;
    inst->abi.globals[inst->num_globals++] = &g->cell;
  }

  /* Segments. */
  for (uint32_t i = 0; i < m->num_data; ++i)
    inst->abi.data_sizes[i] = m->data[i].size;
  for (uint32_t i = 0; i < m->num_elems; ++i) {
    inst->abi.elem_sizes[i] = m->elems[i].size;
    inst->elem_items[i] = (void **)alloc_array(m->elems[i].size, sizeof(void *));
    if (inst->elem_items[i] == NULL) {
      wa_rt_error(error, WA_ERROR_RESOURCE, 0,
                  "cannot allocate element segment %u", i);
      goto fail;
    }
  }

  /* Handles of exported own functions (imported ones export their
   * provider). */
  for (uint32_t i = 0; i < m->num_exports; ++i) {
    const wa_export *e = &m->exports[i];
    if (e->kind != WA_EXTERN_FUNC || e->index < counts->funcs)
      continue;
    wa_function *h = inst->func_handles[e->index];
    if (h == NULL) {
      h = (wa_function *)calloc(1, sizeof *h);
      if (h == NULL) {
        out_of_memory(error);
        goto fail;
      }
      uint32_t type_index = m->func_types[e->index - counts->funcs];
      h->magic = WA_RT_MAGIC_FUNCTION;
      h->is_host = false;
      h->type_id = type_ids[type_index];
      if (!wa_rt_type_intern(&m->types[type_index], &h->type_id, &h->type)) {
        free(h);
        out_of_memory(error);
        goto fail;
      }
      h->store = store;
      h->func = &inst->abi.funcs[e->index];
      inst->func_handles[e->index] = h;
    }
    if (h->entry == NULL)
      h->entry = e->entry;
  }

  inst->abi.memory0 = inst->num_memories ? inst->abi.memories[0] : NULL;
  /* Guard-mode memories never move (a guard-mode module only links with
   * those, checked above), so compiled code may keep this copy. */
  inst->abi.memory0_base = inst->abi.memory0 && m->bounds_checks == 0
                               ? inst->abi.memory0->base
                               : NULL;
  inst->abi.stack_limit = store->stack_limit;
  inst->abi.fuel = &store->fuel;
  /* Compiled code reads the flag with an atomic 32-bit load. */
  inst->abi.interrupt = (uint32_t *)(void *)&store->interrupt;
  return inst;

fail:
  wa_rt_instance_destroy(inst);
  return NULL;
}

/* ---- Step 4: initialisation, under a trap frame ---- */

static void run_initialisation(void *p) {
  wa_rt_instance *inst = (wa_rt_instance *)p;
  wa_instance *abi = &inst->abi;
  const wa_module *m = abi->module;

  if (m->num_globals)
    m->init.init_globals(abi);
  for (uint32_t i = 0; i < m->num_elems; ++i)
    if (m->elems[i].size)
      m->init.elem_items(abi, i, inst->elem_items[i]);

  for (uint32_t i = 0; i < m->num_elems; ++i) {
    const wa_elem_segment *e = &m->elems[i];
    if (e->mode == 0) {
      uint64_t offset = m->init.elem_offset(abi, i);
      if (offset > UINT32_MAX)
        wa_rt_trap(WA_TRAP_OutOfBoundsTableAccess);
      wa_table_init(abi, e->table, i, (uint32_t)offset, 0, e->size,
                    WA_NO_SITE, 0);
      wa_elem_drop(abi, i);
    } else if (e->mode == 2) {
      wa_elem_drop(abi, i);
    }
  }
  for (uint32_t i = 0; i < m->num_data; ++i) {
    const wa_data_segment *d = &m->data[i];
    if (!d->active)
      continue;
    uint64_t offset = m->init.data_offset(abi, i);
    if (offset > UINT32_MAX)
      wa_rt_trap(WA_TRAP_OutOfBoundsMemoryAccess);
    wa_memory_init(abi, d->memory, i, (uint32_t)offset, 0, d->size,
                   WA_NO_SITE, 0);
    wa_data_drop(abi, i);
  }
  if (m->has_start) {
    /* A [] -> [] function: its native signature is known. */
    const wa_func *start = &abi->funcs[m->start];
    void (*code)(wa_instance *) = (void (*)(wa_instance *))start->code;
    code(start->instance);
  }
}

static bool instantiate_in_store(wa_store *store, const wa_module *m,
                                 const import_counts *counts,
                                 const binding_list *imports,
                                 wa_instance **out, wa_error *error) {
  wa_rt_instance *inst = build_instance(store, m, counts, imports, error);
  if (inst == NULL)
    return false;
  /* In the store from now on: initialisation may hand its functions to
   * other instances' tables. */
  inst->next = store->instances;
  store->instances = inst;
  const char *why = NULL;
  uint32_t trap = wa_rt_run_protected(store, run_initialisation, inst, &why);
  if (trap == WA_RT_NOT_STARTED) {
    wa_rt_error(error, WA_ERROR_MISUSE, 0, "%s", why);
    return false;
  }
  if (trap != WA_TRAP_NONE) {
    wa_rt_error(error, WA_ERROR_TRAP, trap, "%s", wa_trap_message(trap));
    return false;
  }
  inst->live = true;
  *out = &inst->abi;
  return true;
}

/* wa_instantiate and wa_instantiate_n once their bindings are checked. */
static bool instantiate(wa_store *store, const wa_module *module,
                        const binding_list *imports, wa_instance **instance,
                        wa_error *error) {
  import_counts counts;
  if (!check_descriptor(module, &counts, error))
    return false;
  const char *why = NULL;
  if (!wa_rt_store_enter(store, &why)) {
    wa_rt_error(error, WA_ERROR_MISUSE, 0, "%s", why);
    return false;
  }
  wa_instance *result = NULL;
  bool ok = instantiate_in_store(store, module, &counts, imports, &result,
                                 error);
  if (store->free_pending && store->depth == 1) {
    /* Freed from the start function: nothing to hand back. */
    ok = false;
    result = NULL;
    wa_rt_error(error, WA_ERROR_MISUSE, 0,
                "the store was freed during instantiation");
  }
  wa_rt_store_leave(store);
  *instance = result;
  return ok;
}

/* Clears *error (or points it at scratch) and *instance; false if the
 * arguments every form needs are missing. */
static bool begin_instantiate(wa_store *store, const wa_module *module,
                              const void *imports, size_t num_imports,
                              wa_instance **instance, wa_error **error,
                              wa_error *scratch, const char *function) {
  if (*error == NULL)
    *error = scratch;
  (*error)->kind = WA_ERROR_NONE;
  (*error)->trap = 0;
  (*error)->message[0] = '\0';
  if (instance != NULL)
    *instance = NULL;
  if (store == NULL || store->magic != WA_RT_MAGIC_STORE || module == NULL ||
      instance == NULL || (num_imports != 0 && imports == NULL)) {
    wa_rt_error(*error, WA_ERROR_MISUSE, 0, "%s: null argument", function);
    return false;
  }
  return true;
}

bool wa_instantiate(wa_store *store, const wa_module *module,
                    const wa_import_binding *imports, size_t num_imports,
                    wa_instance **instance, wa_error *error) {
  wa_error scratch;
  if (!begin_instantiate(store, module, imports, num_imports, instance,
                         &error, &scratch, "wa_instantiate"))
    return false;
  binding_list list = {imports, NULL, num_imports};
  return instantiate(store, module, &list, instance, error);
}

bool wa_instantiate_n(wa_store *store, const wa_module *module,
                      const wa_import_binding_n *imports, size_t num_imports,
                      wa_instance **instance, wa_error *error) {
  wa_error scratch;
  if (!begin_instantiate(store, module, imports, num_imports, instance,
                         &error, &scratch, "wa_instantiate_n"))
    return false;
  for (size_t i = 0; i < num_imports; ++i)
    if ((imports[i].module == NULL && imports[i].module_len != 0) ||
        (imports[i].name == NULL && imports[i].name_len != 0)) {
      wa_rt_error(error, WA_ERROR_MISUSE, 0,
                  "wa_instantiate_n: binding %zu has a null name", i);
      return false;
    }
  binding_list list = {NULL, imports, num_imports};
  return instantiate(store, module, &list, instance, error);
}

/* ---- Exports ---- */

bool wa_rt_instance_valid(const wa_instance *inst) {
  if (inst == NULL || inst->runtime != (const void *)inst)
    return false;
  const wa_rt_instance *rt = (const wa_rt_instance *)inst;
  return rt->magic == WA_RT_MAGIC_INSTANCE && rt->live;
}

static void make_extern(wa_rt_instance *inst, const wa_export *e,
                        wa_extern *out) {
  out->kind = e->kind;
  switch (e->kind) {
  case WA_EXTERN_FUNC:
    out->of.func = inst->func_handles[e->index];
    break;
  case WA_EXTERN_TABLE:
    out->of.table = inst->abi.tables[e->index];
    break;
  case WA_EXTERN_MEMORY:
    out->of.memory = inst->abi.memories[e->index];
    break;
  case WA_EXTERN_GLOBAL:
    /* The cell is the first member of its global. */
    out->of.global = (wa_global *)(void *)inst->abi.globals[e->index];
    break;
  }
}

bool wa_instance_export_n(wa_instance *instance, const char *name,
                          size_t name_len, wa_extern *out) {
  if (!wa_rt_instance_valid(instance) || (name == NULL && name_len != 0) ||
      out == NULL)
    return false;
  wa_rt_instance *inst = wa_rt_instance_of(instance);
  const wa_module *m = instance->module;
  for (uint32_t i = 0; i < m->num_exports; ++i) {
    const wa_export *e = &m->exports[i];
    if (name_equal(e->name, e->name_len, name, name_len)) {
      make_extern(inst, e, out);
      return true;
    }
  }
  return false;
}

bool wa_instance_export(wa_instance *instance, const char *name,
                        wa_extern *out) {
  if (name == NULL)
    return false;
  return wa_instance_export_n(instance, name, strlen(name), out);
}

size_t wa_instance_export_count(const wa_instance *instance) {
  return wa_rt_instance_valid(instance) ? instance->module->num_exports : 0;
}

bool wa_instance_export_at_n(wa_instance *instance, size_t index,
                             const char **name, size_t *name_len,
                             wa_extern *out) {
  if (!wa_rt_instance_valid(instance) || out == NULL ||
      index >= instance->module->num_exports)
    return false;
  const wa_export *e = &instance->module->exports[index];
  if (name != NULL)
    *name = e->name;
  if (name_len != NULL)
    *name_len = e->name_len;
  make_extern(wa_rt_instance_of(instance), e, out);
  return true;
}

bool wa_instance_export_at(wa_instance *instance, size_t index,
                           const char **name, wa_extern *out) {
  return wa_instance_export_at_n(instance, index, name, NULL, out);
}

wa_store *wa_instance_store(const wa_instance *instance) {
  return wa_rt_instance_valid(instance)
             ? ((const wa_rt_instance *)instance)->store
             : NULL;
}
