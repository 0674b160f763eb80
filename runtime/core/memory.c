/*===- memory.c - Linear memories --------------------------------*- C -*-===*
 *
 * Guard mode: the memory owns a reservation of WA_GUARD_RESERVATION bytes
 * (plus WA_RT_GUARD_TAIL, so even a 16-byte access starting just below
 * 8 GiB faults inside it) mapped inaccessible; the first `size` bytes are
 * made readable and writable, and growing makes more of it accessible. The
 * base never moves, and compiled code needs no bounds checks: any 32-bit
 * address plus 32-bit offset lands in the reservation, and the fault
 * handler turns hits beyond `size` into out-of-bounds traps.
 *
 * Explicit mode: a heap buffer of exactly `size` bytes, reallocated (so
 * moved) on growth; compiled code checks every access against `size`.
 *
 * The runtime entry points at the end check bounds before touching
 * anything, with the spec's rules: a range [i, i + n) is in bounds when
 * i + n <= size, computed without overflow, so n = 0 at the very end is
 * fine and one byte past it is not.
 *===----------------------------------------------------------------------===*/
#include "core/internal.h"

#include <stdlib.h>
#include <string.h>

static uint64_t pages_to_bytes(uint64_t pages) { return pages * WA_PAGE_SIZE; }

wa_rt_memory *wa_rt_memory_create(wa_store *store, uint64_t min, uint64_t max,
                                  bool has_max, wa_memory_mode mode,
                                  wa_error *error) {
  uint64_t effective = has_max ? max : WA_RT_MAX_PAGES;
  if (effective > store->limits.max_memory_pages)
    effective = store->limits.max_memory_pages;
  if (min > effective) {
    wa_rt_error(error, WA_ERROR_RESOURCE, 0,
                "memory of %llu pages exceeds the limit of %llu pages",
                (unsigned long long)min, (unsigned long long)effective);
    return NULL;
  }
  wa_rt_memory *mem = (wa_rt_memory *)calloc(1, sizeof *mem);
  if (mem == NULL) {
    wa_rt_error(error, WA_ERROR_RESOURCE, 0, "out of memory");
    return NULL;
  }
  mem->magic = WA_RT_MAGIC_MEMORY;
  mem->mode = (uint8_t)mode;
  mem->has_max = has_max;
  mem->declared_max = has_max ? max : 0;
  mem->store = store;
  mem->abi.max_pages = effective;
  uint64_t bytes = pages_to_bytes(min);

  if (mode == WA_MEMORY_GUARD) {
    uint64_t reservation = WA_GUARD_RESERVATION + WA_RT_GUARD_TAIL;
    if (reservation > SIZE_MAX) {
      wa_rt_error(error, WA_ERROR_RESOURCE, 0,
                  "guard mode needs a 64-bit address space");
      free(mem);
      return NULL;
    }
    uint8_t *base = (uint8_t *)wa_plat_reserve((size_t)reservation);
    if (base == NULL) {
      wa_rt_error(error, WA_ERROR_RESOURCE, 0,
                  "cannot reserve address space for a guard-mode memory");
      free(mem);
      return NULL;
    }
    if (!wa_plat_commit(base, (size_t)bytes)) {
      wa_plat_release(base, (size_t)reservation);
      wa_rt_error(error, WA_ERROR_RESOURCE, 0,
                  "cannot commit %llu pages of memory",
                  (unsigned long long)min);
      free(mem);
      return NULL;
    }
    if (!wa_rt_guard_register((uintptr_t)base, reservation)) {
      wa_plat_release(base, (size_t)reservation);
      wa_rt_error(error, WA_ERROR_RESOURCE, 0, "out of memory");
      free(mem);
      return NULL;
    }
    mem->abi.base = base;
    mem->abi.reserved = reservation;
  } else {
    if (bytes > SIZE_MAX) {
      wa_rt_error(error, WA_ERROR_RESOURCE, 0, "memory too large");
      free(mem);
      return NULL;
    }
    /* Never a null base, even for an empty memory. */
    uint8_t *base = (uint8_t *)calloc(bytes ? (size_t)bytes : 1, 1);
    if (base == NULL) {
      wa_rt_error(error, WA_ERROR_RESOURCE, 0,
                  "cannot allocate %llu pages of memory",
                  (unsigned long long)min);
      free(mem);
      return NULL;
    }
    mem->abi.base = base;
    mem->abi.reserved = bytes;
  }
  mem->abi.size = bytes;
  return mem;
}

void wa_rt_memory_destroy(wa_rt_memory *mem) {
  if (mem == NULL)
    return;
  if (mem->mode == WA_MEMORY_GUARD) {
    wa_rt_guard_unregister((uintptr_t)mem->abi.base);
    wa_plat_release(mem->abi.base, (size_t)mem->abi.reserved);
  } else {
    free(mem->abi.base);
  }
  mem->magic = 0;
  free(mem);
}

int64_t wa_rt_memory_grow(wa_rt_memory *mem, uint64_t delta) {
  uint64_t old_pages = mem->abi.size / WA_PAGE_SIZE;
  if (old_pages > mem->abi.max_pages || delta > mem->abi.max_pages - old_pages)
    return -1;
  if (delta == 0)
    return (int64_t)old_pages;
  uint64_t old_bytes = mem->abi.size;
  uint64_t new_bytes = pages_to_bytes(old_pages + delta);
  if (mem->mode == WA_MEMORY_GUARD) {
    if (new_bytes > mem->abi.reserved ||
        !wa_plat_commit(mem->abi.base + old_bytes,
                        (size_t)(new_bytes - old_bytes)))
      return -1;
  } else {
    if (new_bytes > SIZE_MAX)
      return -1;
    uint8_t *grown = (uint8_t *)realloc(mem->abi.base, (size_t)new_bytes);
    if (grown == NULL)
      return -1;
    memset(grown + old_bytes, 0, (size_t)(new_bytes - old_bytes));
    mem->abi.base = grown;
    mem->abi.reserved = new_bytes;
  }
  mem->abi.size = new_bytes;
  return (int64_t)old_pages;
}

/* ---- Embedding API ---- */

bool wa_rt_memory_valid(const wa_memory *mem) {
  return mem != NULL &&
         ((const wa_rt_memory *)mem)->magic == WA_RT_MAGIC_MEMORY;
}

wa_memory *wa_memory_new(wa_store *store, const wa_limits *limits,
                         wa_memory_mode mode, wa_error *error) {
  if (store == NULL || store->magic != WA_RT_MAGIC_STORE || limits == NULL) {
    wa_rt_error(error, WA_ERROR_MISUSE, 0, "wa_memory_new: null argument");
    return NULL;
  }
  if (mode != WA_MEMORY_GUARD && mode != WA_MEMORY_EXPLICIT) {
    wa_rt_error(error, WA_ERROR_MISUSE, 0, "wa_memory_new: unknown mode");
    return NULL;
  }
  if (limits->min > WA_RT_MAX_PAGES ||
      (limits->has_max &&
       (limits->max > WA_RT_MAX_PAGES || limits->max < limits->min))) {
    wa_rt_error(error, WA_ERROR_MISUSE, 0,
                "wa_memory_new: invalid limits (at most 65536 pages, "
                "min <= max)");
    return NULL;
  }
  wa_rt_memory *mem = wa_rt_memory_create(
      store, limits->min, limits->max, limits->has_max != 0, mode, error);
  if (mem == NULL)
    return NULL;
  mem->next = store->host_memories;
  store->host_memories = mem;
  return &mem->abi;
}

uint8_t *wa_memory_data(const wa_memory *memory) {
  return wa_rt_memory_valid(memory) ? memory->base : NULL;
}

uint64_t wa_memory_size(const wa_memory *memory) {
  return wa_rt_memory_valid(memory) ? memory->size : 0;
}

uint64_t wa_memory_pages(const wa_memory *memory) {
  return wa_rt_memory_valid(memory) ? memory->size / WA_PAGE_SIZE : 0;
}

int64_t wa_memory_grow_pages(wa_memory *memory, uint64_t delta) {
  if (!wa_rt_memory_valid(memory))
    return -1;
  return wa_rt_memory_grow((wa_rt_memory *)memory, delta);
}

static bool range_ok(uint64_t offset, uint64_t n, uint64_t size) {
  return offset <= size && n <= size - offset;
}

bool wa_memory_read(const wa_memory *memory, uint64_t offset, void *dst,
                    size_t n) {
  if (!wa_rt_memory_valid(memory) || (n != 0 && dst == NULL) ||
      !range_ok(offset, n, memory->size))
    return false;
  if (n != 0)
    memcpy(dst, memory->base + offset, n);
  return true;
}

bool wa_memory_write(wa_memory *memory, uint64_t offset, const void *src,
                     size_t n) {
  if (!wa_rt_memory_valid(memory) || (n != 0 && src == NULL) ||
      !range_ok(offset, n, memory->size))
    return false;
  if (n != 0)
    memcpy(memory->base + offset, src, n);
  return true;
}

wa_memory_mode wa_memory_get_mode(const wa_memory *memory) {
  if (!wa_rt_memory_valid(memory))
    return WA_MEMORY_EXPLICIT;
  return (wa_memory_mode)((const wa_rt_memory *)memory)->mode;
}

/* ---- Entry points for compiled code ---- */

static wa_rt_memory *memory_at(wa_instance *instance, uint32_t index) {
  wa_rt_instance *inst = wa_rt_instance_of(instance);
  if (index >= inst->num_memories)
    wa_plat_fatal("compiled code used a memory index out of range");
  return (wa_rt_memory *)instance->memories[index];
}

static void check_data_segment(wa_instance *instance, uint32_t segment) {
  if (segment >= instance->module->num_data)
    wa_plat_fatal("compiled code used a data segment index out of range");
}

int32_t wa_memory_grow(wa_instance *instance, uint32_t memory,
                       uint32_t delta) {
  return (int32_t)wa_rt_memory_grow(memory_at(instance, memory), delta);
}

void wa_memory_init(wa_instance *instance, uint32_t memory, uint32_t segment,
                    uint32_t dst, uint32_t src, uint32_t n, uint32_t func,
                    uint32_t offset) {
  wa_rt_memory *mem = memory_at(instance, memory);
  check_data_segment(instance, segment);
  if (!range_ok(src, n, instance->data_sizes[segment]) ||
      !range_ok(dst, n, mem->abi.size))
    wa_rt_trap_at_site(WA_TRAP_OutOfBoundsMemoryAccess, func, offset);
  if (n != 0)
    memcpy(mem->abi.base + dst, instance->module->data[segment].bytes + src,
           n);
}

void wa_memory_copy(wa_instance *instance, uint32_t dst_memory,
                    uint32_t src_memory, uint32_t dst, uint32_t src,
                    uint32_t n, uint32_t func, uint32_t offset) {
  wa_rt_memory *to = memory_at(instance, dst_memory);
  wa_rt_memory *from = memory_at(instance, src_memory);
  if (!range_ok(src, n, from->abi.size) || !range_ok(dst, n, to->abi.size))
    wa_rt_trap_at_site(WA_TRAP_OutOfBoundsMemoryAccess, func, offset);
  if (n != 0)
    memmove(to->abi.base + dst, from->abi.base + src, n);
}

void wa_memory_fill(wa_instance *instance, uint32_t memory, uint32_t dst,
                    uint32_t value, uint32_t n, uint32_t func,
                    uint32_t offset) {
  wa_rt_memory *mem = memory_at(instance, memory);
  if (!range_ok(dst, n, mem->abi.size))
    wa_rt_trap_at_site(WA_TRAP_OutOfBoundsMemoryAccess, func, offset);
  if (n != 0)
    memset(mem->abi.base + dst, (int)(value & 0xFFu), n);
}

void wa_data_drop(wa_instance *instance, uint32_t segment) {
  check_data_segment(instance, segment);
  instance->data_sizes[segment] = 0;
}
