/*===- store.c - Stores: ownership, limits, entering and leaving -*- C -*-===*
 *
 * A store owns every object created in it and frees them together, which
 * is what makes cross-instance references (a funcref of instance A in a
 * table of instance B, B's imported memory) safe without reference
 * counting.
 *
 * Entering a store is what every call does first. The outermost entry on
 * a thread claims the store for that thread and sets the stack limit that
 * compiled code checks: `stack_budget` bytes below the current stack
 * address, but never closer than WA_RT_STACK_MARGIN to the low end of the
 * thread's stack. Nested entries (host functions calling back in) keep the
 * outer limit, so re-entry cannot extend the budget.
 *===----------------------------------------------------------------------===*/
#include "core/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A unique address per live thread. */
static _Thread_local char thread_token;

void wa_rt_error(wa_error *error, wa_error_kind kind, uint32_t trap,
                 const char *format, ...) {
  if (error == NULL)
    return;
  error->kind = kind;
  error->trap = trap;
  va_list args;
  va_start(args, format);
  int n = vsnprintf(error->message, sizeof error->message, format, args);
  va_end(args);
  if (n < 0)
    error->message[0] = '\0';
}

void wa_store_limits_default(wa_store_limits *limits) {
  if (limits == NULL)
    return;
  limits->max_memory_pages = WA_RT_MAX_PAGES;
  limits->max_table_elements = WA_RT_DEFAULT_MAX_TABLE_ELEMENTS;
  limits->stack_budget = WA_RT_DEFAULT_STACK_BUDGET;
}

static bool limits_valid(const wa_store_limits *limits) {
  return limits->max_memory_pages <= WA_RT_MAX_PAGES;
}

static bool store_valid(const wa_store *store) {
  return store != NULL && store->magic == WA_RT_MAGIC_STORE;
}

wa_store *wa_store_new(const wa_store_limits *limits) {
  wa_store_limits chosen;
  wa_store_limits_default(&chosen);
  if (limits != NULL) {
    if (!limits_valid(limits))
      return NULL;
    chosen = *limits;
  }
  if (!wa_plat_install_fault_handler())
    return NULL;
  wa_store *store = (wa_store *)calloc(1, sizeof *store);
  if (store == NULL)
    return NULL;
  store->magic = WA_RT_MAGIC_STORE;
  store->limits = chosen;
  atomic_init(&store->owner, NULL);
  store->fuel = INT64_MAX;
  atomic_init(&store->interrupt, 0);
  return store;
}

/* ---- Fuel and interrupts ---- */

bool wa_store_set_fuel(wa_store *store, uint64_t fuel) {
  if (!store_valid(store))
    return false;
  store->fuel = fuel > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)fuel;
  return true;
}

bool wa_store_add_fuel(wa_store *store, uint64_t fuel) {
  if (!store_valid(store))
    return false;
  /* Saturating: what is left may be below zero, and the sum never wraps. */
  int64_t left = store->fuel;
  if (fuel > (uint64_t)INT64_MAX || left > INT64_MAX - (int64_t)fuel)
    store->fuel = INT64_MAX;
  else
    store->fuel = left + (int64_t)fuel;
  return true;
}

uint64_t wa_store_fuel(const wa_store *store) {
  if (!store_valid(store) || store->fuel < 0)
    return 0;
  return (uint64_t)store->fuel;
}

void wa_store_interrupt(wa_store *store) {
  if (store_valid(store))
    atomic_store(&store->interrupt, 1u);
}

void wa_rt_store_clear_interrupt(wa_store *store) {
  atomic_store(&store->interrupt, 0u);
}

static void store_destroy(wa_store *store) {
  wa_rt_instance *inst = store->instances;
  while (inst != NULL) {
    wa_rt_instance *next = inst->next;
    wa_rt_instance_destroy(inst);
    inst = next;
  }
  wa_rt_memory *mem = store->host_memories;
  while (mem != NULL) {
    wa_rt_memory *next = mem->next;
    wa_rt_memory_destroy(mem);
    mem = next;
  }
  wa_rt_table *table = store->host_tables;
  while (table != NULL) {
    wa_rt_table *next = table->next;
    wa_rt_table_destroy(table);
    table = next;
  }
  struct wa_global *global = store->host_globals;
  while (global != NULL) {
    struct wa_global *next = global->next;
    global->magic = 0;
    free(global);
    global = next;
  }
  struct wa_function *func = store->host_functions;
  while (func != NULL) {
    struct wa_function *next = func->next;
    func->magic = 0;
    free(func);
    func = next;
  }
  store->magic = 0;
  free(store);
}

void wa_store_free(wa_store *store) {
  if (!store_valid(store))
    return;
  const void *owner = atomic_load(&store->owner);
  if (owner == &thread_token) {
    /* Called from a host function: the frames below still use it. */
    store->free_pending = true;
    return;
  }
  if (owner != NULL)
    return; /* running on another thread: misuse, and not safe to free */
  store_destroy(store);
}

bool wa_store_set_limits(wa_store *store, const wa_store_limits *limits) {
  if (!store_valid(store) || limits == NULL || !limits_valid(limits))
    return false;
  store->limits = *limits;
  return true;
}

void wa_store_get_limits(const wa_store *store, wa_store_limits *limits) {
  if (limits == NULL)
    return;
  if (!store_valid(store)) {
    wa_store_limits_default(limits);
    return;
  }
  *limits = store->limits;
}

bool wa_rt_store_enter(wa_store *store, const char **why) {
  const void *me = &thread_token;
  /* The owner changes only between outermost calls; depth and the rest are
   * touched only by the owner. */
  if (atomic_load(&store->owner) == me) {
    if (store->depth == UINT32_MAX) {
      *why = "calls nested too deeply";
      return false;
    }
    store->depth++;
    return true;
  }
  const void *expected = NULL;
  if (!atomic_compare_exchange_strong(&store->owner, &expected, me)) {
    *why = "the store is in use by another thread";
    return false;
  }
  if (!wa_plat_thread_init()) {
    atomic_store(&store->owner, NULL);
    *why = "cannot set up the thread's signal stack";
    return false;
  }
  uintptr_t sp = WA_PLAT_STACK_POINTER();
  uintptr_t budget = (uintptr_t)store->limits.stack_budget;
  uintptr_t limit = sp > budget ? sp - budget : 0;
  uintptr_t low = wa_plat_stack_low();
  wa_rt_note_stack_low(low);
  if (low != 0 && low <= UINTPTR_MAX - WA_RT_STACK_MARGIN &&
      limit < low + WA_RT_STACK_MARGIN)
    limit = low + WA_RT_STACK_MARGIN;
  store->stack_limit = limit;
  for (wa_rt_instance *inst = store->instances; inst; inst = inst->next)
    inst->abi.stack_limit = limit;
  store->depth = 1;
  return true;
}

void wa_rt_store_leave(wa_store *store) {
  if (--store->depth != 0)
    return;
  atomic_store(&store->owner, NULL);
  if (store->free_pending)
    store_destroy(store);
}
