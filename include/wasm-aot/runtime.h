/*===- runtime.h - Embedding API of the wasm-aot runtime ---------*- C -*-===*
 *
 * How a host program instantiates compiled modules (their `wa_module`
 * descriptors, see abi.h), links them with each other and with host
 * functions, memories, tables and globals, and calls their exports.
 *
 * Objects live in a store (wa_store). Every instance, memory, table, global
 * and function belongs to exactly one store and lives until the store is
 * freed; objects of different stores cannot be linked. A store is used by
 * one thread at a time (different stores may run on different threads).
 *
 * Nothing here reports failure by crashing: instantiation fails with a
 * wa_error, a call ends with a wa_result, accessors return false or -1.
 * Pointers the runtime did not hand out cannot be checked and must not be
 * passed in. docs/abi.md describes the design.
 *===----------------------------------------------------------------------===*/
#ifndef WASM_AOT_RUNTIME_H
#define WASM_AOT_RUNTIME_H

#include "wasm-aot/abi.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wa_store wa_store;
typedef struct wa_function wa_function; /* an exported or host function */
typedef struct wa_global wa_global;
/* Instances, memories and tables are the ABI structs of abi.h
 * (wa_instance, wa_memory, wa_table): a pointer the runtime handed out is
 * the handle. */

/* ---- Errors and traps ---- */

typedef enum wa_error_kind {
  WA_ERROR_NONE = 0,
  WA_ERROR_LINK = 1,     /* an import is missing or does not match:
                            "unknown import", "incompatible import type" */
  WA_ERROR_TRAP = 2,     /* instantiation trapped (a segment out of bounds,
                            the start function); `trap` says which */
  WA_ERROR_RESOURCE = 3, /* out of memory or address space, or beyond a
                            limit the embedder set */
  WA_ERROR_MODULE = 4,   /* the descriptor is broken (ABI version, an index
                            out of range): a compiler or loader bug */
  WA_ERROR_MISUSE = 5,   /* an API argument is wrong (null, wrong store) */
} wa_error_kind;

/* What went wrong, as a value. `message` starts with the wording the spec
 * test suite expects ("unknown import", "incompatible import type", a
 * trap message from traps.def), followed by details. */
typedef struct wa_error {
  wa_error_kind kind;
  uint32_t trap; /* a wa_trap_code when kind is WA_ERROR_TRAP, else 0 */
  char message[256];
} wa_error;

/* The message of a trap code from traps.def ("out of bounds memory
 * access", ...), "unknown trap" for anything else. Never null. */
const char *wa_trap_message(uint32_t code);

/* Where a trap happened, for reporting. */
typedef struct wa_trap_site {
  bool has_function; /* func is known */
  bool has_offset;   /* offset is known */
  uint32_t func;     /* function index (index space, imports first) */
  uint32_t offset;   /* byte offset of the trapping instruction in the
                        module file */
  const char *name;  /* the function's name-section name, or null */
} wa_trap_site;

/* Where the latest trap on the calling thread happened, when `module` is
 * the module that trapped. A check compiled into the code names its
 * function and instruction. A fault (a guard-page hit, a stack overflow)
 * and a trap in a bulk memory or table operation are known by a PC, which
 * the module's site map (abi.h, wa_site_map) resolves to the instruction
 * and the function it belongs to, also when that was inlined into another;
 * code the map says nothing about (a load the code generator folded into
 * another instruction, a stack overflow in a prologue) gives the function
 * only. A trap raised by a host function has no site. False when nothing
 * is known; *site is filled either way. */
bool wa_last_trap_site(const wa_module *module, wa_trap_site *site);

/* ---- Stores ---- */

/* Limits a store applies to what is created in it after they are set. */
typedef struct wa_store_limits {
  /* The most pages any memory may have (min and growth); at most 65536,
   * the default. */
  uint64_t max_memory_pages;
  /* The most elements any table may have; default 10,000,000. */
  uint32_t max_table_elements;
  /* Stack bytes compiled code may use below the outermost call into the
   * store before it traps with "call stack exhausted"; default 512 KiB.
   * The runtime also keeps 64 KiB above the low end of the thread's stack
   * for host functions and itself, whatever the budget. */
  size_t stack_budget;
} wa_store_limits;

/* Fills `limits` with the defaults. */
void wa_store_limits_default(wa_store_limits *limits);

/* Creates a store with the given limits (null: the defaults). Installs
 * the process's fault handler on first use. Returns null when out of
 * memory or when the fault handler cannot be installed. */
wa_store *wa_store_new(const wa_store_limits *limits);

/* Frees the store and everything in it: instances, memories (their
 * address space), tables, globals, functions. Called during a call into
 * the store (from a host function), the free is deferred until the
 * outermost call returns. Null is ignored. */
void wa_store_free(wa_store *store);

/* Changes the store's limits for objects created from now on (existing
 * memories and tables keep their effective maximum; the stack budget
 * applies from the next outermost call). False if a value is out of
 * range (max_memory_pages > 65536). */
bool wa_store_set_limits(wa_store *store, const wa_store_limits *limits);

/* The store's current limits. */
void wa_store_get_limits(const wa_store *store, wa_store_limits *limits);

/* ---- Fuel and interrupts ----
 * Code compiled with --meter-fuel (wa_module.checks & WA_CHECKS_FUEL)
 * spends one unit of the store's fuel per wasm instruction it executes and
 * traps with WA_TRAP_FuelExhausted at the first function entry or loop
 * header after the fuel ran out (docs/abi.md says exactly when). A new
 * store has unlimited fuel (INT64_MAX units). Code compiled with
 * --interruptible (WA_CHECKS_INTERRUPT) traps with WA_TRAP_Interrupted at
 * its next function entry or loop header once the store is interrupted.
 * Code compiled without either flag ignores both. */

/* Sets the fuel left to `fuel` units (at most INT64_MAX). False for a bad
 * store. */
bool wa_store_set_fuel(wa_store *store, uint64_t fuel);
/* Adds `fuel` units to what is left, saturating at INT64_MAX. */
bool wa_store_add_fuel(wa_store *store, uint64_t fuel);
/* The fuel left; 0 once it has run out. */
uint64_t wa_store_fuel(const wa_store *store);
/* Stops the code running in the store: safe from any thread, including a
 * signal handler. The call it stops returns WA_TRAPPED with
 * WA_TRAP_Interrupted, and the request is then spent; made while nothing
 * runs, it stops the next call at its first check. */
void wa_store_interrupt(wa_store *store);

/* ---- Externals: what imports and exports carry ---- */

typedef struct wa_extern {
  uint8_t kind; /* wa_extern_kind */
  union {
    wa_function *func;
    wa_table *table;
    wa_memory *memory;
    wa_global *global;
  } of;
} wa_extern;

/* Names.
 *
 * WebAssembly names (import module and field names, export names) are
 * UTF-8 byte strings that may contain NUL bytes. Every function here that
 * takes a name as a plain `const char *` takes a C string: the name is the
 * bytes before its first NUL, so it can never match a name that contains
 * NUL. The `_n` forms take the name as (pointer, length): exactly `length`
 * bytes, NUL bytes included, with no terminator required. Both kinds of
 * lookup compare whole names byte for byte. */

/* One import the embedder offers, by the two-level name the module asks
 * for, as C strings (see "Names"); for wa_instantiate. */
typedef struct wa_import_binding {
  const char *module;
  const char *name;
  wa_extern value;
} wa_import_binding;

/* The same with byte-string names (see "Names"): `module_len` bytes at
 * `module` and `name_len` bytes at `name`; for wa_instantiate_n. */
typedef struct wa_import_binding_n {
  const char *module;
  size_t module_len;
  const char *name;
  size_t name_len;
  wa_extern value;
} wa_import_binding_n;

/* ---- Instances ---- */

/* Instantiates `module` in `store`, resolving each of its imports to the
 * first binding in `imports[0..num_imports)` with the same module and
 * name (whole names, byte for byte; see "Names"). Runs the spec's instantiation: import checks, allocation, global
 * initialisers, active element segments then active data segments in
 * order (each bounds-checked, then dropped; declarative element segments
 * dropped), then the start function.
 *
 * On success stores the instance in *instance and returns true. On
 * failure returns false, stores null and fills *error (if not null). A
 * trap during segment initialisation or the start function keeps what was
 * already written to imported tables and memories, as the spec requires;
 * the instance is then not returned but stays in the store until it is
 * freed, since those tables may reference its functions.
 *
 * The descriptor, the code it points to and the strings in `imports` must
 * stay valid (loaded) for the store's lifetime; imports only during the
 * call. */
bool wa_instantiate(wa_store *store, const wa_module *module,
                    const wa_import_binding *imports, size_t num_imports,
                    wa_instance **instance, wa_error *error);

/* wa_instantiate with byte-string names in the bindings, for imports
 * whose names may contain NUL bytes. A binding with a null pointer and a
 * nonzero length is a misuse. */
bool wa_instantiate_n(wa_store *store, const wa_module *module,
                      const wa_import_binding_n *imports, size_t num_imports,
                      wa_instance **instance, wa_error *error);

/* Looks up the export `name` (a C string). Returns false if there is
 * none. Function exports of imported functions return the imported
 * function itself, as do re-exported tables, memories and globals. */
bool wa_instance_export(wa_instance *instance, const char *name,
                        wa_extern *out);

/* wa_instance_export with the byte-string name of `name_len` bytes at
 * `name` (null only when name_len is 0). */
bool wa_instance_export_n(wa_instance *instance, const char *name,
                          size_t name_len, wa_extern *out);

/* The number of exports, and export `index` in declaration order. False
 * when index is out of range. wa_instance_export_at stores the name in
 * *name (NUL-terminated; cut short for a name that contains NUL);
 * wa_instance_export_at_n also stores its length in bytes in *name_len.
 * `name` and `name_len` may be null. */
size_t wa_instance_export_count(const wa_instance *instance);
bool wa_instance_export_at(wa_instance *instance, size_t index,
                           const char **name, wa_extern *out);
bool wa_instance_export_at_n(wa_instance *instance, size_t index,
                             const char **name, size_t *name_len,
                             wa_extern *out);

/* The store an instance belongs to. */
wa_store *wa_instance_store(const wa_instance *instance);

/* ---- Calls ---- */

typedef enum wa_status {
  WA_OK = 0,      /* the function returned; results were written */
  WA_TRAPPED = 1, /* it trapped; `trap` and `message` say how */
  WA_FAILED = 2,  /* it never ran: wrong argument or result count, no
                     entry wrapper, store busy on another thread, ... */
} wa_status;

typedef struct wa_result {
  wa_status status;
  uint32_t trap;       /* a wa_trap_code when status is WA_TRAPPED */
  const char *message; /* null for WA_OK; otherwise a static string */
} wa_result;

/* Calls `func` with `args[0..num_args)` and writes its results to
 * `results[0..num_results)`. The counts must equal the function type's
 * parameter and result counts; each value must be of the type the
 * function type says (the union cannot be checked). funcref values are
 * wa_func pointers (see wa_function_ref), externref values are opaque.
 *
 * The outermost call into a store sets every instance's stack limit to
 * the stack budget below the current stack address. Calls may nest: a
 * host function may call back into the store; a trap unwinds only to the
 * innermost call, whose caller sees WA_TRAPPED. */
wa_result wa_call(wa_function *func, const wa_value *args, size_t num_args,
                  wa_value *results, size_t num_results);

/* wa_call on the function export `name` of `instance`; WA_FAILED if there
 * is no such function export. */
wa_result wa_call_export(wa_instance *instance, const char *name,
                         const wa_value *args, size_t num_args,
                         wa_value *results, size_t num_results);

/* wa_call_export with the byte-string name of `name_len` bytes at `name`. */
wa_result wa_call_export_n(wa_instance *instance, const char *name,
                           size_t name_len, const wa_value *args,
                           size_t num_args, wa_value *results,
                           size_t num_results);

/* ---- Functions ---- */

/* Creates a host function of type `type` (copied) that runs
 * callback(env, values): it reads the arguments from values[0..params),
 * writes the results to values[0..results), and returns 0, or a trap code
 * to make the caller trap (codes not in traps.def become
 * WA_TRAP_HostError). The callback must return rather than unwind (no
 * longjmp, no C++ exception through compiled code); it may call into the
 * store. Null on failure (see *error). */
wa_function *wa_host_function_new(wa_store *store, const wa_func_type *type,
                                  wa_host_fn callback, void *env,
                                  wa_error *error);

/* The function's type (canonical, valid for the process lifetime). */
const wa_func_type *wa_function_type(const wa_function *func);

/* The funcref value of the function, to pass as an argument or store in a
 * table. Null for a host function no module has imported yet (it has no
 * native-signature code until then). */
wa_func *wa_function_ref(wa_function *func);

/* ---- Memories ---- */

typedef enum wa_memory_mode {
  /* An 8 GiB reservation whose base never moves; out-of-bounds accesses
   * hit inaccessible pages. Required by modules compiled without bounds
   * checks; usable by every module. */
  WA_MEMORY_GUARD = 0,
  /* A heap buffer exactly as large as the memory; the base moves on
   * growth. Only modules compiled with explicit bounds checks accept it. */
  WA_MEMORY_EXPLICIT = 1,
} wa_memory_mode;

/* Creates a memory of limits->min pages (max: limits->max if has_max).
 * Null on failure (see *error). */
wa_memory *wa_memory_new(wa_store *store, const wa_limits *limits,
                         wa_memory_mode mode, wa_error *error);

/* The memory's bytes (in explicit mode, valid until it grows). */
uint8_t *wa_memory_data(const wa_memory *memory);
/* Its size in bytes, and in pages. */
uint64_t wa_memory_size(const wa_memory *memory);
uint64_t wa_memory_pages(const wa_memory *memory);
/* Grows by `delta` pages, zero-filled. Returns the old page count, or -1
 * if it would exceed the maximum or memory is short. */
int64_t wa_memory_grow_pages(wa_memory *memory, uint64_t delta);
/* Copies out of / into the memory; false (nothing copied) when
 * [offset, offset + n) is not inside it. */
bool wa_memory_read(const wa_memory *memory, uint64_t offset, void *dst,
                    size_t n);
bool wa_memory_write(wa_memory *memory, uint64_t offset, const void *src,
                     size_t n);
wa_memory_mode wa_memory_get_mode(const wa_memory *memory);

/* ---- Tables ---- */

/* Creates a table of elem_type (WA_FUNCREF or WA_EXTERNREF) with
 * limits->min elements, each `init`. Null on failure (see *error). */
wa_table *wa_table_new(wa_store *store, uint8_t elem_type,
                       const wa_limits *limits, void *init, wa_error *error);

uint32_t wa_table_size(const wa_table *table);
/* Reads / writes element `index`; false when out of bounds. */
bool wa_table_get(const wa_table *table, uint32_t index, void **ref);
bool wa_table_set(wa_table *table, uint32_t index, void *ref);
/* Grows by `delta` elements set to `init`. Returns the old size, or -1. */
int64_t wa_table_grow_elements(wa_table *table, uint32_t delta, void *init);

/* ---- Globals ---- */

/* Creates a global of `type` (a wa_valtype), mutable or not, holding
 * `value`. Null on failure (see *error). */
wa_global *wa_global_new(wa_store *store, uint8_t type, bool mutable_,
                         wa_value value, wa_error *error);

wa_value wa_global_get(const wa_global *global);
/* False (nothing written) for an immutable global. */
bool wa_global_set(wa_global *global, wa_value value);
uint8_t wa_global_type(const wa_global *global);
bool wa_global_is_mutable(const wa_global *global);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* WASM_AOT_RUNTIME_H */
