/*===- internal.h - The runtime's private structures -------------*- C -*-===*
 *
 * Every object handed to the embedder or to compiled code is an ABI struct
 * (abi.h) placed first in a runtime record, so a pointer to one is a
 * pointer to the other. Records carry a magic number and their store so the
 * API can reject objects of another store or of the wrong kind.
 *===----------------------------------------------------------------------===*/
#ifndef WASM_AOT_RUNTIME_INTERNAL_H
#define WASM_AOT_RUNTIME_INTERNAL_H

#include "wasm-aot/abi.h"
#include "wasm-aot/runtime.h"

#include "platform/platform.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Thread-locals the fault handler reads must not allocate on first use,
 * which initial-exec guarantees even when the runtime is in a shared
 * object. */
#define WA_RT_THREAD_LOCAL _Thread_local __attribute__((tls_model("initial-exec")))

#define WA_RT_MAGIC_STORE 0x53544f52u    /* "STOR" */
#define WA_RT_MAGIC_INSTANCE 0x494e5354u /* "INST" */
#define WA_RT_MAGIC_MEMORY 0x4d454d4fu   /* "MEMO" */
#define WA_RT_MAGIC_TABLE 0x5441424cu    /* "TABL" */
#define WA_RT_MAGIC_GLOBAL 0x474c4f42u   /* "GLOB" */
#define WA_RT_MAGIC_FUNCTION 0x46554e43u /* "FUNC" */

#define WA_RT_MAX_PAGES UINT64_C(65536)
#define WA_RT_DEFAULT_MAX_TABLE_ELEMENTS 10000000u
#define WA_RT_DEFAULT_STACK_BUDGET ((size_t)512 * 1024)
/* Kept free above the low end of the thread's stack for host functions
 * and the runtime, whatever the budget says. */
#define WA_RT_STACK_MARGIN ((uintptr_t)64 * 1024)
/* Address space reserved beyond WA_GUARD_RESERVATION so that an access of
 * up to 16 bytes starting anywhere below 8 GiB still faults inside the
 * reservation. One wasm page keeps the size page-aligned everywhere. */
#define WA_RT_GUARD_TAIL ((uint64_t)WA_PAGE_SIZE)

/* ---- Objects ---- */

typedef struct wa_rt_memory {
  wa_memory abi; /* first: a wa_memory* is a wa_rt_memory* */
  uint32_t magic;
  uint8_t mode;    /* wa_memory_mode */
  uint8_t has_max; /* as declared, for import matching */
  uint64_t declared_max;
  wa_store *store;
  struct wa_rt_memory *next; /* the store's list of host memories */
} wa_rt_memory;

typedef struct wa_rt_table {
  wa_table abi; /* first */
  uint32_t magic;
  uint64_t declared_max; /* valid if abi.has_max */
  wa_store *store;
  struct wa_rt_table *next;
} wa_rt_table;

struct wa_global {
  wa_value cell; /* first: instance->globals[i] points here */
  uint32_t magic;
  uint8_t type;
  uint8_t mutable_;
  wa_store *store;
  struct wa_global *next;
};

struct wa_function {
  uint32_t magic;
  bool is_host;
  uint32_t type_id;
  const wa_func_type *type; /* canonical */
  wa_store *store;
  /* The ABI record: &instance->funcs[i] of the defining instance, or
   * &own for a host function. */
  wa_func *func;
  wa_entry_fn entry;     /* compiled functions: the export's wrapper */
  wa_func own;           /* host functions: code is the first importer's
                            thunk, instance is &host */
  wa_host_func host;
  struct wa_function *next;
};

typedef struct wa_rt_instance {
  wa_instance abi; /* first; abi.runtime points back here */
  uint32_t magic;
  wa_store *store;
  struct wa_rt_instance *next; /* every instance of the store */
  bool live; /* instantiation finished; failed ones are kept, not used */
  /* Whole index spaces (imports first), and how many are imported. */
  uint32_t num_funcs, num_tables, num_memories, num_globals;
  uint32_t imported_funcs, imported_tables, imported_memories,
      imported_globals;
  /* Per function index: the import's provider, or the instance's own
   * handle for exported defined functions, else null. */
  wa_function **func_handles;
  /* Items of each element segment, evaluated at instantiation. */
  void ***elem_items;
  struct wa_global *own_globals; /* array of the defined globals */
} wa_rt_instance;

struct wa_store {
  uint32_t magic;
  wa_store_limits limits;
  wa_rt_instance *instances;
  wa_rt_memory *host_memories;
  wa_rt_table *host_tables;
  struct wa_global *host_globals;
  struct wa_function *host_functions;
  /* Calls: the thread running in the store, nesting depth, the stack
   * limit set by the outermost call. */
  _Atomic(const void *) owner;
  uint32_t depth;
  uintptr_t stack_limit;
  bool free_pending;
  /* What code compiled with fuel metering has left to run (may go below
   * zero by what it ran since its last check); every instance points at
   * it. INT64_MAX until the host sets it. */
  int64_t fuel;
  /* Nonzero: interruptible code traps at its next check. Set from any
   * thread (wa_store_interrupt); cleared when a call ends with that trap. */
  _Atomic uint32_t interrupt;
};

static inline wa_rt_instance *wa_rt_instance_of(const wa_instance *inst) {
  return (wa_rt_instance *)inst->runtime;
}

/* True if `inst` looks like an instance handed out by the runtime. */
bool wa_rt_instance_valid(const wa_instance *inst);
bool wa_rt_memory_valid(const wa_memory *mem);
bool wa_rt_table_valid(const wa_table *table);

/* ---- Errors ---- */

void wa_rt_error(wa_error *error, wa_error_kind kind, uint32_t trap,
                 const char *format, ...)
    __attribute__((format(printf, 4, 5)));

/* ---- Canonical types (types.c) ---- */

/* The process-wide id of a function type, adding it if new. Equal types
 * get equal ids. Returns false when out of memory or the type is
 * malformed. *canonical (if not null) receives the registry's copy. */
bool wa_rt_type_intern(const wa_func_type *type, uint32_t *id,
                       const wa_func_type **canonical);
/* The registry's copy of type `id`, or null. */
const wa_func_type *wa_rt_type_get(uint32_t id);
bool wa_rt_valtype_valid(uint8_t type);

/* ---- Memories (memory.c) ---- */

/* Creates a memory record with limits (in pages) clamped to the store's
 * limit; not linked into any list. */
wa_rt_memory *wa_rt_memory_create(wa_store *store, uint64_t min,
                                  uint64_t max, bool has_max,
                                  wa_memory_mode mode, wa_error *error);
void wa_rt_memory_destroy(wa_rt_memory *mem);
/* Grows by delta pages. Returns the old page count or -1. */
int64_t wa_rt_memory_grow(wa_rt_memory *mem, uint64_t delta);

/* ---- Tables (table.c) ---- */

wa_rt_table *wa_rt_table_create(wa_store *store, uint8_t elem_type,
                                uint64_t min, uint64_t max, bool has_max,
                                void *init, wa_error *error);
void wa_rt_table_destroy(wa_rt_table *table);
int64_t wa_rt_table_grow(wa_rt_table *table, uint32_t delta, void *init);

/* ---- Instances (instance.c) ---- */

void wa_rt_instance_destroy(wa_rt_instance *inst);

/* ---- Stores and calls (store.c, call.c) ---- */

/* Enters / leaves a call into the store on this thread. Entering fails (with
 * a reason) when another thread is running in the store or the thread
 * cannot get a signal stack. The outermost entry sets every instance's
 * stack limit; leaving the outermost call runs a deferred free. */
bool wa_rt_store_enter(wa_store *store, const char **why);
void wa_rt_store_leave(wa_store *store);
/* Spends a pending interrupt (trap.c, when it has stopped a call). */
void wa_rt_store_clear_interrupt(wa_store *store);

/* ---- Traps (trap.c) ---- */

/* The outcome of wa_rt_run_protected when the call could not start. */
#define WA_RT_NOT_STARTED UINT32_MAX

/* Runs fn(arg) as a call into `store`, catching traps. Returns
 * WA_TRAP_NONE, the trap code, or WA_RT_NOT_STARTED (*why says why). */
uint32_t wa_rt_run_protected(wa_store *store, void (*fn)(void *), void *arg,
                             const char **why);

/* Makes [base, base + size) a guard region: faults in it during a call
 * are out-of-bounds traps. False when out of memory. */
bool wa_rt_guard_register(uintptr_t base, uint64_t size);
void wa_rt_guard_unregister(uintptr_t base);

/* Records the low end of the calling thread's stack (0: unknown) for the
 * fault handler, which maps faults just below it to "call stack
 * exhausted". */
void wa_rt_note_stack_low(uintptr_t low);

/* True for the codes of traps.def. */
bool wa_rt_trap_known(uint32_t code);

/* Traps with `code` if the current thread is in a call; otherwise a fatal
 * error (compiled code run outside wa_call). The trap has no site. */
__attribute__((noreturn)) void wa_rt_trap(uint32_t code);

/* A trap at the site compiled code passed to a bulk operation, or without
 * one when `func` is WA_NO_SITE (the runtime's own calls). */
__attribute__((noreturn)) void wa_rt_trap_at_site(uint32_t code,
                                                  uint32_t func,
                                                  uint32_t offset);

#endif /* WASM_AOT_RUNTIME_INTERNAL_H */
