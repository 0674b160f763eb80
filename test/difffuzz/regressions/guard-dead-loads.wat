;; Found by difffuzz (seeds 100, 200, 300): in guard mode an out-of-bounds
;; load whose value only fed dead computation lost its trap, at -O2 (after
;; inlining an empty callee, or behind clz) and at -O0 too (instruction
;; selection drops dead loads). Guarded accesses keep every one
;; (compiler/lower/GuardedAccess.h).
(module
  (import "fuzzing-support" "log-i32" (func $log-i32 (param i32)))
  (memory 1 1)
  (global $g (mut i32) (i32.const 0))
  (func $sink (param f32))
  (func (export "inlined-callee") (result i64)
    (call $sink (f32.load offset=4 (i32.const -2147483648)))
    (i64.const 0))
  (func (export "dead-clz") (result i32)
    (local $0 i32)
    (local.set $0 (i32.const -27))
    (drop (i32.clz (i32.load8_s offset=22 (local.get $0))))
    (i32.const 1))
  (func (export "dead-and")
    (drop (i32.and (i32.load8_u offset=3 (i32.const -65535)) (i32.const 15))))
  ;; The state a trap leaves: the global and the store before the fault are
  ;; there, the ones after it are not.
  (func (export "state-before-fault") (param $addr i32)
    (global.set $g (i32.const 7))
    (i32.store (i32.const 0) (i32.const 11))
    (i32.store (i32.const 4) (i32.load (i32.const 65536)))
    (global.set $g (i32.const 8)))
  (func (export "check-state")
    (call $log-i32 (global.get $g))
    (call $log-i32 (i32.load (i32.const 0)))
    (call $log-i32 (i32.load (i32.const 4)))))
