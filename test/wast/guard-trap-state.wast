;; Guard-page mode must keep every trap the spec requires and leave memory,
;; globals and tables exactly as the spec says when an access faults. Each
;; case is a shape LLVM once optimised wrongly when guest accesses were plain
;; loads and stores; explicit checks were always right. Run at -O0 and -O2 in
;; both bounds-check modes (ctest wast-*).

;; A load whose value is only fed to dead computation still traps.
(module
  (memory 1)
  (func (export "dead-eqz") (drop (i32.eqz (i32.load8_u (i32.const 65536)))))
  (func (export "dead-add") (result i32)
    (drop (i32.add (i32.load (i32.const 65534)) (i32.const 1)))
    (i32.const 7))
  (func (export "dead-local") (local i64)
    (local.set 0 (i64.load (i32.const 70000))))
  (func (export "dead-select") (param i32) (result i32)
    (select (i32.const 1) (i32.const 2)
      (f64.ne (f64.load (local.get 0)) (f64.load (local.get 0))))
    (drop (f32.load (i32.const 65533)))))
(assert_trap (invoke "dead-eqz") "out of bounds memory access")
(assert_trap (invoke "dead-add") "out of bounds memory access")
(assert_trap (invoke "dead-local") "out of bounds memory access")
(assert_trap (invoke "dead-select" (i32.const 0)) "out of bounds memory access")

;; A loop-invariant faulting load must not be hoisted above the store that
;; precedes it in the first iteration.
(module
  (memory 1)
  (func (export "hoist") (local $i i32)
    (loop
      (i32.store (i32.and (local.get $i) (i32.const 15)) (i32.const 1))
      (local.set $i (i32.load (i32.const 65536)))
      (br 0)))
  (func (export "peek") (param i32) (result i32) (i32.load (local.get 0))))
(assert_trap (invoke "hoist") "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 0)) (i32.const 1))

;; A global written before a faulting store in a loop holds the value of
;; the iteration that faulted (the second: 10 - 2), not the loop's final
;; value; the first iteration's store is in memory.
(module
  (memory 1)
  (global $g (export "g") (mut i32) (i32.const 10))
  (func (export "count") (param $addr i32)
    (loop
      (global.set $g (i32.sub (global.get $g) (i32.const 1)))
      (i32.store (local.get $addr) (global.get $g))
      (local.set $addr (i32.add (local.get $addr) (i32.const 65536)))
      (br_if 0 (global.get $g))))
  (func (export "peek") (param i32) (result i32) (i32.load (local.get 0))))
(assert_trap (invoke "count" (i32.const 16)) "out of bounds memory access")
(assert_return (get "g") (i32.const 8))
(assert_return (invoke "peek" (i32.const 16)) (i32.const 9))

;; A store that straddles the end of memory writes none of its bytes, at
;; every width and every overhang.
(module
  (memory 1)
  (func (export "store16") (param i32) (i32.store16 (local.get 0) (i32.const -1)))
  (func (export "store32") (param i32) (i32.store (local.get 0) (i32.const -1)))
  (func (export "store64") (param i32) (i64.store (local.get 0) (i64.const -1)))
  (func (export "storef64") (param i32) (f64.store (local.get 0) (f64.const -1)))
  (func (export "tail") (result i64) (i64.load (i32.const 65528))))
(assert_trap (invoke "store16" (i32.const 65535)) "out of bounds memory access")
(assert_trap (invoke "store32" (i32.const 65533)) "out of bounds memory access")
(assert_trap (invoke "store32" (i32.const 65535)) "out of bounds memory access")
(assert_trap (invoke "store64" (i32.const 65529)) "out of bounds memory access")
(assert_trap (invoke "store64" (i32.const 65535)) "out of bounds memory access")
(assert_trap (invoke "storef64" (i32.const 65532)) "out of bounds memory access")
(assert_return (invoke "tail") (i64.const 0))

;; Stores before a fault are all visible; stores after it are not, even
;; when LLVM could merge or reorder them.
(module
  (memory 1)
  (global $h (mut i64) (i64.const 0))
  (table 2 funcref)
  (func $f)
  (elem declare func $f)
  (func (export "mixed") (param $bad i32)
    (i32.store (i32.const 0) (i32.const 0x11111111))
    (global.set $h (i64.const 5))
    (table.set 0 (i32.const 1) (ref.func $f))
    (i32.store (i32.const 4) (i32.load (local.get $bad)))
    (i32.store (i32.const 8) (i32.const 0x22222222))
    (global.set $h (i64.const 6))
    (table.set 0 (i32.const 0) (ref.func $f)))
  (func (export "store-then-fault") (param $bad i32)
    (i64.store (i32.const 16) (i64.const -1))
    (i64.store (local.get $bad) (i64.const 3))
    (i64.store (i32.const 16) (i64.const 0)))
  (func (export "h") (result i64) (global.get $h))
  (func (export "null0") (result i32) (ref.is_null (table.get 0 (i32.const 0))))
  (func (export "null1") (result i32) (ref.is_null (table.get 0 (i32.const 1))))
  (func (export "peek") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "peek64") (param i32) (result i64) (i64.load (local.get 0))))
(assert_trap (invoke "mixed" (i32.const 65536)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 0)) (i32.const 0x11111111))
(assert_return (invoke "peek" (i32.const 4)) (i32.const 0))
(assert_return (invoke "peek" (i32.const 8)) (i32.const 0))
(assert_return (invoke "h") (i64.const 5))
(assert_return (invoke "null0") (i32.const 1))
(assert_return (invoke "null1") (i32.const 0))
(assert_trap (invoke "store-then-fault" (i32.const 65530)) "out of bounds memory access")
(assert_return (invoke "peek64" (i32.const 16)) (i64.const -1))
;; The faulting store straddled the end of memory: none of its in-bounds
;; bytes (65530..65535) were written, on targets that write a misaligned
;; store piecewise too.
(assert_return (invoke "peek64" (i32.const 65528)) (i64.const 0))

;; v128 accesses are guarded like the scalar ones: a load whose value is
;; dead still traps, a store that crosses the end of memory writes none of
;; its bytes, stores before a faulting lane store are done and those after
;; it are not, and a lane load traps before its vector is used.
(module
  (memory 1)
  (data (i32.const 65520) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10")
  (func (export "dead-v128") (drop (v128.load (i32.const 65521))))
  (func (export "dead-splat") (drop (v128.load8_splat (i32.const 65536))))
  (func (export "dead-extend") (result i32)
    (i32x4.extract_lane 0 (v128.load16x4_s (i32.const 65529))))
  (func (export "straddle") (param $a i32)
    (v128.store (local.get $a) (v128.const i64x2 -1 -1)))
  (func (export "lane-after-store") (param $a i32)
    (v128.store (i32.const 32) (v128.const i32x4 1 2 3 4))
    (v128.store32_lane 3 (local.get $a) (v128.const i32x4 5 6 7 8))
    (v128.store (i32.const 32) (v128.const i64x2 0 0)))
  (func (export "load-lane") (param $a i32) (result v128)
    (v128.load64_lane 1 (local.get $a) (v128.const i64x2 7 7)))
  (func (export "peek128") (param i32) (result v128) (v128.load (local.get 0))))
(assert_trap (invoke "dead-v128") "out of bounds memory access")
(assert_trap (invoke "dead-splat") "out of bounds memory access")
(assert_trap (invoke "dead-extend") "out of bounds memory access")
(assert_trap (invoke "straddle" (i32.const 65521)) "out of bounds memory access")
(assert_return (invoke "peek128" (i32.const 65520))
  (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16))
(assert_trap (invoke "lane-after-store" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "peek128" (i32.const 32)) (v128.const i32x4 1 2 3 4))
(assert_trap (invoke "load-lane" (i32.const 65529)) "out of bounds memory access")
(assert_return (invoke "load-lane" (i32.const 65528))
  (v128.const i64x2 7 0x100f0e0d0c0b0a09))
