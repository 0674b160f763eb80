/*===- exec.c - wasm-aot-spec-exec: runs one spec file's plan -------------===*
 *
 *   wasm-aot-spec-exec PLAN RECORDS
 *
 * The execution side of the spec runner, built for every target with that
 * target's runtime linked in whole (compiled modules are shared objects
 * whose wa_* references resolve against this executable when they are
 * dlopened). wasm-aot-spec-run compiles and links a .wast file's modules
 * on the host, writes the PLAN (README.md in this directory: one line per
 * command of the file, saying what to do) and runs this program, natively
 * or under qemu-user. For each line of the plan it appends one line to
 * RECORDS saying what happened: the results of a call as raw bits, a trap
 * and its message, an instantiation error. It judges nothing: whether a
 * result matches what the script expects is decided on the host
 * (test/spec/Judge.cpp), so the comparisons are written once.
 *
 * Each record is one write(2), so everything finished survives a crash;
 * a missing record tells the runner where the process died. One process
 * runs one file, with one store that lives until it exits.
 *
 * Exit status: 0 when the plan ran, 1 when the store or the spectest
 * module could not be set up (every line then has a "setup" record), 2
 * for a usage error or an unreadable plan.
 *===----------------------------------------------------------------------===*/
#include "host_refs.h"
#include "name_table.h"
#include "spectest.h"
#include "wire.h"

#include "wasm-aot/runtime.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The descriptor symbol the runner compiles every module with. */
static const char module_symbol[] = "wasm_aot_module";

typedef struct executor {
  wa_store *store;
  spectest *spectest;
  wa_memory_mode mode;
  wa_instance *current; /* the module commands act on by default */
  name_table named;      /* by $name */
  name_table registered; /* by the name given to register */
  wire_buf record;
  int records_fd;
} executor;

/* ---- Records ---- */

static void write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return;
    p += w;
    n -= (size_t)w;
  }
}

/* Writes the record of command `index` under construction as one line,
 * in one write. */
static void finish_record(executor *x, uint64_t index) {
  wire_newline(&x->record);
  if (x->record.failed) {
    char oom[32];
    int n = snprintf(oom, sizeof oom, "%llu oom\n", (unsigned long long)index);
    write_all(x->records_fd, oom, (size_t)n);
  } else {
    write_all(x->records_fd, x->record.data, x->record.len);
  }
  wire_buf_clear(&x->record);
}

static void answer(executor *x, wire_answer a) {
  wire_word(&x->record, wire_answer_name(a));
}

static void answer_text(executor *x, wire_answer a, const char *text) {
  answer(x, a);
  wire_string(&x->record, text, strlen(text));
}

/* ---- Modules ---- */

/* dlopens a module's shared object; it stays loaded for the life of the
 * process (the store points into it). Null with the reason in `why`. */
static const wa_module *load_module(const char *path, char *why,
                                    size_t why_len) {
  /* RTLD_LOCAL: every module defines the same descriptor symbol. */
  void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    snprintf(why, why_len, "dlopen failed: %s", dlerror());
    return NULL;
  }
  const wa_module *m = dlsym(handle, module_symbol);
  if (!m) {
    snprintf(why, why_len, "no symbol %s in %s", module_symbol, path);
    return NULL;
  }
  if (m->abi_version != WA_ABI_VERSION) {
    snprintf(why, why_len, "module ABI version %u, runtime expects %u",
             (unsigned)m->abi_version, (unsigned)WA_ABI_VERSION);
    return NULL;
  }
  return m;
}

/* Instantiates with one binding per import that exists: spectest's, or an
 * export of a registered instance. A missing one is left for the runtime
 * to report ("unknown import"). Names are byte strings: everything goes by
 * length. Returns false with *error filled. */
static bool instantiate(executor *x, const wa_module *m, wa_instance **inst,
                        wa_error *error) {
  memset(error, 0, sizeof *error);
  *inst = NULL;
  wa_import_binding_n *bindings =
      calloc(m->num_imports ? m->num_imports : 1, sizeof *bindings);
  if (!bindings) {
    error->kind = WA_ERROR_RESOURCE;
    snprintf(error->message, sizeof error->message, "executor: out of memory");
    return false;
  }
  size_t n = 0;
  for (uint32_t i = 0; i < m->num_imports; ++i) {
    const wa_import *imp = &m->imports[i];
    wa_import_binding_n *b = &bindings[n];
    b->module = imp->module;
    b->module_len = imp->module_len;
    b->name = imp->name;
    b->name_len = imp->name_len;
    if (imp->module_len == 8 && memcmp(imp->module, "spectest", 8) == 0) {
      int found = spectest_lookup(x->spectest, imp->name, imp->name_len,
                                  &b->value, error);
      if (found < 0) {
        free(bindings);
        return false;
      }
      n += (size_t)found;
      continue;
    }
    wa_instance *from =
        name_table_get(&x->registered, imp->module, imp->module_len);
    if (from &&
        wa_instance_export_n(from, imp->name, imp->name_len, &b->value))
      ++n;
  }
  bool ok = wa_instantiate_n(x->store, m, bindings, n, inst, error);
  free(bindings);
  return ok;
}

/* Loads and instantiates; writes "load" or "inst" records on failure. */
static wa_instance *load_and_instantiate(executor *x, const char *path) {
  char why[512];
  const wa_module *m = load_module(path, why, sizeof why);
  if (!m) {
    answer_text(x, WIRE_ANS_LOAD, why);
    return NULL;
  }
  wa_instance *inst;
  wa_error error;
  if (!instantiate(x, m, &inst, &error)) {
    answer(x, WIRE_ANS_INST);
    wire_uint(&x->record, (uint64_t)error.kind);
    wire_string(&x->record, error.message,
                strnlen(error.message, sizeof error.message));
    return NULL;
  }
  return inst;
}

/* ---- Values ---- */

static bool to_runtime(const wire_value *v, wa_value *out) {
  memset(out, 0, sizeof *out);
  switch (v->type) {
  case WA_I32:
  case WA_F32: {
    uint32_t bits = (uint32_t)v->bits;
    memcpy(out, &bits, 4);
    return true;
  }
  case WA_I64:
  case WA_F64:
    memcpy(out, &v->bits, 8);
    return true;
  case WA_V128:
    memcpy(out->v128, v->v128, 16);
    return true;
  case WA_FUNCREF:
    /* Only null function references can be written in a script. */
    return v->ref == WIRE_REF_NULL;
  case WA_EXTERNREF:
    if (v->ref == WIRE_REF_NULL)
      return true;
    if (v->ref != WIRE_REF_HOST)
      return false;
    out->ref = host_ref_pointer(v->bits);
    return out->ref != NULL;
  }
  return false;
}

static wire_value from_runtime(uint8_t type, const wa_value *v) {
  wire_value w;
  memset(&w, 0, sizeof w);
  w.type = type;
  switch (type) {
  case WA_I32:
  case WA_F32: {
    uint32_t bits;
    memcpy(&bits, v, 4);
    w.bits = bits;
    break;
  }
  case WA_I64:
  case WA_F64:
    memcpy(&w.bits, v, 8);
    break;
  case WA_V128:
    memcpy(w.v128, v->v128, 16);
    break;
  case WA_FUNCREF:
    w.ref = v->ref ? WIRE_REF_NONNULL : WIRE_REF_NULL;
    break;
  case WA_EXTERNREF:
    if (!v->ref)
      w.ref = WIRE_REF_NULL;
    else if (host_ref_number(v->ref, &w.bits))
      w.ref = WIRE_REF_HOST;
    else
      w.ref = WIRE_REF_NONNULL;
    break;
  }
  return w;
}

/* ---- Operations ---- */

/* The instance a command names: its $name, or the current module. */
static wa_instance *instance_for(executor *x, const char *name, size_t len) {
  return len == 0 ? x->current : name_table_get(&x->named, name, len);
}

static void op_module(executor *x, wire_line *l) {
  char *path, *name;
  size_t path_len, name_len;
  if (!wire_get_string(l, &path, &path_len) ||
      !wire_get_string(l, &name, &name_len)) {
    answer(x, WIRE_ANS_BADPLAN);
    return;
  }
  /* A module that fails leaves no current module. */
  x->current = NULL;
  wa_instance *inst = load_and_instantiate(x, path);
  if (!inst)
    return;
  x->current = inst;
  if (name_len && !name_table_set(&x->named, name, name_len, inst)) {
    answer(x, WIRE_ANS_OOM);
    return;
  }
  answer(x, WIRE_ANS_OK);
}

static void op_instantiate(executor *x, wire_line *l) {
  char *path;
  size_t path_len;
  if (!wire_get_string(l, &path, &path_len)) {
    answer(x, WIRE_ANS_BADPLAN);
    return;
  }
  if (load_and_instantiate(x, path))
    answer(x, WIRE_ANS_OK);
}

static void op_register(executor *x, wire_line *l) {
  char *name, *as;
  size_t name_len, as_len;
  if (!wire_get_string(l, &name, &name_len) ||
      !wire_get_string(l, &as, &as_len)) {
    answer(x, WIRE_ANS_BADPLAN);
    return;
  }
  wa_instance *inst = instance_for(x, name, name_len);
  if (!inst) {
    answer(x, WIRE_ANS_NOINST);
    return;
  }
  if (!name_table_set(&x->registered, as, as_len, inst)) {
    answer(x, WIRE_ANS_OOM);
    return;
  }
  answer(x, WIRE_ANS_OK);
}

/* The export a get or invoke names, or null after writing why not. */
static bool find_export(executor *x, wire_line *l, wa_extern *out) {
  char *name, *field;
  size_t name_len, field_len;
  if (!wire_get_string(l, &name, &name_len) ||
      !wire_get_string(l, &field, &field_len)) {
    answer(x, WIRE_ANS_BADPLAN);
    return false;
  }
  wa_instance *inst = instance_for(x, name, name_len);
  if (!inst) {
    answer(x, WIRE_ANS_NOINST);
    return false;
  }
  if (!wa_instance_export_n(inst, field, field_len, out)) {
    answer(x, WIRE_ANS_NOEXPORT);
    return false;
  }
  return true;
}

static void op_get(executor *x, wire_line *l) {
  wa_extern e;
  if (!find_export(x, l, &e))
    return;
  if (e.kind != WA_EXTERN_GLOBAL) {
    answer(x, WIRE_ANS_NOTGLOBAL);
    return;
  }
  wa_value v = wa_global_get(e.of.global);
  wire_value w = from_runtime(wa_global_type(e.of.global), &v);
  answer(x, WIRE_ANS_OK);
  wire_value_put(&x->record, &w);
}

/* The function's parameter types, when the script's arguments do not fit
 * them (the runner says how). */
static void record_signature(executor *x, const wa_func_type *t) {
  answer(x, WIRE_ANS_SIGNATURE);
  for (uint32_t i = 0; i < t->num_params; ++i) {
    const char *name = wire_type_name(t->params[i]);
    wire_word(&x->record, name ? name : "?");
  }
}

static void op_invoke(executor *x, wire_line *l) {
  wa_extern e;
  if (!find_export(x, l, &e))
    return;
  if (e.kind != WA_EXTERN_FUNC) {
    answer(x, WIRE_ANS_NOTFUNC);
    return;
  }
  const wa_func_type *t = wa_function_type(e.of.func);
  /* Enough room for either the arguments or the results. */
  size_t slots = t->num_params > t->num_results ? t->num_params
                                                : t->num_results;
  wa_value *args = calloc(slots ? slots : 1, sizeof *args);
  wa_value *results = calloc(slots ? slots : 1, sizeof *results);
  if (!args || !results) {
    free(args);
    free(results);
    answer(x, WIRE_ANS_OOM);
    return;
  }
  uint32_t n = 0;
  bool fits = true;
  while (!wire_at_end(l)) {
    wire_value v;
    if (!wire_get_value(l, &v)) {
      free(args);
      free(results);
      answer(x, WIRE_ANS_BADPLAN);
      return;
    }
    if (n >= t->num_params || v.type != t->params[n] ||
        !to_runtime(&v, &args[n]))
      fits = false;
    ++n;
  }
  if (!fits || n != t->num_params) {
    free(args);
    free(results);
    record_signature(x, t);
    return;
  }
  wa_result r = wa_call(e.of.func, args, t->num_params, results,
                        t->num_results);
  if (r.status == WA_OK) {
    answer(x, WIRE_ANS_OK);
    for (uint32_t i = 0; i < t->num_results; ++i) {
      wire_value w = from_runtime(t->results[i], &results[i]);
      wire_value_put(&x->record, &w);
    }
  } else {
    answer_text(x, r.status == WA_TRAPPED ? WIRE_ANS_TRAP : WIRE_ANS_FAILED,
                r.message ? r.message : "");
  }
  free(args);
  free(results);
}

/* Runs one line of the plan, leaving its record in x->record. */
static void run_line(executor *x, wire_line *l) {
  wire_op op;
  if (!wire_get_op(l, &op)) {
    answer(x, WIRE_ANS_BADPLAN);
    return;
  }
  switch (op) {
  case WIRE_OP_SKIP:
    answer(x, WIRE_ANS_NONE);
    return;
  case WIRE_OP_CLEAR:
    /* A module that was never built, or a text one: it leaves no current
     * module, as one that fails to instantiate does. */
    x->current = NULL;
    answer(x, WIRE_ANS_NONE);
    return;
  case WIRE_OP_MODULE:
    op_module(x, l);
    return;
  case WIRE_OP_INSTANTIATE:
    op_instantiate(x, l);
    return;
  case WIRE_OP_REGISTER:
    op_register(x, l);
    return;
  case WIRE_OP_INVOKE:
    op_invoke(x, l);
    return;
  case WIRE_OP_GET:
    op_get(x, l);
    return;
  case WIRE_NUM_OPS:
    break;
  }
  answer(x, WIRE_ANS_BADPLAN);
}

/* ---- The plan ---- */

static char *read_file(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, len = 0;
  char *data = malloc(cap);
  while (data) {
    len += fread(data + len, 1, cap - len, f);
    if (len < cap)
      break;
    cap *= 2;
    char *grown = realloc(data, cap);
    if (!grown) {
      free(data);
      data = NULL;
    } else {
      data = grown;
    }
  }
  bool bad = ferror(f) != 0;
  fclose(f);
  if (bad) {
    free(data);
    return NULL;
  }
  *size = len;
  return data;
}

/* The header: "wasm-aot-spec-plan 1" then "memory guard|explicit". */
static bool read_header(char **pos, char *end, wa_memory_mode *mode) {
  char *line_end;
  char *line = wire_next_line(pos, end, &line_end, false);
  if (!line)
    return false;
  wire_line l = wire_line_of(line, line_end);
  uint64_t version;
  if (!wire_get_keyword(&l, "wasm-aot-spec-plan") ||
      !wire_get_uint(&l, &version) || version != 1 || !wire_at_end(&l))
    return false;
  line = wire_next_line(pos, end, &line_end, false);
  if (!line)
    return false;
  l = wire_line_of(line, line_end);
  if (!wire_get_keyword(&l, "memory"))
    return false;
  if (wire_get_keyword(&l, "guard"))
    *mode = WA_MEMORY_GUARD;
  else if (wire_get_keyword(&l, "explicit"))
    *mode = WA_MEMORY_EXPLICIT;
  else
    return false;
  return wire_at_end(&l);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: wasm-aot-spec-exec PLAN RECORDS\n");
    return 2;
  }
  size_t size;
  char *plan = read_file(argv[1], &size);
  if (!plan) {
    fprintf(stderr, "wasm-aot-spec-exec: cannot read %s: %s\n", argv[1],
            strerror(errno));
    return 2;
  }
  executor x;
  memset(&x, 0, sizeof x);
  char *pos = plan, *end = plan + size;
  if (!read_header(&pos, end, &x.mode)) {
    fprintf(stderr, "wasm-aot-spec-exec: %s: bad header\n", argv[1]);
    return 2;
  }
  x.records_fd =
      open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
  if (x.records_fd < 0) {
    fprintf(stderr, "wasm-aot-spec-exec: cannot write %s: %s\n", argv[2],
            strerror(errno));
    return 2;
  }

  wa_error setup;
  memset(&setup, 0, sizeof setup);
  x.store = wa_store_new(NULL);
  if (!x.store)
    snprintf(setup.message, sizeof setup.message, "wa_store_new failed");
  else
    x.spectest = spectest_new(x.store, x.mode, &setup);

  char *line_end;
  for (char *line; (line = wire_next_line(&pos, end, &line_end, false));) {
    wire_line l = wire_line_of(line, line_end);
    uint64_t index;
    if (!wire_get_uint(&l, &index))
      continue; /* not a command line: nothing to answer */
    wire_uint(&x.record, index);
    if (!x.spectest)
      answer_text(&x, WIRE_ANS_SETUP, setup.message);
    else
      run_line(&x, &l);
    finish_record(&x, index);
  }
  /* The store is left to process exit: instances may still be referenced
   * by tables of others, and the process ends right after this. */
  return x.spectest ? 0 : 1;
}
