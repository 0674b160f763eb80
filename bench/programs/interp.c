/*===- interp.c - A stack-machine bytecode interpreter, one call per op ----===*
 *
 * A small stack machine (32-bit unsigned words, a data stack, a return
 * stack, 16 global registers and a word memory) whose interpreter loop
 * dispatches every instruction through a table of function pointers: each
 * handler takes the machine and the pc and returns the next pc. Five
 * programs are assembled at start (with labels resolved by the assembler):
 * trial-division prime counting, a sieve of Eratosthenes in the machine's
 * memory, an iterated Fibonacci modulo a prime, recursive Fibonacci
 * (CALL/RET) and Collatz step counts. Each repetition runs all five with
 * parameters that cycle with the repetition; every result is checked
 * against the same computation written directly in C. Stresses indirect
 * calls (call_indirect with its signature check) and loads and stores
 * through a pointer that is never kept in a register across a call.
 *===----------------------------------------------------------------------===*/
#include "common.h"

static const char *const NAME = "interp";

enum {
  STACK_SIZE = 1024,
  RETURN_STACK_SIZE = 1024,
  REGISTERS = 16,
  MEMORY_WORDS = 1 << 18,
  CODE_SIZE = 4096,
  LABELS = 64,
};

typedef struct Machine Machine;
typedef int32_t (*Handler)(Machine *m, int32_t pc);

struct Machine {
  const int32_t *code;
  uint32_t *sp; /* the next free slot of stack */
  int32_t *rsp; /* the next free slot of return_stack */
  uint32_t reg[REGISTERS];
  uint32_t stack[STACK_SIZE];
  int32_t return_stack[RETURN_STACK_SIZE];
  uint32_t *memory; /* MEMORY_WORDS words; addresses wrap */
  uint64_t executed;
};

/* --- Instruction set -------------------------------------------------- */

enum Op {
  HALT, PUSH, DROP, DUP, SWAP, OVER,
  ADD, SUB, MUL, DIVU, REMU, AND, OR, XOR, SHL, SHRU,
  LTU, EQ, ISZERO,
  GET, SET, INC, /* register operand (INC: register, then amount) */
  JMP, JZ, JNZ, CALL, RET,
  LOAD, STORE, /* memory: LOAD addr -> value; STORE value addr -> */
  OP_COUNT
};

#define POP(m) (*--(m)->sp)
#define TOP(m) ((m)->sp[-1])

static int32_t op_halt(Machine *m, int32_t pc) { (void)m; (void)pc; return -1; }
static int32_t op_push(Machine *m, int32_t pc) { *m->sp++ = (uint32_t)m->code[pc + 1]; return pc + 2; }
static int32_t op_drop(Machine *m, int32_t pc) { m->sp--; return pc + 1; }
static int32_t op_dup(Machine *m, int32_t pc) { uint32_t v = TOP(m); *m->sp++ = v; return pc + 1; }
static int32_t op_swap(Machine *m, int32_t pc) {
  uint32_t v = m->sp[-1];
  m->sp[-1] = m->sp[-2];
  m->sp[-2] = v;
  return pc + 1;
}
static int32_t op_over(Machine *m, int32_t pc) { uint32_t v = m->sp[-2]; *m->sp++ = v; return pc + 1; }

#define BINARY(name, expression)                  \
  static int32_t name(Machine *m, int32_t pc) {   \
    uint32_t b = POP(m), a = TOP(m);              \
    TOP(m) = (expression);                        \
    return pc + 1;                                \
  }
BINARY(op_add, a + b)
BINARY(op_sub, a - b)
BINARY(op_mul, a * b)
BINARY(op_divu, b ? a / b : 0)
BINARY(op_remu, b ? a % b : 0)
BINARY(op_and, a & b)
BINARY(op_or, a | b)
BINARY(op_xor, a ^ b)
BINARY(op_shl, a << (b & 31))
BINARY(op_shru, a >> (b & 31))
BINARY(op_ltu, a < b)
BINARY(op_eq, a == b)

static int32_t op_iszero(Machine *m, int32_t pc) { TOP(m) = TOP(m) == 0; return pc + 1; }
static int32_t op_get(Machine *m, int32_t pc) { *m->sp++ = m->reg[m->code[pc + 1] & (REGISTERS - 1)]; return pc + 2; }
static int32_t op_set(Machine *m, int32_t pc) { m->reg[m->code[pc + 1] & (REGISTERS - 1)] = POP(m); return pc + 2; }
static int32_t op_inc(Machine *m, int32_t pc) {
  m->reg[m->code[pc + 1] & (REGISTERS - 1)] += (uint32_t)m->code[pc + 2];
  return pc + 3;
}
static int32_t op_jmp(Machine *m, int32_t pc) { return m->code[pc + 1]; }
static int32_t op_jz(Machine *m, int32_t pc) { return POP(m) == 0 ? m->code[pc + 1] : pc + 2; }
static int32_t op_jnz(Machine *m, int32_t pc) { return POP(m) != 0 ? m->code[pc + 1] : pc + 2; }
static int32_t op_call(Machine *m, int32_t pc) { *m->rsp++ = pc + 2; return m->code[pc + 1]; }
static int32_t op_ret(Machine *m, int32_t pc) { (void)pc; return *--m->rsp; }
static int32_t op_load(Machine *m, int32_t pc) {
  TOP(m) = m->memory[TOP(m) & (MEMORY_WORDS - 1)];
  return pc + 1;
}
static int32_t op_store(Machine *m, int32_t pc) {
  uint32_t address = POP(m), value = POP(m);
  m->memory[address & (MEMORY_WORDS - 1)] = value;
  return pc + 1;
}
static int32_t op_invalid(Machine *m, int32_t pc) { (void)m; (void)pc; fail(NAME, "invalid opcode"); }

static Handler const handlers[32] = {
    [HALT] = op_halt, [PUSH] = op_push, [DROP] = op_drop, [DUP] = op_dup, [SWAP] = op_swap,
    [OVER] = op_over, [ADD] = op_add, [SUB] = op_sub, [MUL] = op_mul, [DIVU] = op_divu,
    [REMU] = op_remu, [AND] = op_and, [OR] = op_or, [XOR] = op_xor, [SHL] = op_shl,
    [SHRU] = op_shru, [LTU] = op_ltu, [EQ] = op_eq, [ISZERO] = op_iszero, [GET] = op_get,
    [SET] = op_set, [INC] = op_inc, [JMP] = op_jmp, [JZ] = op_jz, [JNZ] = op_jnz,
    [CALL] = op_call, [RET] = op_ret, [LOAD] = op_load, [STORE] = op_store,
    [OP_COUNT] = op_invalid, op_invalid, op_invalid,
};

_Static_assert(OP_COUNT == 29, "handlers: the three entries after the last opcode are op_invalid");

/* Runs from pc until HALT; returns the top of the stack. */
static NOINLINE uint32_t run(Machine *m, int32_t pc) {
  m->sp = m->stack;
  m->rsp = m->return_stack;
  uint64_t executed = 0;
  while (pc >= 0) {
    pc = handlers[m->code[pc] & 31](m, pc);
    executed++;
  }
  m->executed += executed;
  if (m->sp <= m->stack || m->sp > m->stack + STACK_SIZE) fail(NAME, "stack out of bounds");
  return m->sp[-1];
}

/* --- Assembler -------------------------------------------------------- */

typedef struct {
  int32_t code[CODE_SIZE];
  int32_t size;
  int32_t label_at[LABELS];
  int32_t fixup_at[CODE_SIZE], fixup_label[CODE_SIZE];
  int32_t fixups, labels;
} Assembler;

static void emit(Assembler *a, int32_t word) {
  if (a->size >= CODE_SIZE) fail(NAME, "program too large");
  a->code[a->size++] = word;
}
static void op(Assembler *a, enum Op o) { emit(a, o); }
static void op1(Assembler *a, enum Op o, int32_t operand) { emit(a, o); emit(a, operand); }
static void inc(Assembler *a, int32_t reg, int32_t amount) { emit(a, INC); emit(a, reg); emit(a, amount); }
static int32_t new_label(Assembler *a) {
  if (a->labels >= LABELS) fail(NAME, "too many labels");
  a->label_at[a->labels] = -1;
  return a->labels++;
}
static void bind(Assembler *a, int32_t label) { a->label_at[label] = a->size; }
static void jump(Assembler *a, enum Op o, int32_t label) {
  emit(a, o);
  a->fixup_at[a->fixups] = a->size;
  a->fixup_label[a->fixups++] = label;
  emit(a, 0);
}
static void resolve(Assembler *a) {
  for (int32_t i = 0; i < a->fixups; i++) {
    int32_t target = a->label_at[a->fixup_label[i]];
    if (target < 0) fail(NAME, "unbound label");
    a->code[a->fixup_at[i]] = target;
  }
}

/* Register numbers of the programs. */
enum { R_N = 0, R_COUNT, R_D, R_I, R_J, R_A, R_B, R_K, R_X, R_STEPS };

/* Counts the primes below reg[R_N] by trial division. */
static int32_t emit_primes(Assembler *a) {
  int32_t entry = a->size;
  int32_t outer = new_label(a), inner = new_label(a), prime = new_label(a), next = new_label(a),
          done = new_label(a);
  op1(a, PUSH, 0);
  op1(a, SET, R_COUNT);
  op1(a, PUSH, 2);
  op1(a, SET, R_I);
  bind(a, outer);
  op1(a, GET, R_I);
  op1(a, GET, R_N);
  op(a, LTU);
  jump(a, JZ, done);
  op1(a, PUSH, 2);
  op1(a, SET, R_D);
  bind(a, inner);
  op1(a, GET, R_I); /* i < d * d: prime */
  op1(a, GET, R_D);
  op(a, DUP);
  op(a, MUL);
  op(a, LTU);
  jump(a, JNZ, prime);
  op1(a, GET, R_I);
  op1(a, GET, R_D);
  op(a, REMU);
  jump(a, JZ, next);
  inc(a, R_D, 1);
  jump(a, JMP, inner);
  bind(a, prime);
  inc(a, R_COUNT, 1);
  bind(a, next);
  inc(a, R_I, 1);
  jump(a, JMP, outer);
  bind(a, done);
  op1(a, GET, R_COUNT);
  op(a, HALT);
  return entry;
}

/* Sieve of Eratosthenes in memory[0, reg[R_N]); leaves the prime count. */
static int32_t emit_sieve(Assembler *a) {
  int32_t entry = a->size;
  int32_t fill = new_label(a), filled = new_label(a), outer = new_label(a), skip = new_label(a),
          cross = new_label(a), crossed = new_label(a), sieved = new_label(a), count = new_label(a),
          counted = new_label(a);
  op1(a, PUSH, 0); /* memory[i] = 1 for 0 <= i < n */
  op1(a, SET, R_I);
  bind(a, fill);
  op1(a, GET, R_I);
  op1(a, GET, R_N);
  op(a, LTU);
  jump(a, JZ, filled);
  op1(a, PUSH, 1);
  op1(a, GET, R_I);
  op(a, STORE);
  inc(a, R_I, 1);
  jump(a, JMP, fill);
  bind(a, filled);
  op1(a, PUSH, 2);
  op1(a, SET, R_I);
  bind(a, outer); /* while i * i < n */
  op1(a, GET, R_I);
  op(a, DUP);
  op(a, MUL);
  op1(a, GET, R_N);
  op(a, LTU);
  jump(a, JZ, sieved);
  op1(a, GET, R_I);
  op(a, LOAD);
  jump(a, JZ, skip);
  op1(a, GET, R_I); /* for j = i * i; j < n; j += i: memory[j] = 0 */
  op(a, DUP);
  op(a, MUL);
  op1(a, SET, R_J);
  bind(a, cross);
  op1(a, GET, R_J);
  op1(a, GET, R_N);
  op(a, LTU);
  jump(a, JZ, crossed);
  op1(a, PUSH, 0);
  op1(a, GET, R_J);
  op(a, STORE);
  op1(a, GET, R_J);
  op1(a, GET, R_I);
  op(a, ADD);
  op1(a, SET, R_J);
  jump(a, JMP, cross);
  bind(a, crossed);
  bind(a, skip);
  inc(a, R_I, 1);
  jump(a, JMP, outer);
  bind(a, sieved);
  op1(a, PUSH, 0); /* count = sum of memory[2, n) */
  op1(a, SET, R_COUNT);
  op1(a, PUSH, 2);
  op1(a, SET, R_I);
  bind(a, count);
  op1(a, GET, R_I);
  op1(a, GET, R_N);
  op(a, LTU);
  jump(a, JZ, counted);
  op1(a, GET, R_COUNT);
  op1(a, GET, R_I);
  op(a, LOAD);
  op(a, ADD);
  op1(a, SET, R_COUNT);
  inc(a, R_I, 1);
  jump(a, JMP, count);
  bind(a, counted);
  op1(a, GET, R_COUNT);
  op(a, HALT);
  return entry;
}

/* a, b = b, (a + b) mod 1000003, reg[R_N] times; leaves a. */
static int32_t emit_fib_mod(Assembler *a) {
  int32_t entry = a->size;
  int32_t loop = new_label(a), done = new_label(a);
  op1(a, PUSH, 0);
  op1(a, SET, R_A);
  op1(a, PUSH, 1);
  op1(a, SET, R_B);
  op1(a, GET, R_N);
  op1(a, SET, R_K);
  bind(a, loop);
  op1(a, GET, R_K);
  jump(a, JZ, done);
  op1(a, GET, R_B);
  op(a, DUP);
  op1(a, GET, R_A);
  op(a, ADD);
  op1(a, PUSH, 1000003);
  op(a, REMU);
  op1(a, SET, R_B);
  op1(a, SET, R_A);
  inc(a, R_K, -1);
  jump(a, JMP, loop);
  bind(a, done);
  op1(a, GET, R_A);
  op(a, HALT);
  return entry;
}

/* fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2), on the stack. */
static int32_t emit_fib_recursive(Assembler *a) {
  int32_t function = new_label(a), recurse = new_label(a);
  int32_t entry = a->size;
  op1(a, GET, R_N);
  jump(a, CALL, function);
  op(a, HALT);
  bind(a, function); /* n -> fib(n) */
  op(a, DUP);
  op1(a, PUSH, 2);
  op(a, LTU);
  jump(a, JZ, recurse);
  op(a, RET);
  bind(a, recurse);
  op(a, DUP);
  op1(a, PUSH, 1);
  op(a, SUB);
  jump(a, CALL, function);
  op(a, SWAP);
  op1(a, PUSH, 2);
  op(a, SUB);
  jump(a, CALL, function);
  op(a, ADD);
  op(a, RET);
  return entry;
}

/* The total Collatz steps of the starts 1 .. reg[R_N]; leaves the total
   xor the largest value seen. */
static int32_t emit_collatz(Assembler *a) {
  int32_t entry = a->size;
  int32_t outer = new_label(a), inner = new_label(a), odd = new_label(a), step = new_label(a),
          next = new_label(a), done = new_label(a), not_larger = new_label(a);
  op1(a, PUSH, 0);
  op1(a, SET, R_STEPS);
  op1(a, PUSH, 0);
  op1(a, SET, R_B);
  op1(a, PUSH, 1);
  op1(a, SET, R_I);
  bind(a, outer);
  op1(a, GET, R_N);
  op1(a, GET, R_I);
  op(a, LTU);
  jump(a, JNZ, done);
  op1(a, GET, R_I);
  op1(a, SET, R_X);
  bind(a, inner);
  op1(a, GET, R_X);
  op1(a, PUSH, 1);
  op(a, EQ);
  jump(a, JNZ, next);
  op1(a, GET, R_X);
  op1(a, PUSH, 1);
  op(a, AND);
  jump(a, JNZ, odd);
  op1(a, GET, R_X);
  op1(a, PUSH, 1);
  op(a, SHRU);
  op1(a, SET, R_X);
  jump(a, JMP, step);
  bind(a, odd);
  op1(a, GET, R_X);
  op1(a, PUSH, 3);
  op(a, MUL);
  op1(a, PUSH, 1);
  op(a, ADD);
  op(a, DUP);
  op1(a, SET, R_X);
  op1(a, GET, R_B); /* largest: b < x ? x : b */
  op(a, OVER);
  op(a, LTU);
  jump(a, JZ, not_larger);
  op(a, DUP);
  op1(a, SET, R_B);
  bind(a, not_larger);
  op(a, DROP);
  bind(a, step);
  inc(a, R_STEPS, 1);
  jump(a, JMP, inner);
  bind(a, next);
  inc(a, R_I, 1);
  jump(a, JMP, outer);
  bind(a, done);
  op1(a, GET, R_STEPS);
  op1(a, GET, R_B);
  op(a, XOR);
  op(a, HALT);
  return entry;
}

/* --- The same computations in C --------------------------------------- */

static uint32_t primes_c(uint32_t n) {
  uint32_t count = 0;
  for (uint32_t i = 2; i < n; i++) {
    uint32_t d = 2;
    while (d * d <= i && i % d) d++;
    count += d * d > i;
  }
  return count;
}

static uint32_t sieve_c(uint32_t n, uint8_t *scratch) {
  memset(scratch, 1, n);
  for (uint32_t i = 2; i * i < n; i++)
    if (scratch[i])
      for (uint32_t j = i * i; j < n; j += i) scratch[j] = 0;
  uint32_t count = 0;
  for (uint32_t i = 2; i < n; i++) count += scratch[i];
  return count;
}

static uint32_t fib_mod_c(uint32_t n) {
  uint32_t a = 0, b = 1;
  for (; n; n--) {
    uint32_t t = (a + b) % 1000003u;
    a = b;
    b = t;
  }
  return a;
}

static uint32_t fib_c(uint32_t n) {
  uint32_t a = 0, b = 1;
  for (; n; n--) {
    uint32_t t = a + b;
    a = b;
    b = t;
  }
  return a;
}

static uint32_t collatz_c(uint32_t n) {
  uint32_t steps = 0, largest = 0;
  for (uint32_t i = 1; i <= n; i++)
    for (uint32_t x = i; x != 1; steps++) {
      if (x & 1) {
        x = 3 * x + 1;
        if (largest < x) largest = x;
      } else {
        x >>= 1;
      }
    }
  return steps ^ largest;
}

/* --- Driver ----------------------------------------------------------- */

enum { PROGRAMS = 5, VARIANTS = 4 };

static uint32_t parameter(int program, int variant) {
  switch (program) {
  case 0: return 12000 + 37 * (uint32_t)variant;     /* primes below */
  case 1: return 200000 + 1009 * (uint32_t)variant;  /* sieve size */
  case 2: return 200000 + 1231 * (uint32_t)variant;  /* Fibonacci steps */
  case 3: return 21 + (uint32_t)variant % 2;         /* recursive Fibonacci */
  default: return 12000 + 53 * (uint32_t)variant;    /* Collatz starts */
  }
}

int main(int argc, char **argv) {
  int reps = repetitions(argc, argv, 7);
  static Assembler assembler;
  int32_t entries[PROGRAMS];
  entries[0] = emit_primes(&assembler);
  entries[1] = emit_sieve(&assembler);
  entries[2] = emit_fib_mod(&assembler);
  entries[3] = emit_fib_recursive(&assembler);
  entries[4] = emit_collatz(&assembler);
  resolve(&assembler);

  uint32_t expected[PROGRAMS][VARIANTS];
  uint8_t *scratch = malloc(MEMORY_WORDS);
  if (!scratch) fail(NAME, "out of memory");
  for (int v = 0; v < VARIANTS; v++) {
    expected[0][v] = primes_c(parameter(0, v));
    expected[1][v] = sieve_c(parameter(1, v), scratch);
    expected[2][v] = fib_mod_c(parameter(2, v));
    expected[3][v] = fib_c(parameter(3, v));
    expected[4][v] = collatz_c(parameter(4, v));
  }
  free(scratch);

  static Machine machine;
  machine.code = assembler.code;
  machine.memory = calloc(MEMORY_WORDS, sizeof(uint32_t));
  if (!machine.memory) fail(NAME, "out of memory");

  uint64_t h = CHECK_START;
  double start = seconds_now();
  for (int r = 0; r < reps; r++) {
    int variant = r % VARIANTS;
    for (int p = 0; p < PROGRAMS; p++) {
      machine.reg[R_N] = parameter(p, variant);
      uint32_t result = run(&machine, entries[p]);
      if (result != expected[p][variant]) fail(NAME, "a program computed a wrong result");
      h = check_word(h, result);
    }
  }
  double seconds = seconds_now() - start;
  h = check_word(h, machine.executed);
  report(h, seconds);
  free(machine.memory);
  return 0;
}
