/*===- quantity.h - Sizes, durations and counts written as text -*- C -*-===*
 *
 * The one reading of "64MiB", "500ms" or "1000000" for the resource limits
 * of built programs: `wasm-aot build` (the tool compiles this file too)
 * checks its options with it, and the program's main() reads the run-time
 * channel (WASM_AOT_GRANTS) with it, so both accept exactly the same text.
 *===----------------------------------------------------------------------===*/
#ifndef WASM_AOT_MAIN_QUANTITY_H
#define WASM_AOT_MAIN_QUANTITY_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A decimal count, at least 1: "1000000". */
bool wa_parse_count(const char *text, uint64_t *count);
/* A byte size, at least 1: a decimal number with an optional unit, B, K or
 * KiB, M or MiB, G or GiB (powers of 1024): "4096", "512KiB", "64M". */
bool wa_parse_size(const char *text, uint64_t *bytes);
/* A duration, more than zero: a decimal number and a unit, ns, us, ms, s,
 * m or h: "500ms", "10s", "2m". */
bool wa_parse_duration(const char *text, uint64_t *nanoseconds);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* WASM_AOT_MAIN_QUANTITY_H */
