;; v128 values outside the SIMD operators: in locals (zero at entry),
;; mutable, immutable, exported and imported globals (with constant
;; initialisers), parameters and results, multi-value blocks and calls
;; (several v128s mixed with floats), select, branches, loops, call_indirect
;; and calls across modules. The lanes differ from each other, so a swapped
;; or dropped half shows. Run at -O0 and -O2 in both bounds-check modes
;; (ctest wast-*).

(module $exporter
  (global (export "k") v128 (v128.const i32x4 1 2 3 4))
  (global (export "m") (mut v128) (v128.const i64x2 -1 0x0123456789abcdef))
  (func (export "swap") (param v128) (result v128)
    (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
      (local.get 0) (local.get 0))))
(register "exporter" $exporter)

(module
  (import "exporter" "k" (global $k v128))
  (import "exporter" "m" (global $m (mut v128)))
  (import "exporter" "swap" (func $swap (param v128) (result v128)))
  (global $own (mut v128) (v128.const f32x4 nan:0x200000 -0.0 1.5 -nan))
  (global $copy v128 (global.get $k))
  (type $pair (func (param v128 v128) (result v128 v128)))
  (table funcref (elem $flip $keep))

  ;; Declared locals start at zero, a v128 one too.
  (func (export "zero-local") (result v128) (local i32 v128 f64)
    (local.get 1))

  (func (export "get-k") (result v128) (global.get $k))
  (func (export "get-copy") (result v128) (global.get $copy))
  (func (export "get-m") (result v128) (global.get $m))
  (func (export "set-m") (param v128) (global.set $m (local.get 0)))
  ;; A signalling NaN's payload survives a global cell.
  (func (export "get-own") (result v128) (global.get $own))
  (func (export "set-own") (param v128) (global.set $own (local.get 0)))

  (func (export "call-import") (param v128) (result v128)
    (call $swap (local.get 0)))

  ;; Several results: v128s between floats and integers.
  (func $many (param v128 f32 v128 f64 i64 v128)
              (result v128 f32 v128 f64 i64 v128)
    (local.get 5) (local.get 1) (local.get 0) (local.get 3) (local.get 4)
    (local.get 2))
  (func (export "many") (param v128 f32 v128 f64 i64 v128)
                        (result v128 f32 v128 f64 i64 v128)
    (call $many (local.get 0) (local.get 1) (local.get 2) (local.get 3)
                (local.get 4) (local.get 5)))

  ;; A block taking and returning v128s; a branch out of it carries them.
  (func (export "block") (param v128 v128 i32) (result v128 v128)
    (local.get 0) (local.get 1)
    (block (param v128 v128) (result v128 v128)
      (br_if 0 (local.get 2))
      (drop) (drop)
      (v128.const i64x2 7 8) (v128.const i64x2 9 10)))

  ;; A loop's v128 parameter is a phi: sums lane-wise n times.
  (func (export "loop") (param $v v128) (param $n i32) (result v128)
    (v128.const i64x2 0 0)
    (loop (param v128) (result v128)
      (i64x2.add (local.get $v))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if 0 (local.get $n))))

  (func (export "select") (param v128 v128 i32) (result v128)
    (select (local.get 0) (local.get 1) (local.get 2)))
  (func (export "select-typed") (param v128 v128 i32) (result v128)
    (select (result v128) (local.get 0) (local.get 1) (local.get 2)))

  (func $flip (type $pair) (local.get 1) (local.get 0))
  (func $keep (type $pair) (local.get 0) (local.get 1))
  (func (export "indirect") (param v128 v128 i32) (result v128 v128)
    (call_indirect (type $pair) (local.get 0) (local.get 1) (local.get 2)))
  ;; One result: wast2json writes a trap's expected results of several
  ;; values as JSON it cannot read back.
  (func (export "indirect-first") (param v128 v128 i32) (result v128)
    (call_indirect (type $pair) (local.get 0) (local.get 1) (local.get 2))
    (drop)))

(assert_return (invoke "zero-local") (v128.const i64x2 0 0))
(assert_return (invoke "get-k") (v128.const i32x4 1 2 3 4))
(assert_return (invoke "get-copy") (v128.const i32x4 1 2 3 4))
(assert_return (invoke "get-m") (v128.const i64x2 -1 0x0123456789abcdef))
(assert_return (invoke "set-m" (v128.const i16x8 1 2 3 4 5 6 7 8)))
(assert_return (invoke "get-m") (v128.const i16x8 1 2 3 4 5 6 7 8))
(assert_return (get $exporter "m") (v128.const i16x8 1 2 3 4 5 6 7 8))
(assert_return (invoke "get-own")
  (v128.const f32x4 nan:0x200000 -0.0 1.5 -nan))
(assert_return (invoke "set-own" (v128.const f64x2 -nan:0x4000000000001 inf)))
(assert_return (invoke "get-own") (v128.const f64x2 -nan:0x4000000000001 inf))
(assert_return (invoke "call-import" (v128.const i64x2 1 2))
  (v128.const i64x2 2 1))
(assert_return
  (invoke "many" (v128.const i32x4 1 2 3 4) (f32.const nan:0x1)
                 (v128.const i32x4 5 6 7 8) (f64.const -0.0) (i64.const -9)
                 (v128.const i32x4 9 10 11 12))
  (v128.const i32x4 9 10 11 12) (f32.const nan:0x1)
  (v128.const i32x4 1 2 3 4) (f64.const -0.0) (i64.const -9)
  (v128.const i32x4 5 6 7 8))
(assert_return (invoke "block" (v128.const i64x2 1 2) (v128.const i64x2 3 4)
                               (i32.const 1))
  (v128.const i64x2 1 2) (v128.const i64x2 3 4))
(assert_return (invoke "block" (v128.const i64x2 1 2) (v128.const i64x2 3 4)
                               (i32.const 0))
  (v128.const i64x2 7 8) (v128.const i64x2 9 10))
(assert_return (invoke "loop" (v128.const i64x2 3 -5) (i32.const 4))
  (v128.const i64x2 12 -20))
(assert_return (invoke "select" (v128.const i64x2 1 2) (v128.const i64x2 3 4)
                                (i32.const 1))
  (v128.const i64x2 1 2))
(assert_return (invoke "select-typed" (v128.const i64x2 1 2)
                                      (v128.const i64x2 3 4) (i32.const 0))
  (v128.const i64x2 3 4))
(assert_return (invoke "indirect" (v128.const i64x2 1 2)
                                  (v128.const i64x2 3 4) (i32.const 0))
  (v128.const i64x2 3 4) (v128.const i64x2 1 2))
(assert_return (invoke "indirect" (v128.const i64x2 1 2)
                                  (v128.const i64x2 3 4) (i32.const 1))
  (v128.const i64x2 1 2) (v128.const i64x2 3 4))
(assert_trap (invoke "indirect-first" (v128.const i64x2 1 2)
                                      (v128.const i64x2 3 4) (i32.const 2))
  "undefined element")
