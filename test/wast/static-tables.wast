;; call_indirect through a table that only the module's own active element
;; segments write is lowered against constant arrays, with only the checks
;; its slots need (lower/StaticTables.h). Each module here is one shape of
;; such a table, or one next to it that must keep the run-time path (a
;; table set, exported, imported or filled from a global's offset): every
;; call must reach the function the spec says and every bad one must trap
;; with the spec's message.

(module
  (func (export "double") (param i32) (result i32)
    (i32.mul (local.get 0) (i32.const 2)))
  (func (export "pair") (result i32 i64)
    (i32.const 7) (i64.const 8)))
(register "m1")

;; Nulls, several types, two structurally equal type indices, imports in
;; slots (called through their records), a later segment overwriting an
;; earlier one, and an expression-encoded segment with a null item.
(module
  (type $i_i (func (param i32) (result i32)))
  (type $i_i2 (func (param i32) (result i32)))
  (type $v_ii (func (result i32 i64)))
  (type $v_v (func))
  (import "m1" "double" (func $double (type $i_i)))
  (import "m1" "pair" (func $pair (type $v_ii)))
  (table 10 funcref)
  (elem (i32.const 1) func $inc $double $pair $nop $inc)
  (elem (i32.const 4) func $dec)
  (elem (i32.const 7) funcref (ref.null func) (ref.func $dec))
  (func $inc (type $i_i) (i32.add (local.get 0) (i32.const 1)))
  (func $dec (type $i_i2) (i32.sub (local.get 0) (i32.const 1)))
  (func $nop (type $v_v))
  (func (export "call") (param $slot i32) (param $x i32) (result i32)
    (call_indirect (type $i_i) (local.get $x) (local.get $slot)))
  (func (export "call2") (param $slot i32) (param $x i32) (result i32)
    (call_indirect (type $i_i2) (local.get $x) (local.get $slot)))
  (func (export "pair") (param $slot i32) (result i32 i64)
    (call_indirect (type $v_ii) (local.get $slot)))
  ;; wabt 1.0.32's wast2json writes bad JSON for an assert_trap of an
  ;; action with two results: the traps use this one.
  (func (export "pair-first") (param $slot i32) (result i32)
    (drop (call_indirect (type $v_ii) (local.get $slot))))
  (func (export "nop") (param $slot i32)
    (call_indirect (type $v_v) (local.get $slot)))
  (func (export "is-null") (param i32) (result i32)
    (ref.is_null (table.get 0 (local.get 0)))))

(assert_return (invoke "call" (i32.const 1) (i32.const 5)) (i32.const 6))
(assert_return (invoke "call" (i32.const 2) (i32.const 5)) (i32.const 10))
(assert_return (invoke "call" (i32.const 4) (i32.const 5)) (i32.const 4))
(assert_return (invoke "call" (i32.const 5) (i32.const 5)) (i32.const 6))
(assert_return (invoke "call" (i32.const 8) (i32.const 5)) (i32.const 4))
(assert_return (invoke "call2" (i32.const 2) (i32.const 21)) (i32.const 42))
(assert_return (invoke "call2" (i32.const 5) (i32.const 5)) (i32.const 6))
(assert_return (invoke "pair" (i32.const 3)) (i32.const 7) (i64.const 8))
(assert_trap (invoke "nop" (i32.const 4)) "indirect call type mismatch")
(assert_trap (invoke "call" (i32.const 0) (i32.const 5)) "uninitialized element")
(assert_trap (invoke "call" (i32.const 6) (i32.const 5)) "uninitialized element")
(assert_trap (invoke "call" (i32.const 7) (i32.const 5)) "uninitialized element")
(assert_trap (invoke "pair-first" (i32.const 0)) "uninitialized element")
(assert_trap (invoke "call" (i32.const 3) (i32.const 5)) "indirect call type mismatch")
(assert_trap (invoke "pair-first" (i32.const 1)) "indirect call type mismatch")
(assert_trap (invoke "call" (i32.const 10) (i32.const 5)) "undefined element")
(assert_trap (invoke "call" (i32.const -1) (i32.const 5)) "undefined element")
(assert_return (invoke "is-null" (i32.const 0)) (i32.const 1))
(assert_return (invoke "is-null" (i32.const 4)) (i32.const 0))

;; Every slot of the called type holds one function and nothing is null:
;; the call is direct after the bound check (and a type check, since a slot
;; of another type exists).
(module
  (table 3 funcref)
  (elem (i32.const 0) func $triple $triple $nine)
  (func $triple (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
  (func $nine (result i32) (i32.const 9))
  (func (export "call") (param i32 i32) (result i32)
    (call_indirect (param i32) (result i32) (local.get 1) (local.get 0)))
  (func (export "nine") (param i32) (result i32)
    (call_indirect (result i32) (local.get 0))))

(assert_return (invoke "call" (i32.const 0) (i32.const 5)) (i32.const 15))
(assert_return (invoke "call" (i32.const 1) (i32.const 6)) (i32.const 18))
(assert_trap (invoke "call" (i32.const 2) (i32.const 5)) "indirect call type mismatch")
(assert_trap (invoke "call" (i32.const 3) (i32.const 5)) "undefined element")
(assert_return (invoke "nine" (i32.const 2)) (i32.const 9))
(assert_trap (invoke "nine" (i32.const 0)) "indirect call type mismatch")

;; One type, no nulls: only the bound check is left.
(module
  (table 2 funcref)
  (elem (i32.const 0) func $add1 $add2)
  (func $add1 (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func $add2 (param i32) (result i32) (i32.add (local.get 0) (i32.const 2)))
  (func (export "call") (param i32 i32) (result i32)
    (call_indirect (param i32) (result i32) (local.get 1) (local.get 0))))

(assert_return (invoke "call" (i32.const 0) (i32.const 5)) (i32.const 6))
(assert_return (invoke "call" (i32.const 1) (i32.const 5)) (i32.const 7))
(assert_trap (invoke "call" (i32.const 2) (i32.const 5)) "undefined element")
(assert_trap (invoke "call" (i32.const 0x80000000) (i32.const 5)) "undefined element")

;; An empty table: every call is out of bounds.
(module
  (table 0 funcref)
  (func (export "call") (param i32) (result i32)
    (call_indirect (result i32) (local.get 0))))

(assert_trap (invoke "call" (i32.const 0)) "undefined element")

;; Table 0 is set by the module, table 1 is not: calls through table 0 see
;; the change, calls through table 1 keep what its segment put there.
(module
  (table $set 2 funcref)
  (table $fixed 2 funcref)
  (elem (table $set) (i32.const 0) func $one)
  (elem (table $fixed) (i32.const 0) func $one)
  (func $one (result i32) (i32.const 1))
  (func $two (result i32) (i32.const 2))
  (elem declare func $two)
  (func (export "set") (param i32)
    (table.set $set (local.get 0) (ref.func $two)))
  (func (export "call-set") (param i32) (result i32)
    (call_indirect $set (result i32) (local.get 0)))
  (func (export "call-fixed") (param i32) (result i32)
    (call_indirect $fixed (result i32) (local.get 0))))

(assert_return (invoke "call-set" (i32.const 0)) (i32.const 1))
(assert_trap (invoke "call-set" (i32.const 1)) "uninitialized element")
(invoke "set" (i32.const 1))
(invoke "set" (i32.const 0))
(assert_return (invoke "call-set" (i32.const 0)) (i32.const 2))
(assert_return (invoke "call-set" (i32.const 1)) (i32.const 2))
(assert_return (invoke "call-fixed" (i32.const 0)) (i32.const 1))
(assert_trap (invoke "call-fixed" (i32.const 1)) "uninitialized element")

;; An exported table another module writes: the exporter's calls see it.
(module $exporter
  (table (export "tab") 2 funcref)
  (elem (i32.const 0) func $ten)
  (func $ten (result i32) (i32.const 10))
  (func (export "call") (param i32) (result i32)
    (call_indirect (result i32) (local.get 0))))
(register "exporter" $exporter)

(assert_return (invoke "call" (i32.const 0)) (i32.const 10))
(assert_trap (invoke "call" (i32.const 1)) "uninitialized element")

(module
  (import "exporter" "tab" (table 2 funcref))
  (elem (i32.const 1) func $eleven)
  (func $eleven (result i32) (i32.const 11))
  (func (export "call") (param i32) (result i32)
    (call_indirect (result i32) (local.get 0))))

(assert_return (invoke "call" (i32.const 1)) (i32.const 11))
(assert_return (invoke $exporter "call" (i32.const 1)) (i32.const 11))

;; A segment whose offset is a global's: not known when compiling.
(module
  (import "spectest" "global_i32" (global $at i32))
  (table 700 funcref)
  (elem (global.get $at) func $five)
  (func $five (result i32) (i32.const 5))
  (func (export "call") (param i32) (result i32)
    (call_indirect (result i32) (local.get 0))))

(assert_return (invoke "call" (i32.const 666)) (i32.const 5))
(assert_trap (invoke "call" (i32.const 0)) "uninitialized element")

;; The slots of the called type are one range, with a null slot before it
;; and a null and another type after it: an index in the range is called
;; after one compare, and every index outside it (below, above, past the
;; end, and one that wraps when the range's start is subtracted) still
;; traps with the right message.
(module
  (type $i_i (func (param i32) (result i32)))
  (type $v_v (func))
  (table 6 funcref)
  (elem (i32.const 1) func $inc $dec $twice $nop)
  (func $inc (type $i_i) (i32.add (local.get 0) (i32.const 1)))
  (func $dec (type $i_i) (i32.sub (local.get 0) (i32.const 1)))
  (func $twice (type $i_i) (i32.mul (local.get 0) (i32.const 2)))
  (func $nop (type $v_v))
  (func (export "call") (param $slot i32) (param $x i32) (result i32)
    (call_indirect (type $i_i) (local.get $x) (local.get $slot)))
  (func (export "nop") (param $slot i32)
    (call_indirect (type $v_v) (local.get $slot))))

(assert_trap (invoke "call" (i32.const 0) (i32.const 5)) "uninitialized element")
(assert_return (invoke "call" (i32.const 1) (i32.const 5)) (i32.const 6))
(assert_return (invoke "call" (i32.const 2) (i32.const 5)) (i32.const 4))
(assert_return (invoke "call" (i32.const 3) (i32.const 5)) (i32.const 10))
(assert_trap (invoke "call" (i32.const 4) (i32.const 5)) "indirect call type mismatch")
(assert_trap (invoke "call" (i32.const 5) (i32.const 5)) "uninitialized element")
(assert_trap (invoke "call" (i32.const 6) (i32.const 5)) "undefined element")
(assert_trap (invoke "call" (i32.const -1) (i32.const 5)) "undefined element")
(assert_trap (invoke "call" (i32.const 0x80000001) (i32.const 5)) "undefined element")
(assert_return (invoke "nop" (i32.const 4)))
(assert_trap (invoke "nop" (i32.const 1)) "indirect call type mismatch")
(assert_trap (invoke "nop" (i32.const 0)) "uninitialized element")

;; A range from slot 0, and a type whose slots are not a range.
(module
  (type $i_i (func (param i32) (result i32)))
  (type $v_v (func))
  (table 5 funcref)
  (elem (i32.const 0) func $inc $inc $nop $dec)
  (func $inc (type $i_i) (i32.add (local.get 0) (i32.const 1)))
  (func $dec (type $i_i) (i32.sub (local.get 0) (i32.const 1)))
  (func $nop (type $v_v))
  (func (export "call") (param $slot i32) (param $x i32) (result i32)
    (call_indirect (type $i_i) (local.get $x) (local.get $slot)))
  (func (export "nop") (param $slot i32)
    (call_indirect (type $v_v) (local.get $slot))))

(assert_return (invoke "call" (i32.const 0) (i32.const 5)) (i32.const 6))
(assert_return (invoke "call" (i32.const 1) (i32.const 5)) (i32.const 6))
(assert_trap (invoke "call" (i32.const 2) (i32.const 5)) "indirect call type mismatch")
(assert_return (invoke "call" (i32.const 3) (i32.const 5)) (i32.const 4))
(assert_trap (invoke "call" (i32.const 4) (i32.const 5)) "uninitialized element")
(assert_trap (invoke "call" (i32.const 5) (i32.const 5)) "undefined element")
(assert_return (invoke "nop" (i32.const 2)))
(assert_trap (invoke "nop" (i32.const 3)) "indirect call type mismatch")
(assert_trap (invoke "nop" (i32.const -1)) "undefined element")
