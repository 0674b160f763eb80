"""Makes every NaN of a module deterministic, by rewriting its binary.

WebAssembly lets an arithmetic instruction (f32.add, f64.sqrt, f32.demote_f64,
...) return any NaN with the right quiet bit when its result is a NaN:
binaryen's interpreter returns the positive canonical NaN, x86 the negative
one or an operand's payload, LLVM's constant folder its own choice. A NaN's
bits are still observable (reinterpret, a store then an integer load, a
memory hash), so two correct implementations can print different integers.

The rewrite follows each such instruction with a call to a function that
replaces a NaN by the positive canonical NaN and leaves every other value
alone. What remains nondeterministic afterwards is nothing: the other NaNs a
program sees come from constants, memory, reinterpretations, and the
bit-exact instructions (neg, abs, copysign, loads, stores, locals, globals,
select), and those must keep their bits exactly, which is then compared.

Only what wasm-aot compiles is understood (WebAssembly 2.0 without SIMD);
anything else raises Unsupported.
"""

import struct


class Unsupported(Exception):
    pass


# Instructions whose NaN result WebAssembly leaves open, by result type:
# f32 ceil..max but not abs/neg/copysign, f32.demote_f64; the same for f64
# and f64.promote_f32.
F32_ARITH = set(range(0x8D, 0x98)) | {0xB6}
F64_ARITH = set(range(0x9B, 0xA6)) | {0xBB}

# Immediates of the one-byte opcodes that have any (the rest have none).
_BLOCK = {0x02, 0x03, 0x04}
_ONE_U32 = {0x0C, 0x0D, 0x10, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26,
            0xD2}
_MEMARG = set(range(0x28, 0x3F))
_ONE_BYTE = {0x3F, 0x40, 0xD0}  # memory index / heap type


class Reader:
    def __init__(self, data, pos=0):
        self.data = data
        self.pos = pos

    def byte(self):
        b = self.data[self.pos]
        self.pos += 1
        return b

    def u32(self):
        result, shift = 0, 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return result

    def sleb(self):
        while self.byte() & 0x80:
            pass

    def skip(self, n):
        self.pos += n


def uleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _skip_immediates(r, op):
    """Moves past the immediates of opcode `op` (already read)."""
    if op in _BLOCK:
        b = r.data[r.pos]
        if b == 0x40 or b in (0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F):
            r.skip(1)
        else:
            r.sleb()  # a type index, as a signed LEB
    elif op in _ONE_U32:
        r.u32()
    elif op in _MEMARG:
        r.u32()
        r.u32()
    elif op in _ONE_BYTE:
        r.skip(1)
    elif op == 0x0E:  # br_table
        for _ in range(r.u32() + 1):
            r.u32()
    elif op == 0x11:  # call_indirect: type, table
        r.u32()
        r.u32()
    elif op == 0x1C:  # select t*
        r.skip(r.u32())
    elif op in (0x41, 0x42):
        r.sleb()
    elif op == 0x43:
        r.skip(4)
    elif op == 0x44:
        r.skip(8)
    elif op == 0xFC:
        _skip_fc(r, r.u32())
    elif op in (0xFD, 0xFE, 0xFB, 0x06, 0x07, 0x08, 0x09, 0x12, 0x13, 0x14,
                0x18, 0x19):
        raise Unsupported('opcode 0x%02x' % op)


def _skip_fc(r, sub):
    if sub <= 7:  # saturating truncations
        return
    if sub == 8:  # memory.init seg, mem
        r.u32()
        r.skip(1)
    elif sub == 9:  # data.drop
        r.u32()
    elif sub == 10:  # memory.copy
        r.skip(2)
    elif sub == 11:  # memory.fill
        r.skip(1)
    elif sub in (12, 14):  # table.init seg table, table.copy t t
        r.u32()
        r.u32()
    elif sub in (13, 15, 16, 17):  # elem.drop, table.grow/size/fill
        r.u32()
    else:
        raise Unsupported('opcode 0xfc %d' % sub)


def _rewrite_body(body, canon32, canon64):
    r = Reader(body)
    out = bytearray()
    for _ in range(r.u32()):  # local declarations
        r.u32()
        r.byte()
    out += body[:r.pos]
    while r.pos < len(body):
        start = r.pos
        op = r.byte()
        _skip_immediates(r, op)
        out += body[start:r.pos]
        if op in F32_ARITH:
            out += b'\x10' + uleb(canon32)
        elif op in F64_ARITH:
            out += b'\x10' + uleb(canon64)
    return bytes(out)


# (f32) -> f32 and (f64) -> f64: select(canonical NaN, x, x != x).
_CANON32_BODY = b'\x00\x43' + struct.pack('<I', 0x7FC00000) + \
    b'\x20\x00\x20\x00\x20\x00\x5c\x1b\x0b'
_CANON64_BODY = b'\x00\x44' + struct.pack('<Q', 0x7FF8000000000000) + \
    b'\x20\x00\x20\x00\x20\x00\x62\x1b\x0b'


def _sections(data):
    if data[:8] != b'\x00asm\x01\x00\x00\x00':
        raise Unsupported('not a wasm module')
    r = Reader(data, 8)
    out = []
    while r.pos < len(data):
        sid = r.byte()
        size = r.u32()
        out.append((sid, data[r.pos:r.pos + size]))
        r.skip(size)
    return out


def _vector(payload):
    r = Reader(payload)
    n = r.u32()
    return n, payload[r.pos:]


def rewrite(data):
    """The module `data` (bytes) with every arithmetic NaN canonicalised."""
    sections = _sections(data)
    ids = [s for s, _ in sections]
    if 1 not in ids or 3 not in ids or 10 not in ids:
        return data  # no functions, nothing to rewrite
    imported_funcs = 0
    for sid, payload in sections:
        if sid == 2:
            r = Reader(payload)
            for _ in range(r.u32()):
                r.skip(r.u32())
                r.skip(r.u32())
                kind = r.byte()
                if kind == 0:
                    r.u32()
                    imported_funcs += 1
                elif kind == 1:
                    r.byte()
                    flags = r.byte()
                    r.u32()
                    if flags & 1:
                        r.u32()
                elif kind == 2:
                    flags = r.byte()
                    r.u32()
                    if flags & 1:
                        r.u32()
                elif kind == 3:
                    r.skip(2)
                else:
                    raise Unsupported('import kind %d' % kind)
    out = bytearray(data[:8])
    ntypes = defined = None
    for sid, payload in sections:
        if sid == 1:
            ntypes, rest = _vector(payload)
            payload = uleb(ntypes + 2) + rest + \
                b'\x60\x01\x7d\x01\x7d' + b'\x60\x01\x7c\x01\x7c'
        elif sid == 3:
            defined, rest = _vector(payload)
            payload = uleb(defined + 2) + rest + uleb(ntypes) + \
                uleb(ntypes + 1)
        elif sid == 10:
            canon32 = imported_funcs + defined
            r = Reader(payload)
            n = r.u32()
            bodies = []
            for _ in range(n):
                size = r.u32()
                bodies.append(_rewrite_body(payload[r.pos:r.pos + size],
                                            canon32, canon32 + 1))
                r.skip(size)
            bodies += [_CANON32_BODY, _CANON64_BODY]
            payload = uleb(n + 2) + b''.join(uleb(len(b)) + b for b in bodies)
        out.append(sid)
        out += uleb(len(payload)) + payload
    return bytes(out)


if __name__ == '__main__':
    import sys
    with open(sys.argv[1], 'rb') as f:
        module = f.read()
    with open(sys.argv[2], 'wb') as f:
        f.write(rewrite(module))
