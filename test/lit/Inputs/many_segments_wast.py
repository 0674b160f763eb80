#!/usr/bin/env python3
"""many_segments_wast.py N OUT.wast

Writes a spec-style script whose module has N of each thing that the
compiler's init functions handle in chunks (compiler/lower/ChunkedSwitch.h):
active and passive element segments, active data segments and globals,
with assertions on every one of them. With N above the chunk size (64) it
checks that splitting the cases changed no value and no order; run it with
scripts/spec-test.sh.
"""
import sys


def main(argv):
    if len(argv) != 3 or not argv[1].isdigit():
        sys.stderr.write(__doc__)
        return 2
    n = int(argv[1])
    out = ["(module"]
    out.append("  (type $t (func (result i32)))")
    for i in range(n):
        out.append("  (func $f%d (result i32) (i32.const %d))" % (i, i))
    out.append("  (table $active %d funcref)" % n)
    out.append("  (table $passive %d funcref)" % n)
    out.append("  (memory 1)")
    # Active segments in reverse order: a segment's offset comes from its
    # own case, not from its position.
    for i in reversed(range(n)):
        out.append("  (elem (table $active) (i32.const %d) func $f%d)" % (i, i))
    for i in range(n):
        out.append("  (elem $p%d func $f%d)" % (i, (i * 7) % n))
    for i in range(n):
        out.append('  (data (i32.const %d) "\\%02x")' % (i, (i * 3) & 0xFF))
    for i in range(n):
        out.append("  (global $g%d i32 (i32.const %d))" % (i, i * 5 + 1))
        out.append('  (export "g%d" (global $g%d))' % (i, i))
    out.append('  (func (export "active") (param i32) (result i32)')
    out.append("    (call_indirect $active (type $t) (local.get 0)))")
    out.append('  (func (export "passive") (param i32) (result i32)')
    out.append("    (call_indirect $passive (type $t) (local.get 0)))")
    out.append('  (func (export "byte") (param i32) (result i32)')
    out.append("    (i32.load8_u (local.get 0)))")
    out.append('  (func (export "init")')
    for i in range(n):
        out.append("    (table.init $passive $p%d (i32.const %d) (i32.const 0) "
                   "(i32.const 1))" % (i, i))
    out.append("  )")
    out.append(")")
    out.append('(invoke "init")')
    for i in range(n):
        out.append('(assert_return (invoke "active" (i32.const %d)) '
                   "(i32.const %d))" % (i, i))
        out.append('(assert_return (invoke "passive" (i32.const %d)) '
                   "(i32.const %d))" % (i, (i * 7) % n))
        out.append('(assert_return (invoke "byte" (i32.const %d)) '
                   "(i32.const %d))" % (i, (i * 3) & 0xFF))
        out.append('(assert_return (get "g%d") (i32.const %d))'
                   % (i, i * 5 + 1))
    with open(argv[2], "w") as f:
        f.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
