/*===- wire.h - The text the spec runner and its executor exchange -*- C -*-===*
 *
 * The spec runner (wasm-aot-spec-run, on the host, with LLVM) and the
 * executor (wasm-aot-spec-exec, built for each target, without LLVM) talk
 * through files of lines made of space-separated tokens. This codec is the
 * only code that writes or reads them, on both sides, so the two cannot
 * disagree about a spelling. Token forms:
 *
 *   word       letters, digits and punctuation other than '"' (op names,
 *              state names, numbers in decimal)
 *   "string"   any bytes: 0x20..0x7e except '"' and '\' as themselves, every
 *              other byte as \hh (two lowercase hex digits). Names in wasm
 *              are byte strings and may hold NUL, newlines or quotes.
 *   TYPE:BITS  a value. TYPE is a value type's text name (i32, i64, f32,
 *              f64, v128, funcref, externref). Numbers: 0x and the bits in
 *              hex (8 digits for 32-bit types, 16 for 64-bit); v128: 0x and
 *              32 hex digits, byte 0 of memory first. References: null,
 *              nonnull (a reference the host did not make: a function, or
 *              an externref from elsewhere), or the decimal number of a
 *              host reference (externref only).
 *
 * test/spec/exec/README.md describes the plan and record files built from
 * these tokens.
 *===----------------------------------------------------------------------===*/
#ifndef WASM_AOT_SPEC_WIRE_H
#define WASM_AOT_SPEC_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What a reference value is on the wire. */
enum wire_ref {
  WIRE_REF_NULL = 0,
  WIRE_REF_HOST = 1,    /* a host reference; `bits` is its number */
  WIRE_REF_NONNULL = 2, /* any other non-null reference */
};

/* One value of any type. */
typedef struct wire_value {
  uint8_t type; /* a wa_valtype byte */
  uint8_t ref;  /* references: a wire_ref */
  uint64_t bits; /* numbers: the bits, zero-extended; host refs: the number */
  uint8_t v128[16];
} wire_value;

/* What the plan asks for, per command (README.md says what each does). */
typedef enum wire_op {
  WIRE_OP_SKIP,        /* nothing to run */
  WIRE_OP_CLEAR,       /* a module that was not built: no current module */
  WIRE_OP_MODULE,      /* load, instantiate, make current (and $name) */
  WIRE_OP_INSTANTIATE, /* load and instantiate to see it fail */
  WIRE_OP_REGISTER,
  WIRE_OP_INVOKE,
  WIRE_OP_GET,
  WIRE_NUM_OPS
} wire_op;

/* What the executor answers, per command. */
typedef enum wire_answer {
  WIRE_ANS_NONE,      /* ran nothing (skip, clear) */
  WIRE_ANS_OK,        /* done; an invoke or get adds its results */
  WIRE_ANS_LOAD,      /* the shared object did not load: "why" */
  WIRE_ANS_INST,      /* instantiation failed: wa_error_kind "message" */
  WIRE_ANS_NOINST,    /* no such instance (current or named) */
  WIRE_ANS_NOEXPORT,  /* no such export */
  WIRE_ANS_NOTFUNC,   /* invoke of an export that is not a function */
  WIRE_ANS_NOTGLOBAL, /* get of an export that is not a global */
  WIRE_ANS_SIGNATURE, /* the arguments do not fit: the parameter types */
  WIRE_ANS_TRAP,      /* the call trapped: "message" */
  WIRE_ANS_FAILED,    /* the call never ran (wa_call's WA_FAILED): "message" */
  WIRE_ANS_SETUP,     /* the store or spectest could not be made: "message" */
  WIRE_ANS_BADPLAN,   /* the plan's line did not parse */
  WIRE_ANS_OOM,       /* the executor ran out of memory */
  WIRE_NUM_ANSWERS
} wire_answer;

/* The word of an op or an answer ("skip", "ok", ...). */
const char *wire_op_name(wire_op op);
const char *wire_answer_name(wire_answer answer);

/* The text name of a value type byte ("i32", ...), or null for a byte
 * that is not one. */
const char *wire_type_name(uint8_t type);
/* The value type byte of a text name of `len` bytes; false if none. */
bool wire_type_byte(const char *name, size_t len, uint8_t *type);

/* ---- Writing ----
 * A growable buffer of text. Allocation failure is sticky (`failed`) and
 * checked once, when the buffer is used. */
typedef struct wire_buf {
  char *data;
  size_t len;
  size_t cap;
  bool failed;
} wire_buf;

void wire_buf_free(wire_buf *b);
void wire_buf_clear(wire_buf *b);
/* Each of these starts a new token, separated by one space from the
 * previous one on the line. */
void wire_word(wire_buf *b, const char *word);
void wire_uint(wire_buf *b, uint64_t value);
void wire_string(wire_buf *b, const char *bytes, size_t len);
void wire_value_put(wire_buf *b, const wire_value *value);
/* Ends the line. */
void wire_newline(wire_buf *b);

/* ---- Reading ----
 * A cursor over one line, which is decoded in place (strings shrink), so
 * the caller owns a writable copy. Each reader skips the spaces before
 * its token and returns false, consuming nothing, when the next token is
 * missing or not of its form. */
typedef struct wire_line {
  char *pos;
  char *end;
} wire_line;

/* Makes a cursor over [start, end), which holds no newline. */
wire_line wire_line_of(char *start, char *end);
/* The next word (its bytes stay in the line, not NUL-terminated). */
bool wire_get_word(wire_line *l, const char **word, size_t *len);
/* Whether the next token is exactly `word`; consumes it if so. */
bool wire_get_keyword(wire_line *l, const char *word);
bool wire_get_uint(wire_line *l, uint64_t *value);
/* The next string, decoded in place and NUL-terminated (it may hold NULs
 * itself: use `len`). */
bool wire_get_string(wire_line *l, char **bytes, size_t *len);
bool wire_get_value(wire_line *l, wire_value *value);
/* The next word as an op or an answer. */
bool wire_get_op(wire_line *l, wire_op *op);
bool wire_get_answer(wire_line *l, wire_answer *answer);
/* Whether only spaces are left. */
bool wire_at_end(const wire_line *l);

/* Splits a buffer into lines: returns the start of the next line at or
 * after *pos, stores its end (the newline, or `end`) in *line_end and
 * advances *pos past the newline. Null when nothing is left. A last line
 * without its newline is not returned when `complete_only` is set (the
 * writer died while writing it). */
char *wire_next_line(char **pos, char *end, char **line_end,
                     bool complete_only);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* WASM_AOT_SPEC_WIRE_H */
