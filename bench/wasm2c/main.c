/*
 * Host entry point for a wasm2c-translated WASI command module.
 *
 * build.py translates the module with `wasm2c -n guest`, so the generated
 * symbols are always Z_guest_* (wabt 1.0.32 naming) and this file needs no
 * templating. build.py also defines:
 *   W2C_GUEST_IMPORTS_WASI  1 if the module imports anything (then
 *                           Z_guest_instantiate takes the WASI instance)
 *   W2C_GUEST_EXPORTS_MEMORY 1 if the module exports "memory"
 */
#include <stdio.h>
#include <stdlib.h>

#include "wasm-rt-impl.h"
#include "wasm-rt.h"

#include "guest.h"
#include "wasi_shim.h"

#ifndef W2C_GUEST_IMPORTS_WASI
#define W2C_GUEST_IMPORTS_WASI 1
#endif
#ifndef W2C_GUEST_EXPORTS_MEMORY
#define W2C_GUEST_EXPORTS_MEMORY 1
#endif

/* Static so their values survive the longjmp back from a trap. */
static Z_guest_instance_t g_instance;
static struct Z_wasi_snapshot_preview1_instance_t g_wasi;

int main(int argc, char** argv) {
  wasm_rt_init(); /* installs the SIGSEGV/SIGBUS handler (guard-page mode) */
  Z_guest_init_module();

  g_wasi.memory = NULL;
  g_wasi.argc = argc;
  g_wasi.argv = argv;

  /* A trap anywhere below (including data-segment initialisation) lands
   * here with a nonzero reason. proc_exit leaves through exit() directly. */
  wasm_rt_trap_t trap = wasm_rt_impl_try();
  if (trap != WASM_RT_TRAP_NONE) {
    fprintf(stderr, "trap: %s\n", wasm_rt_strerror(trap));
    fflush(stderr);
    exit(134);
  }

#if W2C_GUEST_IMPORTS_WASI
  Z_guest_instantiate(&g_instance, &g_wasi);
#else
  Z_guest_instantiate(&g_instance);
#endif
#if W2C_GUEST_EXPORTS_MEMORY
  g_wasi.memory = Z_guestZ_memory(&g_instance);
#endif

  Z_guestZ__start(&g_instance);
  return 0;
}
