/*===- host_refs.c - Host references of the spec scripts ------------------===*
 *
 * A list of cells, searched linearly: a script uses a handful of numbers.
 *===----------------------------------------------------------------------===*/
#include "host_refs.h"

#include <stddef.h>
#include <stdlib.h>

typedef struct cell {
  uint64_t number;
  struct cell *next;
} cell;

static cell *cells;

void *host_ref_pointer(uint64_t number) {
  for (cell *c = cells; c; c = c->next)
    if (c->number == number)
      return c;
  cell *c = malloc(sizeof *c);
  if (!c)
    return NULL;
  c->number = number;
  c->next = cells;
  cells = c;
  return c;
}

bool host_ref_number(const void *pointer, uint64_t *number) {
  /* Compare addresses only: a pointer that is not a cell is never read. */
  for (const cell *c = cells; c; c = c->next) {
    if ((const void *)c == pointer) {
      *number = c->number;
      return true;
    }
  }
  return false;
}
