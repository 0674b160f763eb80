/*===- host_refs.h - Host references of the spec scripts ------------*- C -*-===*
 *
 * A script writes an externref it passes as a number ("ref.extern 1"); the
 * executor hands compiled code a distinct non-null pointer for each number
 * and recognises it when it comes back in a result. Each pointer is the
 * address of a cell holding its number; cells are never freed, since the
 * process ends with its file.
 *===----------------------------------------------------------------------===*/
#ifndef WASM_AOT_SPEC_HOST_REFS_H
#define WASM_AOT_SPEC_HOST_REFS_H

#include <stdbool.h>
#include <stdint.h>

/* The pointer for `number`, the same one every time; null when out of
 * memory. */
void *host_ref_pointer(uint64_t number);

/* The number of a pointer host_ref_pointer handed out; false for any
 * other pointer (which is never read through). */
bool host_ref_number(const void *pointer, uint64_t *number);

#endif /* WASM_AOT_SPEC_HOST_REFS_H */
