/*===- platform.h - What the runtime needs from the operating system -*- C -*-===*
 *
 * The runtime core (runtime/core) is portable C11; everything it needs from
 * the OS goes through this header: address-space reservation and page
 * protection, the fault handler that turns guard-page hits into traps, the
 * per-thread alternate signal stack, the current thread's stack bounds, one
 * process-wide lock, non-local jumps and a fatal-error exit.
 *
 * runtime/platform/posix implements it for Linux and other POSIX systems. A
 * freestanding port implements the same functions (a kernel or an embedded
 * target without guard pages may make wa_plat_reserve fail, which leaves
 * explicit-bounds-check memories only).
 *===----------------------------------------------------------------------===*/
#ifndef WASM_AOT_RUNTIME_PLATFORM_H
#define WASM_AOT_RUNTIME_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Non-local jumps ----
 * The core unwinds a trapping call with these. WA_PLAT_SETJMP must not
 * save the signal mask (it runs on every call); a jump out of the fault
 * handler restores the mask itself before jumping. */
#if defined(__unix__) || defined(__APPLE__)
#include <setjmp.h>
typedef sigjmp_buf wa_plat_jmp_buf;
#define WA_PLAT_SETJMP(buf) sigsetjmp((buf), 0)
#define WA_PLAT_LONGJMP(buf) siglongjmp((buf), 1)
#else
#include <setjmp.h>
typedef jmp_buf wa_plat_jmp_buf;
#define WA_PLAT_SETJMP(buf) setjmp(buf)
#define WA_PLAT_LONGJMP(buf) longjmp((buf), 1)
#endif

/* The current stack address, good enough for stack-limit arithmetic. */
#define WA_PLAT_STACK_POINTER() ((uintptr_t)__builtin_frame_address(0))

/* ---- Address space ---- */

/* The size of an OS page (a divisor of the wasm page size). */
size_t wa_plat_page_size(void);

/* Reserves `size` bytes of address space, inaccessible and not backed by
 * memory or swap. Returns null on failure. */
void *wa_plat_reserve(size_t size);

/* Makes [addr, addr + size) of a reservation readable and writable; its
 * contents read as zero the first time. Both are page-aligned. */
bool wa_plat_commit(void *addr, size_t size);

/* Gives a whole reservation back. */
void wa_plat_release(void *addr, size_t size);

/* ---- Faults ----
 * The fault handler (SIGSEGV/SIGBUS on POSIX) asks the core whether a
 * faulting address belongs to it; if so it restores the signal mask of the
 * interrupted code and calls wa_rt_trap_from_fault, which does not return.
 * Otherwise it chains to the handler that was installed before, or restores
 * the default action so the fault kills the process as it would have. */

/* Installs the fault handler once per process. Thread-safe, idempotent. */
bool wa_plat_install_fault_handler(void);

/* Gives the calling thread an alternate signal stack if it has none, so
 * the fault handler can run even when the fault is a stack overflow.
 * Idempotent; the stack is released when the thread exits. */
bool wa_plat_thread_init(void);

/* Provided by the core, called by the fault handler. */
bool wa_rt_fault_is_trap(uintptr_t address);
/* `pc`: the faulting instruction's address (0 if unknown), which tells
 * which compiled function trapped. */
__attribute__((noreturn)) void wa_rt_trap_from_fault(uintptr_t pc);

/* ---- Threads ---- */

/* The lowest usable address of the calling thread's stack, or 0 when the
 * platform cannot tell. Stacks grow down on every supported target. */
uintptr_t wa_plat_stack_low(void);

/* One process-wide lock for the runtime's global tables (type registry,
 * guard-region registry). Not recursive; never held while calling out. */
void wa_plat_lock(void);
void wa_plat_unlock(void);

/* ---- Errors ---- */

/* Writes "wasm-aot runtime: <message>" to the error output and aborts.
 * Only for broken invariants (a compiler bug, a corrupted runtime), never
 * for embedder errors. */
__attribute__((noreturn)) void wa_plat_fatal(const char *message);

#endif /* WASM_AOT_RUNTIME_PLATFORM_H */
