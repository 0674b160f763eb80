/*===- quantity.c - Sizes, durations and counts written as text -*- C -*-===*/
#include "quantity.h"

#include <string.h>

typedef struct unit {
  const char *suffix;
  uint64_t scale;
} unit;

/* The units, one table each; a number without a unit is allowed only
 * where the table has an empty suffix. */
static const unit size_units[] = {
    {"", 1},           {"B", 1},
    {"K", 1ull << 10}, {"KiB", 1ull << 10},
    {"M", 1ull << 20}, {"MiB", 1ull << 20},
    {"G", 1ull << 30}, {"GiB", 1ull << 30},
};
static const unit duration_units[] = {
    {"ns", 1ull},          {"us", 1000ull},
    {"ms", 1000000ull},    {"s", 1000000000ull},
    {"m", 60000000000ull}, {"h", 3600000000000ull},
};
static const unit count_units[] = {{"", 1}};

/* digits, then one of `units`; the product must fit and be at least 1. */
static bool parse(const char *text, const unit *units, size_t num_units,
                  uint64_t *out) {
  if (text == NULL || *text < '0' || *text > '9')
    return false;
  uint64_t n = 0;
  const char *p = text;
  for (; *p >= '0' && *p <= '9'; ++p) {
    uint64_t digit = (uint64_t)(*p - '0');
    if (n > (UINT64_MAX - digit) / 10)
      return false;
    n = n * 10 + digit;
  }
  for (size_t i = 0; i < num_units; ++i) {
    if (strcmp(p, units[i].suffix) != 0)
      continue;
    if (n == 0 || n > UINT64_MAX / units[i].scale)
      return false;
    *out = n * units[i].scale;
    return true;
  }
  return false;
}

bool wa_parse_count(const char *text, uint64_t *count) {
  return parse(text, count_units, sizeof count_units / sizeof *count_units,
               count);
}

bool wa_parse_size(const char *text, uint64_t *bytes) {
  return parse(text, size_units, sizeof size_units / sizeof *size_units,
               bytes);
}

bool wa_parse_duration(const char *text, uint64_t *nanoseconds) {
  return parse(text, duration_units,
               sizeof duration_units / sizeof *duration_units, nanoseconds);
}
