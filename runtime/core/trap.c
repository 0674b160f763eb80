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
  if (WA_PLAT_SETJMP(frame.env) == 0) {
    /* A host function called back in with the stack already below the
     * limit: the callee's prologue would trap, but a small leaf has no
     * check of its own (compiler/lower/UncheckedLeaves.h), so every nested
     * call checks here. */
    if (store->depth > 1 && WA_PLAT_STACK_POINTER() < store->stack_limit)
      frame.trap = WA_TRAP_CallStackExhausted;
    else
      fn(arg);
  }
  /* Here after a return or a trap; nothing set between the setjmp and the
   * jump is read except frame.trap, which is volatile. */
  current_frame = frame.prev;
  uint32_t trap = frame.trap;
  /* An interrupt stops the outermost call it reaches, then is spent; a
   * nested call leaves it set so the calls around it stop too. */
  if (trap == WA_TRAP_Interrupted && store->depth == 1)
    wa_rt_store_clear_interrupt(store);
  wa_rt_store_leave(store);
  return trap;
}

/* Where the latest trap of this thread happened, as far as it is known:
 * compiled code names its site (wa_trap_at, and the bulk operations it
 * calls); a fault leaves its PC, resolved through the module's site map
 * when asked; a trap raised anywhere else (host functions, the runtime on
 * its own behalf) leaves nothing.
 * Written before the jump, read by wa_last_trap_site. */
typedef struct wa_rt_site {
  uint32_t code;
  uint32_t func;
  uint32_t offset;
  uint8_t has_site; /* func and offset are valid */
  uintptr_t pc;     /* a PC in compiled code, else 0 */
} wa_rt_site;

static WA_RT_THREAD_LOCAL wa_rt_site last_site;

static __attribute__((noreturn)) void raise_trap(uint32_t code) {
  wa_rt_frame *frame = current_frame;
  if (frame == NULL)
    wa_plat_fatal("trap outside of any call into the runtime (compiled "
                  "code must be entered through wa_call)");
  frame->trap = wa_rt_trap_known(code) ? code : (uint32_t)WA_TRAP_HostError;
  WA_PLAT_LONGJMP(frame->env);
}

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
  raise_trap(code);
}

void wa_rt_trap(uint32_t code) { trap_with_site(code, false, 0, 0, 0); }

void wa_rt_trap_at_site(uint32_t code, uint32_t func, uint32_t offset) {
  trap_with_site(code, func != WA_NO_SITE, func, offset, 0);
}

void wa_trap(uint32_t code) { trap_with_site(code, false, 0, 0, 0); }

void wa_trap_at(uint32_t code, uint32_t func, uint32_t offset) {
  trap_with_site(code, true, func, offset, 0);
}

/* ---- Mapping a PC back to the module ---- */

/* The arrays and row stream that follow a wa_site_map's header (abi.h),
 * or false when the module has none or it does not fit together. */
typedef struct site_arrays {
  uint32_t num_funcs;
  const uint32_t *body_start;
  const uint32_t *code_size;
  const uint32_t *rows_start;
  const uint8_t *rows;
  uint32_t rows_size;
} site_arrays;

static bool site_map_arrays(const wa_module *module, site_arrays *out) {
  const wa_site_map *map = module->site_map;
  if (map == NULL || map->magic != WA_SITE_MAP_MAGIC ||
      map->version != WA_SITE_MAP_VERSION ||
      map->num_funcs != module->num_funcs || map->num_funcs == 0)
    return false;
  const uint32_t *words = (const uint32_t *)(map + 1);
  out->num_funcs = map->num_funcs;
  out->body_start = words;
  out->code_size = words + map->num_funcs;
  out->rows_start = words + 2 * (size_t)map->num_funcs;
  out->rows = (const uint8_t *)(out->rows_start + map->num_funcs + 1);
  out->rows_size = map->rows_size;
  return out->rows_start[map->num_funcs] == map->rows_size;
}

/* The defined function whose code contains `pc`. With a site map, its
 * code sizes say exactly; without one, the function whose code starts
 * nearest below pc is the best guess (functions are emitted one after
 * another into the object's text). */
static bool function_at_pc(const wa_module *module, const site_arrays *map,
                           uintptr_t pc, uint32_t *defined) {
  uintptr_t best = 0;
  bool found = false;
  for (uint32_t i = 0; i < module->num_funcs; ++i) {
    uintptr_t start = (uintptr_t)module->func_code[i];
    if (map != NULL) {
      if (pc >= start && pc - start < map->code_size[i]) {
        *defined = i;
        return true;
      }
      continue;
    }
    if (start <= pc && (!found || start > best)) {
      best = start;
      *defined = i;
      found = true;
    }
  }
  return found;
}

/* Reads a ULEB128 number of at most 32 bits from [*at, end). */
static bool read_uleb(const uint8_t **at, const uint8_t *end, uint32_t *out) {
  uint64_t value = 0;
  for (unsigned shift = 0; shift < 35; shift += 7) {
    if (*at == end)
      return false;
    uint8_t byte = *(*at)++;
    value |= (uint64_t)(byte & 0x7F) << shift;
    if (!(byte & 0x80)) {
      if (value > UINT32_MAX)
        return false;
      *out = (uint32_t)value;
      return true;
    }
  }
  return false;
}

typedef enum { SITE_UNKNOWN, SITE_IN_FUNCTION, SITE_INSTRUCTION } site_kind;

/* What the code at `code_offset` of defined function `defined` is, with
 * the instruction's module offset or the other function's defined index
 * in *value. A malformed stream says nothing. */
static site_kind site_of_code(const site_arrays *map, uint32_t defined,
                              uint32_t code_offset, uint32_t *value) {
  uint32_t from = map->rows_start[defined], to = map->rows_start[defined + 1];
  if (from > to || to > map->rows_size)
    return SITE_UNKNOWN;
  const uint8_t *at = map->rows + from, *end = map->rows + to;
  site_kind kind = SITE_UNKNOWN;
  uint64_t code = 0;
  int64_t prev = map->body_start[defined];
  while (at < end) {
    uint32_t delta, what, index = 0;
    if (!read_uleb(&at, end, &delta) || !read_uleb(&at, end, &what))
      return SITE_UNKNOWN;
    if (what == 1 && !read_uleb(&at, end, &index))
      return SITE_UNKNOWN;
    code += delta;
    if (code > code_offset)
      break; /* this row starts past the code asked about */
    if (what == 0) {
      kind = SITE_UNKNOWN;
    } else if (what == 1) {
      kind = SITE_IN_FUNCTION;
      *value = index;
    } else {
      uint32_t z = what - 2;
      int64_t d = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
      prev += d;
      kind = SITE_INSTRUCTION;
      *value = (uint32_t)prev;
    }
  }
  return kind;
}

/* The defined function whose body holds module offset `offset`: code
 * inlined from one function into another maps to the one it came from. */
static bool function_at_offset(const site_arrays *map, uint32_t offset,
                               uint32_t *defined) {
  uint32_t lo = 0, hi = map->num_funcs;
  bool found = false;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (map->body_start[mid] <= offset) {
      *defined = mid;
      found = true;
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return found;
}

/* Fills function and offset of `site` from a PC in compiled code. */
static bool site_of_pc(const wa_module *module, uintptr_t pc,
                       uint32_t imported, wa_trap_site *site) {
  site_arrays arrays;
  const site_arrays *map = site_map_arrays(module, &arrays) ? &arrays : NULL;
  uint32_t defined;
  if (!function_at_pc(module, map, pc, &defined))
    return false;
  site->has_function = true;
  site->func = imported + defined;
  if (map == NULL)
    return true;
  uint32_t code_offset =
      (uint32_t)(pc - (uintptr_t)module->func_code[defined]);
  uint32_t value = 0, origin;
  switch (site_of_code(map, defined, code_offset, &value)) {
  case SITE_UNKNOWN: /* the function containing the code is all we know */
    break;
  case SITE_IN_FUNCTION: /* code of that function, inlined here */
    if (value < map->num_funcs)
      site->func = imported + value;
    break;
  case SITE_INSTRUCTION:
    if (function_at_offset(map, value, &origin)) {
      site->has_offset = true;
      site->offset = value;
      site->func = imported + origin;
    }
    break;
  }
  return true;
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
  } else if (last_site.pc == 0 ||
             !site_of_pc(module, last_site.pc, imported, site)) {
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
