#!/usr/bin/env python3
"""Writes a WASI program (WebAssembly text) that checks SIMD operators.

Each case applies one operator to operands it loads from linear memory (so
no compiler can fold it away) and compares the result with the value this
script computes from the WebAssembly 2.0 definition of the operator. The
program prints "FAIL <case> <name>" for each wrong result and ends with
"<n> cases, <m> failed". The comparison itself uses only v128.load,
i64x2.extract_lane and scalar instructions.

The cases favour what each target lowers in its own way: swizzle and
q15mulr_sat_s (AArch64 tbl and sqrdmulh, x86 pshufb with SSSE3), the
saturating narrowings, bitmask and all_true of every shape, shift counts of
the lane width or more, the most negative lane, float lanes holding
signalling NaNs (bit-exact moves), every v128 memory form, and v128s
passed and returned with other values, directly and through call_indirect.
"""

import random
import struct
import sys

RNG = random.Random(20240917)


# ---- Lanes ------------------------------------------------------------------

def lanes(b, bits, signed=False):
    n = bits // 8
    return [int.from_bytes(b[i:i + n], 'little', signed=signed)
            for i in range(0, 16, n)]


def pack(values, bits):
    n = bits // 8
    mask = (1 << bits) - 1
    return b''.join((v & mask).to_bytes(n, 'little') for v in values)


def clamp(v, lo, hi):
    return max(lo, min(hi, v))


def smin(bits):
    return -(1 << (bits - 1))


def smax(bits):
    return (1 << (bits - 1)) - 1


def umax(bits):
    return (1 << bits) - 1


def vec(*byte_values):
    assert len(byte_values) == 16
    return bytes(v & 0xff for v in byte_values)


def rand_vec():
    return bytes(RNG.randrange(256) for _ in range(16))


def edge_vec(bits):
    """Lanes of the extremes of a signed and unsigned lane, and around."""
    vals = [0, 1, -1, smin(bits), smax(bits), smin(bits) + 1, umax(bits) >> 1,
            2, -2, 0x55, -0x56, 7, 100, -100, 3, 42]
    return pack(vals[:128 // bits], bits)


# ---- Operator models ----------------------------------------------------------

def lanewise(bits, f, *vs, signed=False):
    ls = [lanes(v, bits, signed) for v in vs]
    return pack([f(*xs) for xs in zip(*ls)], bits)


def cmp(bits, pred, signed):
    return lambda a, b: lanewise(
        bits, lambda x, y: -1 if pred(x, y) else 0, a, b, signed=signed)


def swizzle(a, s):
    return bytes(a[i] if i < 16 else 0 for i in s)


def shuffle(a, b, mask):
    both = a + b
    return bytes(both[i] for i in mask)


def narrow(bits, signed, a, b):
    wide = lanes(a, 2 * bits, True) + lanes(b, 2 * bits, True)
    lo, hi = (smin(bits), smax(bits)) if signed else (0, umax(bits))
    return pack([clamp(v, lo, hi) for v in wide], bits)


def bitmask(bits, a):
    return sum(1 << i for i, v in enumerate(lanes(a, bits, True)) if v < 0)


def all_true(bits, a):
    return int(all(v != 0 for v in lanes(a, bits)))


def shift(bits, kind, a, count):
    count %= bits
    if kind == 'shl':
        return lanewise(bits, lambda x: x << count, a)
    if kind == 'shr_s':
        return lanewise(bits, lambda x: x >> count, a, signed=True)
    return lanewise(bits, lambda x: x >> count, a)


def q15mulr(a, b):
    return lanewise(16, lambda x, y: clamp((x * y + 0x4000) >> 15, -32768,
                                           32767), a, b, signed=True)


def extend(bits, signed, high, a):
    half = lanes(a, bits // 2, signed)
    n = 128 // bits
    return pack(half[n:] if high else half[:n], bits)


def extmul(bits, signed, high, a, b):
    x = lanes(extend(bits, signed, high, a), bits, signed)
    y = lanes(extend(bits, signed, high, b), bits, signed)
    return pack([p * q for p, q in zip(x, y)], bits)


def extadd(bits, signed, a):
    half = lanes(a, bits // 2, signed)
    return pack([half[i] + half[i + 1] for i in range(0, len(half), 2)], bits)


def dot(a, b):
    x, y = lanes(a, 16, True), lanes(b, 16, True)
    return pack([x[i] * y[i] + x[i + 1] * y[i + 1] for i in range(0, 8, 2)],
                32)


def popcnt(a):
    return bytes(bin(x).count('1') for x in a)


def avgr(bits, a, b):
    return lanewise(bits, lambda x, y: (x + y + 1) >> 1, a, b)


# ---- The program --------------------------------------------------------------

OPERANDS = 1024  # where the operands go; the expected values follow


class Program:
    def __init__(self):
        self.memory = bytearray()
        self.cases = []   # (name, wat expression, 'v'|'i'|'l', expected)
        self.funcs = []   # extra functions

    def place(self, data, align=16):
        while len(self.memory) % align:
            self.memory.append(0)
        addr = OPERANDS + len(self.memory)
        self.memory += data
        return addr

    def v(self, data):
        """An operand: a v128 loaded from memory."""
        return '(v128.load (i32.const %d))' % self.place(data)

    def i32(self, value):
        return '(i32.load (i32.const %d))' % self.place(
            struct.pack('<I', value & 0xffffffff), 4)

    def i64(self, value):
        return '(i64.load (i32.const %d))' % self.place(
            struct.pack('<Q', value & 0xffffffffffffffff), 8)

    def check(self, name, expr, expected):
        if isinstance(expected, bytes):
            self.cases.append((name, expr, 'v', self.place(expected)))
        else:
            self.cases.append((name, expr, 'i', expected & 0xffffffff))

    def check64(self, name, expr, expected):
        self.cases.append((name, expr, 'l', expected & 0xffffffffffffffff))


def add_lane_cases(p):
    a = rand_vec()
    idx = vec(0, 15, 16, 31, 127, 128, 200, 255, 3, 7, 8, 1, 14, 17, 64, 5)
    p.check('i8x16.swizzle', '(i8x16.swizzle %s %s)' % (p.v(a), p.v(idx)),
            swizzle(a, idx))
    # Indices 0..39 in a scrambled order: each below 16 and some above.
    every = bytes((i * 37 + 11) % 40 for i in range(16))
    p.check('i8x16.swizzle 0..39',
            '(i8x16.swizzle %s %s)' % (p.v(a), p.v(every)),
            swizzle(a, every))
    b = rand_vec()
    mask = [0, 31, 1, 30, 16, 15, 7, 23, 8, 8, 24, 2, 29, 4, 19, 12]
    p.check('i8x16.shuffle',
            '(i8x16.shuffle %s %s %s)' % (' '.join(map(str, mask)), p.v(a),
                                          p.v(b)),
            shuffle(a, b, mask))

    p.check('i8x16.splat', '(i8x16.splat %s)' % p.i32(0x1ff), bytes([0xff]) * 16)
    p.check('i16x8.splat', '(i16x8.splat %s)' % p.i32(0x18001),
            pack([0x8001] * 8, 16))
    p.check('i64x2.splat', '(i64x2.splat %s)' % p.i64(-3), pack([-3] * 2, 64))
    # Signalling NaNs go through float lanes bit for bit.
    snan32, snan64 = 0x7fa00001, 0xfff4000000000001
    p.check('f32x4.splat sNaN',
            '(f32x4.splat (f32.reinterpret_i32 %s))' % p.i32(snan32),
            pack([snan32] * 4, 32))
    p.check('f64x2.splat sNaN',
            '(f64x2.splat (f64.reinterpret_i64 %s))' % p.i64(snan64),
            pack([snan64] * 2, 64))
    e = edge_vec(8)
    for lane in (3, 15):
        p.check('i8x16.extract_lane_s %d' % lane,
                '(i8x16.extract_lane_s %d %s)' % (lane, p.v(e)),
                lanes(e, 8, True)[lane])
        p.check('i8x16.extract_lane_u %d' % lane,
                '(i8x16.extract_lane_u %d %s)' % (lane, p.v(e)),
                lanes(e, 8)[lane])
    e16 = edge_vec(16)
    p.check('i16x8.extract_lane_s 3', '(i16x8.extract_lane_s 3 %s)' % p.v(e16),
            lanes(e16, 16, True)[3])
    floats = pack([0x3f800000, snan32, 0xffc00000, 0x80000000], 32)
    p.check('f32x4.extract_lane 1 sNaN',
            '(i32.reinterpret_f32 (f32x4.extract_lane 1 %s))' % p.v(floats),
            snan32)
    doubles = pack([snan64, 0x8000000000000000], 64)
    p.check64('f64x2.extract_lane 0 sNaN',
              '(i64.reinterpret_f64 (f64x2.extract_lane 0 %s))' % p.v(doubles),
              snan64)
    p.check64('i64x2.extract_lane 1', '(i64x2.extract_lane 1 %s)' % p.v(doubles),
              0x8000000000000000)
    p.check('i16x8.replace_lane 6',
            '(i16x8.replace_lane 6 %s %s)' % (p.v(a), p.i32(0x12345)),
            a[:12] + bytes([0x45, 0x23]) + a[14:])
    p.check('i8x16.replace_lane 0',
            '(i8x16.replace_lane 0 %s %s)' % (p.v(a), p.i32(-1)),
            bytes([0xff]) + a[1:])
    p.check('f32x4.replace_lane 2 sNaN',
            '(f32x4.replace_lane 2 %s (f32.reinterpret_i32 %s))'
            % (p.v(a), p.i32(snan32)),
            a[:8] + struct.pack('<I', snan32) + a[12:])
    p.check('f64x2.replace_lane 1 sNaN',
            '(f64x2.replace_lane 1 %s (f64.reinterpret_i64 %s))'
            % (p.v(a), p.i64(snan64)),
            a[:8] + struct.pack('<Q', snan64))
    p.check('i64x2.replace_lane 0',
            '(i64x2.replace_lane 0 %s %s)' % (p.v(a), p.i64(-2)),
            struct.pack('<q', -2) + a[8:])


def add_bitwise_cases(p):
    a, b, c = rand_vec(), rand_vec(), rand_vec()
    p.check('v128.not', '(v128.not %s)' % p.v(a), bytes(~x & 0xff for x in a))
    p.check('v128.andnot', '(v128.andnot %s %s)' % (p.v(a), p.v(b)),
            bytes(x & ~y & 0xff for x, y in zip(a, b)))
    p.check('v128.bitselect',
            '(v128.bitselect %s %s %s)' % (p.v(a), p.v(b), p.v(c)),
            bytes((x & m) | (y & ~m & 0xff) for x, y, m in zip(a, b, c)))
    zero = bytes(16)
    top = bytes(15) + b'\x80'
    p.check('v128.any_true 0', '(v128.any_true %s)' % p.v(zero), 0)
    p.check('v128.any_true top bit', '(v128.any_true %s)' % p.v(top), 1)
    for bits in (8, 16, 32, 64):
        shape = 'i%dx%d' % (bits, 128 // bits)
        e = edge_vec(bits)
        p.check(shape + '.bitmask', '(%s.bitmask %s)' % (shape, p.v(e)),
                bitmask(bits, e))
        p.check(shape + '.bitmask random', '(%s.bitmask %s)' % (shape, p.v(a)),
                bitmask(bits, a))
        ones = pack([1] * (128 // bits), bits)
        last_zero = pack([1] * (128 // bits - 1) + [0], bits)
        # A lane that is zero only in its high byte is not a zero lane.
        high_only = pack([1 << (bits - 8)] * (128 // bits), bits)
        for name, value in (('ones', ones), ('last zero', last_zero),
                            ('high byte', high_only)):
            p.check('%s.all_true %s' % (shape, name),
                    '(%s.all_true %s)' % (shape, p.v(value)),
                    all_true(bits, value))


def add_arith_cases(p):
    for bits in (8, 16, 32, 64):
        shape = 'i%dx%d' % (bits, 128 // bits)
        e, r = edge_vec(bits), rand_vec()
        ev, rv = p.v(e), p.v(r)
        p.check(shape + '.add', '(%s.add %s %s)' % (shape, ev, rv),
                lanewise(bits, lambda x, y: x + y, e, r))
        p.check(shape + '.sub', '(%s.sub %s %s)' % (shape, ev, rv),
                lanewise(bits, lambda x, y: x - y, e, r))
        p.check(shape + '.neg', '(%s.neg %s)' % (shape, ev),
                lanewise(bits, lambda x: -x, e))
        p.check(shape + '.abs', '(%s.abs %s)' % (shape, ev),
                lanewise(bits, abs, e, signed=True))
        if bits != 8:
            p.check(shape + '.mul', '(%s.mul %s %s)' % (shape, ev, rv),
                    lanewise(bits, lambda x, y: x * y, e, r))
        for count in (1, bits - 1, bits, bits + 1, 2 * bits + 3, -1):
            for kind in ('shl', 'shr_s', 'shr_u'):
                p.check('%s.%s %d' % (shape, kind, count),
                        '(%s.%s %s %s)' % (shape, kind, ev, p.i32(count)),
                        shift(bits, kind, e, count & 0xffffffff))
        preds = [('eq', lambda x, y: x == y, False),
                 ('ne', lambda x, y: x != y, False),
                 ('lt_s', lambda x, y: x < y, True),
                 ('gt_s', lambda x, y: x > y, True),
                 ('le_s', lambda x, y: x <= y, True),
                 ('ge_s', lambda x, y: x >= y, True)]
        if bits != 64:
            preds += [('lt_u', lambda x, y: x < y, False),
                      ('gt_u', lambda x, y: x > y, False),
                      ('le_u', lambda x, y: x <= y, False),
                      ('ge_u', lambda x, y: x >= y, False)]
        # Equal lanes too: the edge vector against itself with two changed.
        f = bytearray(e)
        f[0] ^= 1
        f[-1] ^= 0x80
        fv = p.v(bytes(f))
        for name, pred, signed in preds:
            p.check('%s.%s' % (shape, name),
                    '(%s.%s %s %s)' % (shape, name, ev, fv),
                    cmp(bits, pred, signed)(e, bytes(f)))
        if bits <= 32:
            for name, fn, signed in (('min_s', min, True), ('min_u', min, False),
                                     ('max_s', max, True), ('max_u', max, False)):
                p.check('%s.%s' % (shape, name),
                        '(%s.%s %s %s)' % (shape, name, ev, rv),
                        lanewise(bits, fn, e, r, signed=signed))
        if bits <= 16:
            lo_s, hi_s, hi_u = smin(bits), smax(bits), umax(bits)
            sat = [('add_sat_s', lambda x, y: clamp(x + y, lo_s, hi_s), True),
                   ('add_sat_u', lambda x, y: clamp(x + y, 0, hi_u), False),
                   ('sub_sat_s', lambda x, y: clamp(x - y, lo_s, hi_s), True),
                   ('sub_sat_u', lambda x, y: clamp(x - y, 0, hi_u), False)]
            for name, fn, signed in sat:
                p.check('%s.%s' % (shape, name),
                        '(%s.%s %s %s)' % (shape, name, ev, rv),
                        lanewise(bits, fn, e, r, signed=signed))
            p.check(shape + '.avgr_u', '(%s.avgr_u %s %s)' % (shape, ev, rv),
                    avgr(bits, e, r))
            maxes = pack([umax(bits)] * (128 // bits), bits)
            p.check(shape + '.avgr_u max',
                    '(%s.avgr_u %s %s)' % (shape, p.v(maxes), p.v(maxes)),
                    maxes)
    r = rand_vec()
    p.check('i8x16.popcnt', '(i8x16.popcnt %s)' % p.v(r), popcnt(r))
    x = pack([-32768, -32768, 16384, -32768, 0x4000, -1, 12345, -23456], 16)
    y = pack([-32768, 32767, 16384, 1, 1, 1, -321, 7777], 16)
    p.check('i16x8.q15mulr_sat_s', '(i16x8.q15mulr_sat_s %s %s)' % (p.v(x),
                                                                    p.v(y)),
            q15mulr(x, y))
    r2 = rand_vec()
    p.check('i16x8.q15mulr_sat_s random',
            '(i16x8.q15mulr_sat_s %s %s)' % (p.v(r), p.v(r2)), q15mulr(r, r2))
    p.check('i32x4.dot_i16x8_s', '(i32x4.dot_i16x8_s %s %s)' % (p.v(x), p.v(x)),
            dot(x, x))
    p.check('i32x4.dot_i16x8_s random',
            '(i32x4.dot_i16x8_s %s %s)' % (p.v(r), p.v(r2)), dot(r, r2))


def add_widening_cases(p):
    for bits in (16, 32):
        shape = 'i%dx%d' % (bits, 128 // bits)
        src = 'i%dx%d' % (bits // 2, 256 // bits)
        hi = umax(bits // 2)
        for signed, s in ((True, 's'), (False, 'u')):
            a = pack([smin(bits), smax(bits), -1, 0, hi, hi + 1, 77,
                      -77][:256 // (2 * bits)] * 2, bits)
            b = edge_vec(bits)
            p.check('%s.narrow_%s_%s' % (src, shape, s),
                    '(%s.narrow_%s_%s %s %s)' % (src, shape, s, p.v(a),
                                                 p.v(b)),
                    narrow(bits // 2, signed, a, b))
    for bits in (16, 32, 64):
        shape = 'i%dx%d' % (bits, 128 // bits)
        src = 'i%dx%d' % (bits // 2, 256 // bits)
        e, r = edge_vec(bits // 2), rand_vec()
        for signed, s in ((True, 's'), (False, 'u')):
            for high, h in ((False, 'low'), (True, 'high')):
                p.check('%s.extend_%s_%s_%s' % (shape, h, src, s),
                        '(%s.extend_%s_%s_%s %s)' % (shape, h, src, s, p.v(e)),
                        extend(bits, signed, high, e))
                p.check('%s.extmul_%s_%s_%s' % (shape, h, src, s),
                        '(%s.extmul_%s_%s_%s %s %s)' % (shape, h, src, s,
                                                        p.v(e), p.v(r)),
                        extmul(bits, signed, high, e, r))
            if bits != 64:
                p.check('%s.extadd_pairwise_%s_%s' % (shape, src, s),
                        '(%s.extadd_pairwise_%s_%s %s)' % (shape, src, s,
                                                           p.v(e)),
                        extadd(bits, signed, e))


def add_memory_cases(p):
    m = rand_vec() + rand_vec()
    base = p.place(m)
    addr = '(i32.const %d)' % (base + 3)  # deliberately unaligned
    w = m[3:19]
    p.check('v128.load', '(v128.load %s)' % addr, w)
    for bits in (8, 16, 32):
        for signed, s in ((True, 's'), (False, 'u')):
            op = 'v128.load%dx%d_%s' % (bits, 64 // bits, s)
            p.check(op, '(%s %s)' % (op, addr),
                    pack(lanes(w[:8] + bytes(8), bits, signed)[:64 // bits],
                         2 * bits))
    for bits in (8, 16, 32, 64):
        op = 'v128.load%d_splat' % bits
        p.check(op, '(%s %s)' % (op, addr), w[:bits // 8] * (128 // bits))
    for bits in (32, 64):
        op = 'v128.load%d_zero' % bits
        p.check(op, '(%s %s)' % (op, addr), w[:bits // 8] + bytes(16 - bits // 8))
    v = rand_vec()
    for bits, lane in ((8, 13), (16, 7), (32, 1), (64, 1)):
        n = bits // 8
        op = 'v128.load%d_lane' % bits
        p.check(op, '(%s %d %s %s)' % (op, lane, addr, p.v(v)),
                v[:lane * n] + w[:n] + v[(lane + 1) * n:])
    # Stores: write into a scratch slot, then read it back whole.
    for bits, lane in ((8, 9), (16, 3), (32, 2), (64, 0)):
        n = bits // 8
        scratch = p.place(m[:16])
        op = 'v128.store%d_lane' % bits
        expr = ('(block (result v128) (%s %d (i32.const %d) %s) '
                '(v128.load (i32.const %d)))' % (op, lane, scratch + 5, p.v(v),
                                                 scratch))
        want = bytearray(m[:16])
        want[5:5 + n] = v[lane * n:(lane + 1) * n]
        p.check(op, expr, bytes(want[:16]) if 5 + n <= 16 else bytes(want))
    scratch = p.place(bytes(32))
    p.check('v128.store',
            '(block (result v128) (v128.store (i32.const %d) %s) '
            '(v128.load (i32.const %d)))' % (scratch + 1, p.v(v), scratch),
            b'\x00' + v[:15])


def add_abi_cases(p):
    """v128s among other values: parameters, several results, indirect."""
    p.funcs.append('''
  (type $mix (func (param v128 f32 v128 i64 v128 f64)
                   (result v128 f64 v128 i32 v128)))
  (table $t funcref (elem $mix_fn))
  (func $mix_fn (type $mix)
    (local.get 4) (local.get 5) (local.get 0)
    (i32.xor (i32.wrap_i64 (local.get 3)) (i32.reinterpret_f32 (local.get 1)))
    (local.get 2))
  ;; Calls $mix_fn directly ($indirect 0) or through the table (1) and
  ;; folds its five results into one v128: the v128 results xored, two of
  ;; them rotated, and the scalars xored into lane 0.
  (func $fold (param $indirect i32) (param v128 f32 v128 i64 v128 f64)
              (result v128)
    (local $r0 v128) (local $d f64) (local $r1 v128) (local $i i32)
    (local $r2 v128)
    (if (param) (result v128 f64 v128 i32 v128) (local.get $indirect)
      (then
        (call_indirect $t (type $mix) (local.get 1) (local.get 2)
          (local.get 3) (local.get 4) (local.get 5) (local.get 6)
          (i32.const 0)))
      (else
        (call $mix_fn (local.get 1) (local.get 2) (local.get 3)
          (local.get 4) (local.get 5) (local.get 6))))
    (local.set $r2) (local.set $i) (local.set $r1) (local.set $d)
    (local.set $r0)
    (v128.xor
      (v128.xor (local.get $r0)
        (v128.xor
          (i8x16.shuffle 4 5 6 7 8 9 10 11 12 13 14 15 0 1 2 3
            (local.get $r1) (local.get $r1))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
            (local.get $r2) (local.get $r2))))
      (i64x2.replace_lane 0 (v128.const i64x2 0 0)
        (i64.xor (i64.reinterpret_f64 (local.get $d))
                 (i64.extend_i32_u (local.get $i))))))''')
    a, b, c = rand_vec(), rand_vec(), rand_vec()
    f32bits, i64v, f64bits = 0x7f800001, 0x123456789abcdef0, 0x7ff0000000000002

    def rot(v, k):
        return v[k:] + v[:k]
    # $mix_fn returns (c, the f64, a, the i32s xored, b).
    scalars = f64bits ^ ((i64v & 0xffffffff) ^ f32bits)
    lane0 = scalars.to_bytes(8, 'little') + bytes(8)
    want = bytes(x ^ y ^ z ^ w
                 for x, y, z, w in zip(c, rot(a, 4), rot(b, 8), lane0))
    args = '%s (f32.reinterpret_i32 %s) %s %s %s (f64.reinterpret_i64 %s)' % (
        p.v(a), p.i32(f32bits), p.v(b), p.i64(i64v), p.v(c), p.i64(f64bits))
    p.check('multi-value call', '(call $fold (i32.const 0) %s)' % args, want)
    p.check('multi-value call_indirect', '(call $fold (i32.const 1) %s)' % args,
            want)


def emit(p):
    out = ['(module',
           '  (import "wasi_snapshot_preview1" "fd_write"',
           '    (func $fd_write (param i32 i32 i32 i32) (result i32)))',
           '  (memory (export "memory") 1)']
    out.append('  (data (i32.const %d) "%s")' % (
        OPERANDS, ''.join('\\%02x' % x for x in p.memory)))
    out.append('''
  (global $failed (mut i32) (i32.const 0))
  (data (i32.const 64) " cases,  failed\\0aFAIL ")
  ;; Writes the bytes [ptr, ptr + len) to stdout (the iovec lives at 0).
  (func $write (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8))))
  ;; Writes N in decimal, from the end of a buffer at 32..47.
  (func $write_num (param $n i32) (local $p i32)
    (local.set $p (i32.const 48))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digit (local.get $n)))
    (call $write (local.get $p) (i32.sub (i32.const 48) (local.get $p))))
  ;; "FAIL <case> <name>\\n", the name at [name, name + len).
  (func $fail (param $case i32) (param $name i32) (param $len i32)
    (global.set $failed (i32.add (global.get $failed) (i32.const 1)))
    (call $write (i32.const 80) (i32.const 5))
    (call $write_num (local.get $case))
    (call $write (i32.const 64) (i32.const 1))
    (call $write (local.get $name) (local.get $len))
    (call $write (i32.const 79) (i32.const 1)))
  ;; Compares through i64 lanes only, so no SIMD comparison is trusted.
  (func $check_v (param $got v128) (param $want v128) (result i32)
    (i32.and
      (i64.eq (i64x2.extract_lane 0 (local.get $got))
              (i64x2.extract_lane 0 (local.get $want)))
      (i64.eq (i64x2.extract_lane 1 (local.get $got))
              (i64x2.extract_lane 1 (local.get $want)))))''')
    out += p.funcs
    names = bytearray()
    name_at = []
    for name, _, _, _ in p.cases:
        name_at.append((len(names), len(name)))
        names += name.encode()
    names_base = 1024 + 65536 // 2
    out.append('  (data (i32.const %d) "%s")' % (
        names_base, ''.join('\\%02x' % x for x in names)))
    out.append('  (func (export "_start")')
    for k, (name, expr, kind, want) in enumerate(p.cases):
        if kind == 'v':
            test = '(call $check_v %s (v128.load (i32.const %d)))' % (expr, want)
        elif kind == 'i':
            test = '(i32.eq %s (i32.const %d))' % (expr, want)
        else:
            test = '(i64.eq %s (i64.const %d))' % (expr, want)
        at, length = name_at[k]
        out.append('    (if (i32.eqz %s)' % test)
        out.append('      (then (call $fail (i32.const %d) (i32.const %d) '
                   '(i32.const %d))))' % (k, names_base + at, length))
    # "<n> cases, <m> failed\n"
    out.append('    (call $write_num (i32.const %d))' % len(p.cases))
    out.append('    (call $write (i32.const 64) (i32.const 8))')
    out.append('    (call $write_num (global.get $failed))')
    out.append('    (call $write (i32.const 72) (i32.const 8)))')
    out.append(')')
    return '\n'.join(out) + '\n'


def main():
    p = Program()
    add_lane_cases(p)
    add_bitwise_cases(p)
    add_arith_cases(p)
    add_widening_cases(p)
    add_memory_cases(p)
    add_abi_cases(p)
    assert OPERANDS + len(p.memory) < 1024 + 65536 // 2, 'operands overflow'
    sys.stdout.write(emit(p))


if __name__ == '__main__':
    main()
