/*===- abi.h - What compiled code and the runtime agree on -------*- C -*-===*
 *
 * The instance context, function references, memories, tables, globals and
 * the module descriptor that every compiled object carries. The compiler
 * (compiler/abi) and the runtime (runtime/) both include this header; the
 * layout is pinned with static assertions because compiled code reaches
 * these fields by constant offsets. docs/abi.md explains the why.
 *
 * All supported targets (x86-64, AArch64, RISC-V 64) are LP64; the offsets
 * below are for 64-bit pointers.
 *===----------------------------------------------------------------------===*/
#ifndef WASM_AOT_ABI_H
#define WASM_AOT_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WA_ABI_VERSION 6u
#define WA_PAGE_SIZE 65536u

/* Trap codes, from traps.def. */
enum wa_trap_code {
  WA_TRAP_NONE = 0,
#define WA_TRAP(Id, Code, Message) WA_TRAP_##Id = Code,
#include "wasm-aot/traps.def"
};

/* Value type bytes, as in the binary format. */
enum wa_valtype {
  WA_I32 = 0x7F,
  WA_I64 = 0x7E,
  WA_F32 = 0x7D,
  WA_F64 = 0x7C,
  WA_V128 = 0x7B,
  WA_FUNCREF = 0x70,
  WA_EXTERNREF = 0x6F,
};

enum wa_extern_kind {
  WA_EXTERN_FUNC = 0,
  WA_EXTERN_TABLE = 1,
  WA_EXTERN_MEMORY = 2,
  WA_EXTERN_GLOBAL = 3,
};

struct wa_instance;

/* One value of any type: global cells and the argument/result arrays of
 * entry wrappers and host functions. References are pointers (funcref: a
 * wa_func*, externref: an opaque host pointer); null is 0. */
typedef union wa_value {
  int32_t i32;
  int64_t i64;
  float f32;
  double f64;
  uint8_t v128[16];
  void *ref;
} __attribute__((aligned(16))) wa_value;

/* A function reference. `code` has the native signature
 *   results code(struct wa_instance *instance, params...)
 * where a single result is returned directly and several results as an LLVM
 * literal struct (the C ABI of a struct of those fields). `type_id` is the
 * canonical id of the function's type: equal ids mean equal types, across
 * every module in the process. */
typedef struct wa_func {
  void *code;
  struct wa_instance *instance;
  uint32_t type_id;
  uint32_t reserved;
} wa_func;

/* A linear memory. In guard mode `base` never moves: the whole reservation
 * (WA_GUARD_RESERVATION bytes) is mapped once and grown by changing page
 * protection. In explicit mode `base` may move when the memory grows. */
typedef struct wa_memory {
  uint8_t *base;
  uint64_t size;       /* current size in bytes */
  uint64_t max_pages;  /* the effective maximum (module's or embedder's) */
  uint64_t reserved;   /* bytes of address space owned at base */
} wa_memory;

/* Any 32-bit address plus any 32-bit static offset stays below 8 GiB. */
#define WA_GUARD_RESERVATION (UINT64_C(8) << 30)

/* A table: `elements` holds `size` references (wa_func* for funcref tables,
 * host pointers for externref), null is 0. */
typedef struct wa_table {
  void **elements;
  uint32_t size;
  uint32_t max;        /* the effective maximum */
  uint8_t elem_type;   /* WA_FUNCREF or WA_EXTERNREF */
  uint8_t has_max;
  uint8_t pad[6];
} wa_table;

/* The instance context: the first argument of every compiled function.
 * Compiled code reads only the fields up to `module`; the rest belongs to
 * the runtime. */
typedef struct wa_instance {
  wa_memory *memory0;        /* memory 0, or null */
  uintptr_t stack_limit;     /* compiled code traps below this stack address */
  wa_memory **memories;      /* every memory of the index space */
  wa_table **tables;         /* every table of the index space */
  wa_value **globals;        /* the cell of every global (imported ones are
                                the exporter's cells) */
  wa_func *funcs;            /* every function of the index space; ref.func
                                of index i is &funcs[i] */
  const uint32_t *type_ids;  /* canonical id of each of the module's types */
  uint32_t *data_sizes;      /* each data segment's length, 0 once dropped */
  uint32_t *elem_sizes;      /* each element segment's length, 0 once dropped */
  /* Fuel left in the store (code compiled with fuel metering subtracts what
   * it executes and traps with "fuel exhausted" once it is below zero). */
  int64_t *fuel;
  /* Nonzero when the store's running code is to stop: interruptible code
   * reads it (atomically) at function entries and loop headers and traps
   * with "interrupted". */
  uint32_t *interrupt;
  /* Memory 0's base, for code compiled for guard pages (wa_module's
   * bounds_checks 0), whose memories never move: one load at a function's
   * entry instead of two (memory0, then its base). Null otherwise. */
  uint8_t *memory0_base;
  const struct wa_module *module;
  void *runtime;             /* runtime-private state */
} wa_instance;

/* Entry wrapper, one per exported function: calls the function with
 * arguments read from `values` and writes its results back to `values`
 * (which holds max(params, results) slots). The runtime calls exports only
 * through these, so it never needs the native signature. */
typedef void (*wa_entry_fn)(wa_instance *instance, wa_value *values);

/* A host function: reads its arguments from `values`, writes its results
 * there. Returns 0, or a trap code to trap the caller. */
typedef uint32_t (*wa_host_fn)(void *env, wa_value *values);

/* What a compiled function that calls a host import actually calls: a thunk
 * with the native signature, emitted by the compiler once per function type
 * of the module's function imports. It passes its arguments to
 * host->callback through a wa_value array. The runtime makes `host` the
 * `instance` of the import's wa_func. */
typedef struct wa_host_func {
  wa_host_fn callback;
  void *env;
} wa_host_func;

/* ---- The module descriptor, emitted into every compiled object ---- */

typedef struct wa_func_type {
  uint32_t num_params;
  uint32_t num_results;
  const uint8_t *params;   /* wa_valtype bytes */
  const uint8_t *results;
} wa_func_type;

typedef struct wa_limits {
  uint64_t min;
  uint64_t max;
  uint8_t has_max;
  uint8_t pad[7];
} wa_limits;

/* Names (import module and field names, export names) are WebAssembly
 * names: UTF-8 byte strings that may contain NUL. Each is `*_len` bytes at
 * its pointer, followed by a NUL terminator that is not part of the name, so
 * a name without NUL bytes also reads as the C string it is. Compare names
 * by pointer and length, never with strcmp. */
typedef struct wa_import {
  const char *module;
  const char *name;
  uint32_t module_len;      /* bytes of `module`, without the terminator */
  uint32_t name_len;        /* bytes of `name`, without the terminator */
  uint8_t kind;             /* wa_extern_kind */
  uint8_t global_type;      /* globals: wa_valtype */
  uint8_t global_mutable;
  uint8_t table_elem_type;  /* tables: wa_valtype */
  uint32_t func_type;       /* functions: type index */
  wa_limits limits;         /* tables and memories */
  void *host_thunk;         /* functions: the native-signature thunk for a
                               host implementation (see wa_host_func) */
} wa_import;

typedef struct wa_export {
  const char *name;         /* name_len bytes and a terminator (see above) */
  uint32_t name_len;
  uint8_t kind;             /* wa_extern_kind */
  uint8_t pad[3];
  uint32_t index;           /* in the index space of its kind */
  uint32_t pad2;
  wa_entry_fn entry;        /* functions: the entry wrapper */
} wa_export;

typedef struct wa_table_def {
  uint8_t elem_type;
  uint8_t pad[7];
  wa_limits limits;
} wa_table_def;

typedef struct wa_global_def {
  uint8_t type;
  uint8_t mutable_;
  uint8_t pad[6];
} wa_global_def;

typedef struct wa_data_segment {
  const uint8_t *bytes;
  uint32_t size;
  uint8_t active;           /* else passive */
  uint8_t pad[3];
  uint32_t memory;
  uint32_t pad2;
} wa_data_segment;

typedef struct wa_elem_segment {
  uint32_t size;            /* number of items */
  uint8_t mode;             /* 0 active, 1 passive, 2 declarative */
  uint8_t elem_type;
  uint8_t pad[2];
  uint32_t table;
  uint32_t pad2;
} wa_elem_segment;

/* Constant expressions (global initialisers, segment offsets, element
 * items) are compiled into these functions rather than interpreted. */
typedef struct wa_module_init {
  /* Writes the initial value of every defined global into its cell. */
  void (*init_globals)(wa_instance *instance);
  /* The offset of active element segment `segment` (table index type). */
  uint64_t (*elem_offset)(wa_instance *instance, uint32_t segment);
  /* The offset of active data segment `segment`. */
  uint64_t (*data_offset)(wa_instance *instance, uint32_t segment);
  /* Writes the items of element segment `segment` to `out`. */
  void (*elem_items)(wa_instance *instance, uint32_t segment, void **out);
} wa_module_init;

/* ---- The site map: native code back to the module's instructions ----
 *
 * A fault (a guard-page hit) is known only by its native PC. The site map
 * says which instruction of the module the code at that PC was compiled
 * from, for trap reports. The compiler writes it after code generation into
 * the section WA_SITE_MAP_SECTION of the object, from the line table the
 * code generator produced for it (docs/abi.md). Only code that can fault is
 * mapped as instructions: guest memory accesses, in guard mode. A module
 * compiled with explicit bounds checks has an empty map (nothing faults).
 *
 * The header is followed by arrays of uint32_t:
 *   body_start[num_funcs]    module offset of each defined function's body,
 *                            ascending
 *   code_size[num_funcs]     bytes of native code of each defined function,
 *                            from func_code[i]
 *   rows_start[num_funcs + 1] the rows of defined function i are the bytes
 *                            rows_start[i] .. rows_start[i + 1] - 1 of the
 *                            row stream
 * and then by the row stream (rows_size bytes). A function's rows say what
 * its code is, from a code offset (from func_code[i]) up to the next row's;
 * each is two ULEB128 numbers:
 *   the code offset, as the distance from the previous row's (from 0 for
 *   the first row);
 *   what the code is: 0 nothing known beyond the function itself; 1 code of
 *   another function, inlined, whose defined index follows as a third
 *   ULEB128 number; n >= 2 the instruction at module offset
 *   p + zigzag(n - 2), where p is the module offset of the previous
 *   instruction row of this function (body_start[i] for the first) and
 *   zigzag(z) = (z >> 1) ^ -(z & 1).
 * Code before the first row is nothing known. num_funcs is 0 when there is
 * no map (an object written as assembly). */
#define WA_SITE_MAP_SECTION ".wasm_aot.sites"
#define WA_SITE_MAP_MAGIC 0x70616d73u /* "smap", little-endian */
#define WA_SITE_MAP_VERSION 1u

typedef struct wa_site_map {
  uint32_t magic;
  uint32_t version;
  uint32_t num_funcs;
  uint32_t rows_size; /* bytes of the row stream */
} wa_site_map;

/* wa_module.checks: what the compiled code checks besides wasm's own
 * traps, chosen at compile time (wasm-aot compile --meter-fuel,
 * --interruptible). */
enum wa_module_checks {
  WA_CHECKS_FUEL = 1u << 0,      /* consumes the store's fuel */
  WA_CHECKS_INTERRUPT = 1u << 1, /* stops when the store is interrupted */
};

typedef struct wa_module {
  uint32_t abi_version;     /* WA_ABI_VERSION */
  uint32_t num_types;
  const wa_func_type *types;
  uint32_t num_imports;
  uint32_t num_exports;
  const wa_import *imports;
  const wa_export *exports;
  uint32_t num_funcs;       /* defined functions */
  uint32_t num_tables;      /* defined tables */
  void *const *func_code;   /* native code of each defined function */
  const uint32_t *func_types; /* type index of each defined function */
  const wa_table_def *tables;
  uint32_t num_memories;    /* defined memories */
  uint32_t num_globals;     /* defined globals */
  const wa_limits *memories;
  const wa_global_def *globals;
  uint32_t num_data;
  uint32_t num_elems;
  const wa_data_segment *data;
  const wa_elem_segment *elems;
  uint32_t has_start;
  uint32_t start;           /* function index */
  wa_module_init init;
  uint8_t bounds_checks;    /* 0 guard pages, 1 explicit checks */
  uint8_t checks;           /* wa_module_checks bits: what the code counts */
  uint8_t pad[6];
  /* The name-section name of each defined function (null: it has none),
   * for trap messages; null when the module names no function. */
  const char *const *func_names;
  /* Where native code came from (see wa_site_map); null: unknown. */
  const wa_site_map *site_map;
} wa_module;


/* The runtime entry points compiled code calls. */
__attribute__((noreturn)) void wa_trap(uint32_t code);
/* wa_trap from a known site: function `func` (index space, imports first)
 * at byte `offset` of the module file (the trapping instruction). Every
 * trap check in compiled code calls this from its own cold block. */
__attribute__((noreturn)) void wa_trap_at(uint32_t code, uint32_t func,
                                          uint32_t offset);
int32_t wa_memory_grow(wa_instance *instance, uint32_t memory, uint32_t delta);
/* The bulk operations below trap when a range is out of bounds. Compiled
 * code passes the site of the instruction (`func`, `offset`, as for
 * wa_trap_at) for the trap report; WA_NO_SITE as `func` means none. */
#define WA_NO_SITE 0xFFFFFFFFu
void wa_memory_init(wa_instance *instance, uint32_t memory, uint32_t segment,
                    uint32_t dst, uint32_t src, uint32_t n, uint32_t func,
                    uint32_t offset);
void wa_memory_copy(wa_instance *instance, uint32_t dst_memory,
                    uint32_t src_memory, uint32_t dst, uint32_t src,
                    uint32_t n, uint32_t func, uint32_t offset);
void wa_memory_fill(wa_instance *instance, uint32_t memory, uint32_t dst,
                    uint32_t value, uint32_t n, uint32_t func,
                    uint32_t offset);
void wa_data_drop(wa_instance *instance, uint32_t segment);
int32_t wa_table_grow(wa_instance *instance, uint32_t table, void *init,
                      uint32_t delta);
void wa_table_fill(wa_instance *instance, uint32_t table, uint32_t dst,
                   void *value, uint32_t n, uint32_t func, uint32_t offset);
void wa_table_copy(wa_instance *instance, uint32_t dst_table,
                   uint32_t src_table, uint32_t dst, uint32_t src, uint32_t n,
                   uint32_t func, uint32_t offset);
void wa_table_init(wa_instance *instance, uint32_t table, uint32_t segment,
                   uint32_t dst, uint32_t src, uint32_t n, uint32_t func,
                   uint32_t offset);
void wa_elem_drop(wa_instance *instance, uint32_t segment);

#ifdef __cplusplus
} /* extern "C" */

/* The layout compiled code depends on. */
static_assert(sizeof(wa_value) == 16, "wa_value");
static_assert(sizeof(wa_func) == 24 && offsetof(wa_func, code) == 0 &&
                  offsetof(wa_func, instance) == 8 &&
                  offsetof(wa_func, type_id) == 16,
              "wa_func layout");
static_assert(offsetof(wa_memory, base) == 0 && offsetof(wa_memory, size) == 8,
              "wa_memory layout");
static_assert(offsetof(wa_table, elements) == 0 &&
                  offsetof(wa_table, size) == 8,
              "wa_table layout");
static_assert(offsetof(wa_instance, memory0) == 0 &&
                  offsetof(wa_instance, stack_limit) == 8 &&
                  offsetof(wa_instance, memories) == 16 &&
                  offsetof(wa_instance, tables) == 24 &&
                  offsetof(wa_instance, globals) == 32 &&
                  offsetof(wa_instance, funcs) == 40 &&
                  offsetof(wa_instance, type_ids) == 48 &&
                  offsetof(wa_instance, data_sizes) == 56 &&
                  offsetof(wa_instance, elem_sizes) == 64 &&
                  offsetof(wa_instance, fuel) == 72 &&
                  offsetof(wa_instance, interrupt) == 80 &&
                  offsetof(wa_instance, memory0_base) == 88 &&
                  offsetof(wa_instance, module) == 96,
              "wa_instance layout");
static_assert(offsetof(wa_import, module_len) == 16 &&
                  offsetof(wa_import, name_len) == 20 &&
                  offsetof(wa_import, kind) == 24 &&
                  offsetof(wa_import, host_thunk) == 56 &&
                  sizeof(wa_import) == 64,
              "wa_import layout");
static_assert(offsetof(wa_export, name_len) == 8 &&
                  offsetof(wa_export, kind) == 12 &&
                  offsetof(wa_export, index) == 16 &&
                  offsetof(wa_export, entry) == 24 && sizeof(wa_export) == 32,
              "wa_export layout");
static_assert(offsetof(wa_module, func_names) == 168 &&
                  offsetof(wa_module, site_map) == 176 &&
                  sizeof(wa_module) == 184,
              "wa_module layout");
#else
_Static_assert(sizeof(wa_value) == 16, "wa_value");
_Static_assert(offsetof(wa_instance, memory0_base) == 88 &&
                   offsetof(wa_instance, module) == 96,
               "wa_instance layout");
_Static_assert(sizeof(wa_import) == 64 && sizeof(wa_export) == 32,
               "descriptor name layout");
#endif

#endif /* WASM_AOT_ABI_H */
