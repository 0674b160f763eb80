#!/usr/bin/env python3
"""hostile_module.py SHAPE N OUT.wasm

Writes a binary module of one hostile SHAPE, scaled by N, to OUT.wasm. The
shapes are the inputs that once made the compiler's time or memory grow
faster than the module (issue 10); scripts/compile-scaling.py times them at
several sizes and test/lit/limits/scaling.test compiles the largest ones.
The bytes are written directly: wat2wasm is slow on such inputs and would
reject some of them. `hostile_module.py --list` prints the shapes.

Also importable: `shape_bytes(shape, n)` returns the module, and the
encoding helpers build the modules of the limits tests.
"""
import sys

I32, I64, F32, F64, FUNCREF = 0x7F, 0x7E, 0x7D, 0x7C, 0x70


def uleb(v):
    out = bytearray()
    while True:
        byte = v & 0x7F
        v >>= 7
        if v:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def sleb(v):
    out = bytearray()
    while True:
        byte = v & 0x7F
        v >>= 7
        done = (v == 0 and not byte & 0x40) or (v == -1 and byte & 0x40)
        out.append(byte if done else byte | 0x80)
        if done:
            return bytes(out)


def vec(items):
    items = list(items)
    return uleb(len(items)) + b"".join(items)


def name(text):
    data = text.encode()
    return uleb(len(data)) + data


def section(ident, payload):
    return bytes([ident]) + uleb(len(payload)) + payload


def module(*sections):
    return b"\0asm\1\0\0\0" + b"".join(s for s in sections if s)


def functype(params=(), results=()):
    return b"\x60" + vec(bytes([t]) for t in params) + \
        vec(bytes([t]) for t in results)


def body(code, local_runs=()):
    """A function body: local_runs is [(count, type)], code ends with end."""
    b = vec(uleb(n) + bytes([t]) for n, t in local_runs) + code + b"\x0b"
    return uleb(len(b)) + b


def i32_const(v):
    return b"\x41" + sleb(v)


# Section ids.
TYPE, IMPORT, FUNC, TABLE, MEMORY, GLOBAL, EXPORT = 1, 2, 3, 4, 5, 6, 7
ELEM, CODE, DATA, DATACOUNT = 9, 10, 11, 12


def one_func(code, local_runs=(), params=(), results=()):
    """A module of one function of the given type, exported as "f"."""
    return module(
        section(TYPE, vec([functype(params, results)])),
        section(FUNC, vec([uleb(0)])),
        section(EXPORT, vec([name("f") + b"\x00" + uleb(0)])),
        section(CODE, vec([body(code, local_runs)])))


def passive_elems(n):
    # Each segment: flags 5 (passive, expressions), funcref, one ref.func 0.
    seg = b"\x05\x70" + vec([b"\xd2\x00\x0b"])
    return module(
        section(TYPE, vec([functype()])),
        section(FUNC, vec([uleb(0)])),
        section(ELEM, vec([seg] * n)),
        section(CODE, vec([body(b"")])))


def active_elems(n):
    # Flags 0: table 0, offset expression, function indices.
    segs = [b"\x00" + i32_const(i) + b"\x0b" + vec([uleb(0)])
            for i in range(n)]
    return module(
        section(TYPE, vec([functype()])),
        section(FUNC, vec([uleb(0)])),
        section(TABLE, vec([b"\x70\x00" + uleb(n)])),
        section(ELEM, vec(segs)),
        section(CODE, vec([body(b"")])))


def datas(n):
    # Active, memory 0, one byte each at consecutive offsets.
    segs = [b"\x00" + i32_const(i) + b"\x0b" + vec([bytes([i & 0xFF])])
            for i in range(n)]
    return module(
        section(MEMORY, vec([b"\x00" + uleb(n // 65536 + 1)])),
        section(DATA, vec(segs)))


def passive_datas(n):
    segs = [b"\x01" + vec([bytes([i & 0xFF])]) for i in range(n)]
    return module(
        section(MEMORY, vec([b"\x00\x01"])),
        section(DATACOUNT, uleb(n)),
        section(DATA, vec(segs)))


def types(n):
    # Distinct types: the digits of i in base 4 pick the parameter types.
    kinds = (I32, I64, F32, F64)
    out = []
    for i in range(n):
        params, v = [], i
        while True:
            params.append(kinds[v % 4])
            v //= 4
            if not v:
                break
        out.append(functype(params, [I32]))
    return module(section(TYPE, vec(out)))


def funcs(n):
    return module(
        section(TYPE, vec([functype((I32,), (I32,))])),
        section(FUNC, vec([uleb(0)] * n)),
        section(EXPORT, vec([name("f") + b"\x00" + uleb(0)])),
        section(CODE, vec([body(b"\x20\x00\x41\x01\x6a")] * n)))


def imports(n):
    imps = [name("env") + name("f%d" % i) + b"\x00\x00" for i in range(n)]
    return module(
        section(TYPE, vec([functype((I32,), (I32,))])),
        section(IMPORT, vec(imps)))


def exports(n):
    return module(
        section(TYPE, vec([functype()])),
        section(FUNC, vec([uleb(0)])),
        section(EXPORT, vec(name("e%d" % i) + b"\x00\x00" for i in range(n))),
        section(CODE, vec([body(b"")])))


def globals_(n):
    # Mutable i32 globals with constant initialisers.
    return module(section(
        GLOBAL, vec(b"\x7f\x01" + i32_const(i) + b"\x0b" for i in range(n))))


def locals_(n):
    # n declared locals, one read: the frame is all that grows.
    return one_func(b"\x20" + uleb(n - 1), [(n, I32)], results=(I32,))


def live_locals_func(n):
    """Every local set, then all of them summed: n values live at once.
    Returns one_func's arguments; the result is n * (n - 1) / 2 mod 2^32."""
    code = bytearray()
    for i in range(n):
        code += i32_const(i) + b"\x21" + uleb(i)
    code += b"\x20\x00"
    for i in range(1, n):
        code += b"\x20" + uleb(i) + b"\x6a"
    return dict(code=bytes(code), local_runs=[(n, I32)], results=(I32,))


def live_locals(n):
    return one_func(**live_locals_func(n))


def br_table(n):
    # 16 nested blocks; a br_table of n entries spread over their depths.
    depth = 16
    code = b"\x02\x40" * depth + b"\x20\x00\x0e" + \
        vec(uleb(i % depth) for i in range(n)) + uleb(0) + b"\x0b" * depth
    return one_func(code, params=(I32,))


def nested_blocks(n):
    # n blocks, each inside the previous one, a branch out of the deepest.
    code = b"\x02\x40" * n + b"\x20\x00\x0d" + uleb(n - 1) + b"\x0b" * n
    return one_func(code, params=(I32,))


def nested_ifs_func(n):
    """n ifs with results, each inside the previous one's then arm.
    Returns one_func's arguments; the result is the parameter."""
    code = (b"\x20\x00\x04\x7f") * n + b"\x20\x00" + \
        b"\x05\x41\x00\x0b" * n
    return dict(code=code, params=(I32,), results=(I32,))


def nested_ifs(n):
    return one_func(**nested_ifs_func(n))


def const_expr(n):
    # One global initialised by n additions (needs extended-const).
    init = i32_const(1) + (i32_const(1) + b"\x6a") * n + b"\x0b"
    return module(section(GLOBAL, vec([b"\x7f\x00" + init])))


SHAPES = {
    "passive-elems": passive_elems,
    "active-elems": active_elems,
    "datas": datas,
    "passive-datas": passive_datas,
    "types": types,
    "funcs": funcs,
    "imports": imports,
    "exports": exports,
    "globals": globals_,
    "locals": locals_,
    "live-locals": live_locals,
    "br-table": br_table,
    "nested-blocks": nested_blocks,
    "nested-ifs": nested_ifs,
    "const-expr": const_expr,
}

# Features a shape needs, as wasm-aot's --features value.
FEATURES = {"const-expr": "+extended-const"}


def shape_bytes(shape, n):
    return SHAPES[shape](n)


def write_scaled(argv, usage, kinds, make):
    """The command line `SCRIPT KIND N OUT.wasm`: writes make(KIND, N)."""
    if len(argv) != 4 or argv[1] not in kinds or not argv[2].isdigit():
        sys.stderr.write(usage)
        return 2
    with open(argv[3], "wb") as f:
        f.write(make(argv[1], int(argv[2])))
    return 0


def main(argv):
    if len(argv) == 2 and argv[1] == "--list":
        print("\n".join(SHAPES))
        return 0
    return write_scaled(argv, __doc__, SHAPES, shape_bytes)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
