/*===- build_config.h - What `wasm-aot build` bakes into a program -*- C -*-===*
 *
 * `wasm-aot build` links a compiled module with the runtime, WASI and a
 * main() (runtime/main). The grants and choices made on its command line
 * travel to that main() as one constant, `wasm_aot_build_config`, which the
 * tool emits as LLVM IR constants through the same code generator as the
 * module, so it exists for every target. The compiler side of this layout
 * is compiler/link/BuildConfig.cpp; the static assertions below pin it.
 *
 * docs/cli.md (`wasm-aot build`) describes the grants and the run-time
 * channel (WASM_AOT_GRANTS) that adds to them.
 *===----------------------------------------------------------------------===*/
#ifndef WASM_AOT_BUILD_CONFIG_H
#define WASM_AOT_BUILD_CONFIG_H

#include "wasm-aot/abi.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WA_BUILD_CONFIG_VERSION 3u

/* wa_build_config.flags */
enum wa_build_flag {
  /* The environment variable WASM_AOT_GRANTS is refused: only the baked
   * grants apply (--no-runtime-grants). */
  WA_BUILD_NO_RUNTIME_GRANTS = 1u << 0,
  /* The guest sees the host's whole environment (--inherit-env). */
  WA_BUILD_INHERIT_ENV = 1u << 1,
  /* Imports neither WASI nor anything else provides are bound to functions
   * that trap when called (--allow-unknown-imports=trap). */
  WA_BUILD_TRAP_UNKNOWN_IMPORTS = 1u << 2,
};

/* A directory grant: --dir HOST[::GUEST] or --dir-ro HOST[::GUEST]. */
typedef struct wa_build_dir {
  const char *host;
  const char *guest;
  uint32_t read_only;
  uint32_t pad;
} wa_build_dir;

typedef struct wa_build_config {
  uint32_t version; /* WA_BUILD_CONFIG_VERSION */
  uint32_t flags;   /* wa_build_flag bits */
  const wa_module *module;
  uint32_t num_dirs;
  uint32_t num_env;
  const wa_build_dir *dirs;
  /* --env: "NAME=VALUE" sets NAME; "NAME" passes the host's value through
   * (nothing when the host has none). */
  const char *const *env;
  uint32_t num_listen;
  uint32_t pad;
  /* --tcplisten: "ADDR:PORT" sockets opened and listening before _start. */
  const char *const *listen;
  /* Resource limits; 0 leaves each unlimited (or at the runtime's default).
   * WASM_AOT_GRANTS may lower them, never raise them. */
  uint64_t fuel;       /* --fuel: instructions (the module meters fuel) */
  uint64_t timeout_ns; /* --timeout: wall-clock deadline of the run */
  uint64_t max_memory; /* --max-memory: bytes any one memory may grow to */
  uint64_t stack_size; /* --stack-size: bytes of stack the guest may use */
  /* The WASI functions the module imports (descriptors
   * `wa_wasi_function_NAME` of wasi.h), the only ones bound and so the only
   * ones linked into the program. */
  const struct wa_wasi_function *const *wasi_functions;
  uint32_t num_wasi_functions;
  uint32_t pad2;
} wa_build_config;

/* Emitted by `wasm-aot build`; read by runtime/main. */
extern const wa_build_config wasm_aot_build_config;

#ifdef __cplusplus
} /* extern "C" */

static_assert(sizeof(wa_build_dir) == 24 &&
                  offsetof(wa_build_dir, read_only) == 16,
              "wa_build_dir layout");
static_assert(offsetof(wa_build_config, module) == 8 &&
                  offsetof(wa_build_config, num_dirs) == 16 &&
                  offsetof(wa_build_config, num_env) == 20 &&
                  offsetof(wa_build_config, dirs) == 24 &&
                  offsetof(wa_build_config, env) == 32 &&
                  offsetof(wa_build_config, num_listen) == 40 &&
                  offsetof(wa_build_config, listen) == 48 &&
                  offsetof(wa_build_config, fuel) == 56 &&
                  offsetof(wa_build_config, stack_size) == 80 &&
                  offsetof(wa_build_config, wasi_functions) == 88 &&
                  offsetof(wa_build_config, num_wasi_functions) == 96 &&
                  sizeof(wa_build_config) == 104,
              "wa_build_config layout");
#else
_Static_assert(sizeof(wa_build_config) == 104, "wa_build_config layout");
#endif

#endif /* WASM_AOT_BUILD_CONFIG_H */
