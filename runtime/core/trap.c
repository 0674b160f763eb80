/*===- trap.c - Traps: unwinding to the innermost call -----------*- C -*-===*
 *
 * Every call into a store (wa_call, instantiation) runs under a frame that
 * holds a jump buffer; frames of nested calls (a host function calling back
 * into a store) form a per-thread chain. A trap, whether raised by compiled
 * code through wa_trap or by the fault handler for a guard-page hit, jumps
 * to the innermost frame, which reports the trap to its caller.
 *
 * The guard-region registry tells the fault handler which addresses belong
 * to memories in guard mode. The handler reads it without locks: it is a
 * list of fixed-size chunks of atomic slots that is only ever appended to.
 *===----------------------------------------------------------------------===*/
#include "core/internal.h"

#include <stdlib.h>

/* ---- Trap messages ---- */

const char *wa_trap_message(uint32_t code) {
  switch (code) {
#define WA_TRAP(Id, Code, Message)                                             \
  case Code:                                                                   \
    return Message;
#include "wasm-aot/traps.def"
  default:
    return "unknown trap";
  }
}

bool wa_rt_trap_known(uint32_t code) {
  switch (code) {
#define WA_TRAP(Id, Code, Message) case Code:
#include "wasm-aot/traps.def"
    return true;
  default:
    return false;
  }
}

/* ---- Frames ---- */

typedef struct wa_rt_frame {
  wa_plat_jmp_buf env;
  struct wa_rt_frame *prev;
  volatile uint32_t trap; /* written before the jump, read after it */
} wa_rt_frame;

static WA_RT_THREAD_LOCAL wa_rt_frame *current_frame;

uint32_t wa_rt_run_protected(wa_store *store, void (*fn)(void *), void *arg,
                             const char **why) {
  if (!wa_rt_store_enter(store, why))
    return WA_RT_NOT_STARTED;
  wa_rt_frame frame;
  frame.prev = current_frame;
  frame.trap = WA_TRAP_NONE;
  current_frame = &frame;
  if (WA_PLAT_SETJMP(frame.env) == 0)
    fn(arg);
  /* Here after a return or a trap; nothing set between the setjmp and the
   * jump is read except frame.trap, which is volatile. */
  current_frame = frame.prev;
  uint32_t trap = frame.trap;
  wa_rt_store_leave(store);
  return trap;
}

/* Where the latest trap of this thread happened, as far as it is known:
 * compiled code names its site (wa_trap_at), a fault leaves its PC, a trap
 * raised anywhere else (the runtime's bulk operations, host functions)
 * leaves nothing. Written before the jump, read by wa_last_trap_site. */
typedef struct wa_rt_site {
  uint32_t code;
  uint32_t func;
  uint32_t offset;
  uint8_t has_site; /* func and offset are valid */
  uintptr_t pc;     /* a fault's PC, else 0 */
} wa_rt_site;

static WA_RT_THREAD_LOCAL wa_rt_site last_site;

static __attribute__((noreturn)) void trap_with_site(uint32_t code,
                                                     bool has_site,
                                                     uint32_t func,
                                                     uint32_t offset,
                                                     uintptr_t pc) {
  last_site.code = code;
  last_site.has_site = has_site;
  last_site.func = func;
  last_site.offset = offset;
  last_site.pc = pc;
  wa_rt_trap(code);
}

void wa_rt_trap(uint32_t code) {
  wa_rt_frame *frame = current_frame;
  if (frame == NULL)
    wa_plat_fatal("trap outside of any call into the runtime (compiled "
                  "code must be entered through wa_call)");
  frame->trap = wa_rt_trap_known(code) ? code : (uint32_t)WA_TRAP_HostError;
  WA_PLAT_LONGJMP(frame->env);
}

void wa_trap(uint32_t code) { trap_with_site(code, false, 0, 0, 0); }

void wa_trap_at(uint32_t code, uint32_t func, uint32_t offset) {
  trap_with_site(code, true, func, offset, 0);
}

/* The defined function whose code starts nearest below `pc`: functions are
 * emitted one after another into the object's text, so that is the one
 * containing it when pc is in the module's code at all. */
static bool function_at_pc(const wa_module *module, uintptr_t pc,
                           uint32_t *defined) {
  uintptr_t best = 0;
  bool found = false;
  for (uint32_t i = 0; i < module->num_funcs; ++i) {
    uintptr_t start = (uintptr_t)module->func_code[i];
    if (start <= pc && (!found || start > best)) {
      best = start;
      *defined = i;
      found = true;
    }
  }
  return found;
}

bool wa_last_trap_site(const wa_module *module, wa_trap_site *site) {
  site->has_function = false;
  site->has_offset = false;
  site->func = 0;
  site->offset = 0;
  site->name = NULL;
  if (module == NULL)
    return false;
  uint32_t imported = 0;
  for (uint32_t i = 0; i < module->num_imports; ++i)
    imported += module->imports[i].kind == WA_EXTERN_FUNC;
  if (last_site.has_site) {
    site->has_function = true;
    site->has_offset = true;
    site->func = last_site.func;
    site->offset = last_site.offset;
  } else if (last_site.pc != 0) {
    uint32_t defined;
    if (!function_at_pc(module, last_site.pc, &defined))
      return false;
    site->has_function = true;
    site->func = imported + defined;
  } else {
    return false;
  }
  if (module->func_names != NULL && site->func >= imported &&
      site->func - imported < module->num_funcs)
    site->name = module->func_names[site->func - imported];
  return true;
}

/* ---- Guard regions ---- */

#define GUARD_SLOTS 64

typedef struct guard_chunk {
  _Atomic(uintptr_t) base[GUARD_SLOTS]; /* 0: free slot */
  _Atomic(uintptr_t) end[GUARD_SLOTS];
  _Atomic(struct guard_chunk *) next;
} guard_chunk;

/* Zero-initialised static atomics are valid (C11 7.17.2.1). */
static guard_chunk guard_first;

bool wa_rt_guard_register(uintptr_t base, uint64_t size) {
  if (base == 0 || size == 0 || size > UINTPTR_MAX - base)
    return false;
  bool ok = false;
  wa_plat_lock();
  guard_chunk *chunk = &guard_first;
  for (;;) {
    for (unsigned i = 0; i < GUARD_SLOTS; ++i) {
      if (atomic_load_explicit(&chunk->base[i], memory_order_relaxed) == 0) {
        /* The end first: a reader that sees the base sees its end. */
        atomic_store_explicit(&chunk->end[i], base + (uintptr_t)size,
                              memory_order_relaxed);
        atomic_store_explicit(&chunk->base[i], base, memory_order_release);
        ok = true;
        goto out;
      }
    }
    guard_chunk *next =
        atomic_load_explicit(&chunk->next, memory_order_relaxed);
    if (next == NULL)
      break;
    chunk = next;
  }
  {
    guard_chunk *fresh = (guard_chunk *)malloc(sizeof *fresh);
    if (fresh == NULL)
      goto out;
    for (unsigned i = 0; i < GUARD_SLOTS; ++i) {
      atomic_init(&fresh->base[i], 0);
      atomic_init(&fresh->end[i], 0);
    }
    atomic_init(&fresh->next, NULL);
    atomic_init(&fresh->end[0], base + (uintptr_t)size);
    atomic_init(&fresh->base[0], base);
    /* Published complete; chunks are never freed. */
    atomic_store_explicit(&chunk->next, fresh, memory_order_release);
    ok = true;
  }
out:
  wa_plat_unlock();
  return ok;
}

void wa_rt_guard_unregister(uintptr_t base) {
  if (base == 0)
    return;
  wa_plat_lock();
  for (guard_chunk *chunk = &guard_first; chunk != NULL;
       chunk = atomic_load_explicit(&chunk->next, memory_order_relaxed)) {
    for (unsigned i = 0; i < GUARD_SLOTS; ++i) {
      if (atomic_load_explicit(&chunk->base[i], memory_order_relaxed) ==
          base) {
        atomic_store_explicit(&chunk->base[i], 0, memory_order_release);
        goto out;
      }
    }
  }
out:
  wa_plat_unlock();
}

/* Async-signal-safe: atomic loads only. */
static bool guard_contains(uintptr_t address) {
  for (guard_chunk *chunk = &guard_first; chunk != NULL;
       chunk = atomic_load_explicit(&chunk->next, memory_order_acquire)) {
    for (unsigned i = 0; i < GUARD_SLOTS; ++i) {
      uintptr_t base =
          atomic_load_explicit(&chunk->base[i], memory_order_acquire);
      if (base != 0 && address >= base &&
          address < atomic_load_explicit(&chunk->end[i], memory_order_relaxed))
        return true;
    }
  }
  return false;
}

/* ---- The fault handler's side ---- */

/* How far below the thread's lowest usable stack address a fault still
 * counts as a stack overflow: glibc's guard area of a thread it created (a
 * page by default) or, for the main thread, the gap the kernel keeps below
 * its growable stack (256 pages). */
#define STACK_FAULT_WINDOW ((uintptr_t)1024 * 1024 + WA_RT_STACK_MARGIN)

/* The low end of this thread's stack, as the outermost call found it, and
 * the trap the fault handler decided on. */
static WA_RT_THREAD_LOCAL uintptr_t thread_stack_low;
static WA_RT_THREAD_LOCAL uint32_t fault_trap;

void wa_rt_note_stack_low(uintptr_t low) { thread_stack_low = low; }

/* A fault at the bottom of the stack: compiled code checks its stack
 * pointer against instance->stack_limit in every prologue, so this is a
 * frame larger than the margin kept below the limit (or code that skipped
 * the check); it is still the spec's "call stack exhausted". */
static bool stack_overflow(uintptr_t address) {
  uintptr_t low = thread_stack_low;
  if (low == 0)
    return false;
  uintptr_t from = low > STACK_FAULT_WINDOW ? low - STACK_FAULT_WINDOW : 0;
  uintptr_t to = low + WA_RT_STACK_MARGIN; /* the margin is stack, too */
  return address >= from && address < to;
}

/* Async-signal-safe: thread-locals (initial-exec) and atomic loads. */
bool wa_rt_fault_is_trap(uintptr_t address) {
  /* Only a thread inside a call can trap; a fault anywhere else (a host
   * bug) stays a crash. */
  if (current_frame == NULL)
    return false;
  if (guard_contains(address)) {
    fault_trap = WA_TRAP_OutOfBoundsMemoryAccess;
    return true;
  }
  if (stack_overflow(address)) {
    fault_trap = WA_TRAP_CallStackExhausted;
    return true;
  }
  return false;
}

void wa_rt_trap_from_fault(uintptr_t pc) {
  trap_with_site(fault_trap, false, 0, 0, pc);
}
