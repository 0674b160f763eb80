/*===- grants.h - The grants a built program runs with ----------*- C -*-===*
 *
 * What the guest of a `wasm-aot build` program may reach: the grants baked
 * in at build time (wasm_aot_build_config) plus those given at run time
 * through the one channel, the environment variable WASM_AOT_GRANTS.
 *===----------------------------------------------------------------------===*/
#ifndef WASM_AOT_MAIN_GRANTS_H
#define WASM_AOT_MAIN_GRANTS_H

#include "wasm-aot/build_config.h"
#include "wasm-aot/wasi.h"

#include <stdbool.h>
#include <stddef.h>

/* The variable that carries run-time grants. The guest never sees it. */
#define WA_GRANTS_VARIABLE "WASM_AOT_GRANTS"

typedef struct wa_grants {
  wa_wasi_dir *dirs;
  size_t dir_count;
  /* "NAME=VALUE" strings, or "NAME" (pass the host's value through). */
  const char **env;
  size_t env_count;
  const char **listen; /* "ADDR:PORT" */
  size_t listen_count;
  /* Names --no-env removed: kept out of the inherited environment. */
  const char **unset;
  size_t unset_count;
  bool inherit_env;
  /* Resource limits (0: none), baked or lowered at run time: instructions,
   * nanoseconds, bytes, bytes. */
  uint64_t fuel;
  uint64_t timeout_ns;
  uint64_t max_memory;
  uint64_t stack_size;
  char *storage; /* the copy of WASM_AOT_GRANTS the strings point into */
} wa_grants;

/* Collects the baked grants of `config`, then applies those of
 * `runtime_grants` (the value of WASM_AOT_GRANTS, or null) in order:
 * whitespace-separated tokens that add (--dir=HOST[::GUEST],
 * --dir-ro=HOST[::GUEST], --env=NAME=VALUE, --env=NAME, --inherit-env,
 * --tcplisten=ADDR:PORT) or narrow (--no-dir=GUEST, --no-env=NAME,
 * --no-inherit-env, --no-tcplisten=ADDR:PORT, and the limits --fuel=N,
 * --timeout=DURATION, --max-memory=SIZE, --stack-size=SIZE, which may only
 * lower a baked limit or set one the build left open). A directory granted again
 * under the same guest path replaces the earlier grant, so --dir-ro makes
 * a baked --dir read-only. False, with a message in `why`, for a malformed
 * token, a --no-dir or --no-tcplisten that matches no grant, a limit that
 * would be raised (or that the module's code cannot enforce), or run-time
 * grants in a program built with --no-runtime-grants. */
bool wa_grants_collect(const wa_build_config *config,
                       const char *runtime_grants, wa_grants *grants,
                       char *why, size_t why_size);

/* The guest's environment: with inherit_env the host's (without
 * WASM_AOT_GRANTS and the names --no-env removed), then each --env grant
 * in order, a later NAME replacing an earlier one. A null-terminated array of "NAME=VALUE"; null when out
 * of memory. */
const char **wa_grants_environment(const wa_grants *grants, char **host_env,
                                   size_t *count);

void wa_grants_free(wa_grants *grants);

#endif /* WASM_AOT_MAIN_GRANTS_H */
