/*===- spectest.h - The spec suite's "spectest" host module ---------*- C -*-===*
 *
 * The scripts import from a module named "spectest" that every embedder
 * provides: print functions that do nothing, four immutable globals (i32
 * and i64 666, f32 and f64 666.6), a funcref table of 10..20 elements and a
 * memory of 1..2 pages. They are made through the embedding API like any
 * host's objects, with the values of the reference interpreter's spectest
 * module, which the scripts' expected results depend on.
 *===----------------------------------------------------------------------===*/
#ifndef WASM_AOT_SPEC_SPECTEST_H
#define WASM_AOT_SPEC_SPECTEST_H

#include "wasm-aot/runtime.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct spectest spectest;

/* Creates the module's functions, globals and table in `store`; its
 * memory (of `mode`) is made when first asked for. Null on failure, with
 * the reason in *error ("spectest.NAME: ..."). */
spectest *spectest_new(wa_store *store, wa_memory_mode mode, wa_error *error);

/* Looks up the export `name` of `len` bytes: 1 and *out when spectest has
 * it, 0 when it has not, -1 when making it failed (reason in *error). */
int spectest_lookup(spectest *module, const char *name, size_t len,
                    wa_extern *out, wa_error *error);

#endif /* WASM_AOT_SPEC_SPECTEST_H */
