/*===- wire.c - The text the spec runner and its executor exchange --------===*
 *
 * See wire.h for the token forms. Plain C11 with no dependency beyond libc,
 * so that the same file builds into the host runner and every target's
 * executor.
 *===----------------------------------------------------------------------===*/
#include "wire.h"

#include "wasm-aot/abi.h"

#include <stdlib.h>
#include <string.h>

/* The one table of value type names. */
static const struct {
  uint8_t type;
  const char *name;
} type_names[] = {
    {WA_I32, "i32"},         {WA_I64, "i64"},   {WA_F32, "f32"},
    {WA_F64, "f64"},         {WA_V128, "v128"}, {WA_FUNCREF, "funcref"},
    {WA_EXTERNREF, "externref"},
};
#define NUM_TYPES (sizeof type_names / sizeof type_names[0])

static const char hex_digits[] = "0123456789abcdef";

/* The one table of op words, in wire_op order. */
static const char *const op_names[WIRE_NUM_OPS] = {
    "skip", "clear", "module", "instantiate", "register", "invoke", "get",
};

/* The one table of answer words, in wire_answer order. */
static const char *const answer_names[WIRE_NUM_ANSWERS] = {
    "none",     "ok",        "load",      "inst",  "noinst",
    "noexport", "notfunc",   "notglobal", "signature", "trap",
    "failed",   "setup",     "badplan",   "oom",
};

const char *wire_op_name(wire_op op) {
  return (unsigned)op < WIRE_NUM_OPS ? op_names[op] : "?";
}

const char *wire_answer_name(wire_answer answer) {
  return (unsigned)answer < WIRE_NUM_ANSWERS ? answer_names[answer] : "?";
}

const char *wire_type_name(uint8_t type) {
  for (size_t i = 0; i < NUM_TYPES; ++i)
    if (type_names[i].type == type)
      return type_names[i].name;
  return NULL;
}

bool wire_type_byte(const char *name, size_t len, uint8_t *type) {
  for (size_t i = 0; i < NUM_TYPES; ++i) {
    if (strlen(type_names[i].name) == len &&
        memcmp(type_names[i].name, name, len) == 0) {
      *type = type_names[i].type;
      return true;
    }
  }
  return false;
}

static bool is_ref_type(uint8_t type) {
  return type == WA_FUNCREF || type == WA_EXTERNREF;
}

/* Hex digits of a number type's bits. */
static unsigned number_digits(uint8_t type) {
  return type == WA_I32 || type == WA_F32 ? 8 : 16;
}

/* ---- Writing ---- */

static void reserve(wire_buf *b, size_t more) {
  if (b->failed || b->len + more <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + more)
    cap *= 2;
  char *data = realloc(b->data, cap);
  if (!data) {
    b->failed = true;
    return;
  }
  b->data = data;
  b->cap = cap;
}

static void put(wire_buf *b, const char *s, size_t n) {
  reserve(b, n);
  if (b->failed)
    return;
  memcpy(b->data + b->len, s, n);
  b->len += n;
}

static void put_char(wire_buf *b, char c) { put(b, &c, 1); }

/* A space before every token but the first of a line. */
static void separate(wire_buf *b) {
  if (b->len > 0 && b->data[b->len - 1] != '\n')
    put_char(b, ' ');
}

void wire_buf_free(wire_buf *b) {
  free(b->data);
  memset(b, 0, sizeof *b);
}

void wire_buf_clear(wire_buf *b) {
  b->len = 0;
  b->failed = false;
}

void wire_word(wire_buf *b, const char *word) {
  separate(b);
  put(b, word, strlen(word));
}

static void put_decimal(wire_buf *b, uint64_t value) {
  char digits[20];
  size_t n = 0;
  do {
    digits[n++] = (char)('0' + value % 10);
    value /= 10;
  } while (value);
  while (n)
    put_char(b, digits[--n]);
}

void wire_uint(wire_buf *b, uint64_t value) {
  separate(b);
  put_decimal(b, value);
}

void wire_string(wire_buf *b, const char *bytes, size_t len) {
  separate(b);
  put_char(b, '"');
  for (size_t i = 0; i < len; ++i) {
    unsigned char c = (unsigned char)bytes[i];
    if (c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') {
      put_char(b, (char)c);
      continue;
    }
    char esc[3] = {'\\', hex_digits[c >> 4], hex_digits[c & 15]};
    put(b, esc, 3);
  }
  put_char(b, '"');
}

void wire_value_put(wire_buf *b, const wire_value *v) {
  separate(b);
  const char *name = wire_type_name(v->type);
  if (!name) {
    /* Not a value type: written so that no reader accepts it. */
    put(b, "?:?", 3);
    return;
  }
  put(b, name, strlen(name));
  put_char(b, ':');
  if (is_ref_type(v->type)) {
    if (v->ref == WIRE_REF_NULL)
      put(b, "null", 4);
    else if (v->ref == WIRE_REF_HOST)
      put_decimal(b, v->bits);
    else
      put(b, "nonnull", 7);
    return;
  }
  put(b, "0x", 2);
  if (v->type == WA_V128) {
    for (unsigned i = 0; i < 16; ++i) {
      put_char(b, hex_digits[v->v128[i] >> 4]);
      put_char(b, hex_digits[v->v128[i] & 15]);
    }
    return;
  }
  for (unsigned i = number_digits(v->type); i-- > 0;)
    put_char(b, hex_digits[(v->bits >> (4 * i)) & 15]);
}

void wire_newline(wire_buf *b) { put_char(b, '\n'); }

/* ---- Reading ---- */

wire_line wire_line_of(char *start, char *end) {
  wire_line l = {start, end};
  return l;
}

static void skip_spaces(wire_line *l) {
  while (l->pos < l->end && *l->pos == ' ')
    ++l->pos;
}

/* The extent of the next space-delimited token, after the spaces. */
static size_t token_length(wire_line *l) {
  skip_spaces(l);
  size_t n = 0;
  while (l->pos + n < l->end && l->pos[n] != ' ')
    ++n;
  return n;
}

bool wire_at_end(const wire_line *l) {
  for (const char *p = l->pos; p < l->end; ++p)
    if (*p != ' ')
      return false;
  return true;
}

bool wire_get_word(wire_line *l, const char **word, size_t *len) {
  size_t n = token_length(l);
  if (n == 0 || l->pos[0] == '"')
    return false;
  *word = l->pos;
  *len = n;
  l->pos += n;
  return true;
}

bool wire_get_keyword(wire_line *l, const char *word) {
  size_t n = token_length(l);
  if (n != strlen(word) || memcmp(l->pos, word, n) != 0)
    return false;
  l->pos += n;
  return true;
}

static bool parse_decimal(const char *s, size_t n, uint64_t *value) {
  if (n == 0 || n > 20)
    return false;
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    if (s[i] < '0' || s[i] > '9')
      return false;
    uint64_t digit = (uint64_t)(s[i] - '0');
    if (v > (UINT64_MAX - digit) / 10)
      return false;
    v = v * 10 + digit;
  }
  *value = v;
  return true;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

bool wire_get_uint(wire_line *l, uint64_t *value) {
  size_t n = token_length(l);
  if (!parse_decimal(l->pos, n, value))
    return false;
  l->pos += n;
  return true;
}

bool wire_get_string(wire_line *l, char **bytes, size_t *len) {
  skip_spaces(l);
  if (l->pos == l->end || *l->pos != '"')
    return false;
  /* Find the closing quote first, so that nothing is consumed (or
   * rewritten) when the token is broken. */
  char *close = l->pos + 1;
  while (close < l->end && *close != '"') {
    if (*close == '\\') {
      if (l->end - close < 3 || hex_value(close[1]) < 0 ||
          hex_value(close[2]) < 0)
        return false;
      close += 3;
    } else {
      ++close;
    }
  }
  if (close == l->end)
    return false;
  char *out = l->pos, *in = l->pos + 1;
  size_t n = 0;
  while (in < close) {
    if (*in == '\\') {
      out[n++] = (char)(hex_value(in[1]) << 4 | hex_value(in[2]));
      in += 3;
    } else {
      out[n++] = *in++;
    }
  }
  out[n] = '\0'; /* at most where the closing quote was */
  *bytes = out;
  *len = n;
  l->pos = close + 1;
  return true;
}

static bool parse_hex(const char *s, size_t n, uint64_t *value) {
  if (n == 0 || n > 16)
    return false;
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    int d = hex_value(s[i]);
    if (d < 0)
      return false;
    v = v << 4 | (uint64_t)d;
  }
  *value = v;
  return true;
}

bool wire_get_value(wire_line *l, wire_value *value) {
  size_t n = token_length(l);
  const char *s = l->pos;
  const char *colon = memchr(s, ':', n);
  if (!colon)
    return false;
  wire_value v;
  memset(&v, 0, sizeof v);
  if (!wire_type_byte(s, (size_t)(colon - s), &v.type))
    return false;
  const char *rest = colon + 1;
  size_t rest_len = n - (size_t)(rest - s);
  if (is_ref_type(v.type)) {
    if (rest_len == 4 && memcmp(rest, "null", 4) == 0) {
      v.ref = WIRE_REF_NULL;
    } else if (rest_len == 7 && memcmp(rest, "nonnull", 7) == 0) {
      v.ref = WIRE_REF_NONNULL;
    } else {
      /* Host reference numbers: externref only. */
      if (v.type != WA_EXTERNREF || !parse_decimal(rest, rest_len, &v.bits))
        return false;
      v.ref = WIRE_REF_HOST;
    }
  } else {
    if (rest_len < 2 || rest[0] != '0' || rest[1] != 'x')
      return false;
    rest += 2;
    rest_len -= 2;
    if (v.type == WA_V128) {
      if (rest_len != 32)
        return false;
      for (unsigned i = 0; i < 16; ++i) {
        int hi = hex_value(rest[2 * i]), lo = hex_value(rest[2 * i + 1]);
        if (hi < 0 || lo < 0)
          return false;
        v.v128[i] = (uint8_t)(hi << 4 | lo);
      }
    } else if (rest_len != number_digits(v.type) ||
               !parse_hex(rest, rest_len, &v.bits)) {
      return false;
    }
  }
  *value = v;
  l->pos += n;
  return true;
}

/* The index in `names` of the next word, or -1 (nothing consumed). */
static int get_name(wire_line *l, const char *const *names, int count) {
  size_t n = token_length(l);
  for (int i = 0; i < count; ++i) {
    if (strlen(names[i]) == n && memcmp(l->pos, names[i], n) == 0) {
      l->pos += n;
      return i;
    }
  }
  return -1;
}

bool wire_get_op(wire_line *l, wire_op *op) {
  int i = get_name(l, op_names, WIRE_NUM_OPS);
  if (i < 0)
    return false;
  *op = (wire_op)i;
  return true;
}

bool wire_get_answer(wire_line *l, wire_answer *answer) {
  int i = get_name(l, answer_names, WIRE_NUM_ANSWERS);
  if (i < 0)
    return false;
  *answer = (wire_answer)i;
  return true;
}

char *wire_next_line(char **pos, char *end, char **line_end,
                     bool complete_only) {
  if (*pos >= end)
    return NULL;
  char *start = *pos;
  char *nl = memchr(start, '\n', (size_t)(end - start));
  if (!nl) {
    if (complete_only)
      return NULL;
    *line_end = end;
    *pos = end;
    return start;
  }
  *line_end = nl;
  *pos = nl + 1;
  return start;
}
