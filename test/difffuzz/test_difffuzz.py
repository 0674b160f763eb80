#!/usr/bin/env python3
"""Unit tests of the differential fuzzer's comparison and NaN rewrite."""

import os
import struct
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import canonical_nans  # noqa: E402
import compare  # noqa: E402


class SameValue(unittest.TestCase):
    def test_integers_exact(self):
        self.assertTrue(compare.same_value('-5', '-5'))
        self.assertFalse(compare.same_value('-5', '5'))
        self.assertFalse(compare.same_value('9007199254740993',
                                            '9007199254740992'))

    def test_floats_by_value(self):
        self.assertTrue(compare.same_value('1e+300', '1.e+300'))
        self.assertTrue(compare.same_value('1e+21', '1e21'))
        self.assertTrue(compare.same_value('123456789.0', '123456789'))
        self.assertTrue(compare.same_value('0.10000000149011612',
                                           '0.10000000149011612'))
        self.assertFalse(compare.same_value('0.1', '0.10000000149011612'))
        self.assertTrue(compare.same_value('-inf', '-inf'))

    def test_integer_token_needs_integer_reference(self):
        self.assertFalse(compare.same_value('1', '1.5'))

    def test_sign_of_zero(self):
        self.assertTrue(compare.same_value('-0.0', '-0'))
        self.assertFalse(compare.same_value('0.0', '-0'))

    def test_nan_bits(self):
        self.assertTrue(compare.same_value('nan:0x400000', 'nan:0x400000'))
        self.assertFalse(compare.same_value('-nan:0x400000', 'nan:0x400000'))
        self.assertFalse(compare.same_value('nan:0x1', 'nan:0x400000'))
        self.assertFalse(compare.same_value('nan:0x400000', '0'))

    def test_references(self):
        self.assertTrue(compare.same_value('externref', 'anyref'))
        self.assertTrue(compare.same_value('externref(null)', 'anyref(null)'))
        self.assertTrue(compare.same_value('funcref(3)', 'funcref(3)'))
        self.assertFalse(compare.same_value('funcref(3)', 'funcref(4)'))
        self.assertFalse(compare.same_value('funcref(null)', 'funcref(0)'))


BINARYEN = """warning: no passes specified, not doing any work
[fuzz-exec] calling a
[LoggingExternalInterface logging -2 -1]
[fuzz-exec] note result: a => (1e21, 1, anyref(null), funcref(0))
[fuzz-exec] calling b
[trap final > memory: 70000 > 65536]
"""
OURS = """[fuzz-exec] calling a
[LoggingExternalInterface logging -2 -1]
[fuzz-exec] note result: a => (1e+21, 1, externref(null), funcref(0))
[fuzz-exec] calling b
[trap out of bounds memory access]
"""


class Compare(unittest.TestCase):
    def test_equal_outputs_pass(self):
        self.assertEqual(compare.compare(OURS, BINARYEN).status, 'pass')

    def test_missing_trap_fails(self):
        ours = OURS.replace('[trap out of bounds memory access]\n',
                            '[fuzz-exec] note result: b => 0\n')
        v = compare.compare(ours, BINARYEN)
        self.assertEqual(v.status, 'fail')
        self.assertEqual(v.index, 4)
        self.assertTrue(v.lost_trap)

    def test_missing_line_fails(self):
        v = compare.compare(OURS.split('[fuzz-exec] calling b')[0], BINARYEN)
        self.assertEqual(v.status, 'fail')
        self.assertIn('only binaryen', v.summary)

    def test_value_difference_fails(self):
        ours = OURS.replace('logging -2 -1', 'logging -2 0')
        v = compare.compare(ours, BINARYEN)
        self.assertEqual(v.status, 'fail')
        self.assertFalse(v.lost_trap)

    def test_host_limit_is_inconclusive(self):
        ref = BINARYEN + '[host limit allocation failure]\n'
        self.assertEqual(compare.compare(OURS, ref).status, 'inconclusive')


def module(types, funcs, bodies):
    """A module of the given type, function and code section payloads."""
    def section(sid, items):
        payload = canonical_nans.uleb(len(items)) + b''.join(items)
        return bytes([sid]) + canonical_nans.uleb(len(payload)) + payload
    body_items = [canonical_nans.uleb(len(b)) + b for b in bodies]
    return (b'\x00asm\x01\x00\x00\x00' + section(1, types) +
            section(3, funcs) + section(10, body_items))


class CanonicalNaNs(unittest.TestCase):
    # (f32, f32) -> f32, and (f64) -> f64
    TYPES = [b'\x60\x02\x7d\x7d\x01\x7d', b'\x60\x01\x7c\x01\x7c']

    def test_arithmetic_gets_a_call_and_bit_exact_ops_do_not(self):
        # f32.add then f32.neg then f32.copysign; f64.sqrt then f64.abs
        add = b'\x00\x20\x00\x20\x01\x92\x8c\x20\x01\x98\x0b'
        sqrt = b'\x00\x20\x00\x9f\x99\x0b'
        out = canonical_nans.rewrite(module(self.TYPES, [b'\x00', b'\x01'],
                                            [add, sqrt]))
        # Two new types and functions (2 and 3), calls after add and sqrt.
        self.assertIn(b'\x20\x00\x20\x01\x92\x10\x02\x8c\x20\x01\x98\x0b',
                      out)
        self.assertIn(b'\x20\x00\x9f\x10\x03\x99\x0b', out)
        self.assertIn(struct.pack('<I', 0x7FC00000), out)
        self.assertIn(struct.pack('<Q', 0x7FF8000000000000), out)

    def test_immediates_are_not_opcodes(self):
        # i32.const 0x12 (0x92 would be f32.add as an opcode), drop, then
        # f32.const whose bytes contain 0x92, return it.
        body = b'\x00\x41\x92\x00\x1a\x43\x92\x92\x92\x92\x0b'
        types = [b'\x60\x00\x01\x7d']
        out = canonical_nans.rewrite(module(types, [b'\x00'], [body]))
        self.assertIn(body[1:], out)
        self.assertNotIn(b'\x10\x01', out[out.index(body[1:]) - 2:
                                          out.index(body[1:]) + len(body)])

    def test_unknown_opcode_is_unsupported(self):
        body = b'\x00\xfd\x0c' + b'\x00' * 16 + b'\x0b'  # v128.const
        with self.assertRaises(canonical_nans.Unsupported):
            canonical_nans.rewrite(module([b'\x60\x00\x00'], [b'\x00'],
                                          [body]))


if __name__ == '__main__':
    unittest.main()
