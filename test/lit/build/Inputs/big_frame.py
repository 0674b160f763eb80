"""Writes the module of stack-clash-*.test in the text format: one function
whose frame is far larger than the host thread's whole stack.

"deep" has 40,000 i64 locals, which the compiler keeps in stack slots (at
-O0, and at any level once a function has more than 10,000 locals), so its
frame is about 320 KB. It reads its parameter and a few locals so that
they cannot be dropped."""

LOCALS = 40000

print('(module')
print('  (func (export "deep") (param i64) (result i64)')
print('    (local ' + ' '.join(['i64'] * LOCALS) + ')')
print('    (local.set 1 (local.get 0))')
print('    (local.set %d (i64.add (local.get 1) (local.get 0)))' % LOCALS)
print('    (local.get %d)))' % LOCALS)
