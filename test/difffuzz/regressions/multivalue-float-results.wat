;; Found by difffuzz (seed 200, module 410). Functions returning several
;; results returned an LLVM struct of them; x86-64 returns the third and
;; fourth float of such a struct in x87 registers, and loading a signalling
;; NaN there quietens it (nan:0xa4211 came back as nan:0x4a4211). Results
;; now travel as integer bits. Signalling NaNs go through the entry
;; wrapper, a direct call, an indirect call and the logging import.
(module
  (import "fuzzing-support" "log-f32" (func $log-f32 (param f32)))
  (import "fuzzing-support" "log-i32" (func $log-i32 (param i32)))
  (type $four (func (result f32 f64 f32 f32)))
  (table 1 funcref)
  (elem (i32.const 0) $four-floats)

  (func $four-floats (export "four-floats") (type $four)
    (f32.const -nan:0xa4211)
    (f64.const nan:0x1)
    (f32.const nan:0x1)
    (f32.const -nan:0x200000))

  (func (export "six-mixed") (result f32 i64 i32 f32 f32 f32)
    (f32.const -nan:0x7f9239)
    (i64.const 65534)
    (i32.const 2048)
    (f32.const 3.4028234663852886e+38)
    (f32.const -106)
    (f32.const -nan:0xa4211))

  ;; The caller's view: each result's bits, and the last one logged.
  (func (export "called") (result i32 i64 i32 i32)
    (local $a f32) (local $b f64) (local $c f32) (local $d f32)
    (call $four-floats)
    (local.set $d)
    (local.set $c)
    (local.set $b)
    (local.set $a)
    (call $log-f32 (local.get $d))
    (i32.reinterpret_f32 (local.get $a))
    (i64.reinterpret_f64 (local.get $b))
    (i32.reinterpret_f32 (local.get $c))
    (i32.reinterpret_f32 (local.get $d)))

  (func (export "called-indirectly") (result i32)
    (local $c f32)
    (call_indirect (type $four) (i32.const 0))
    (drop)
    (local.set $c)
    (drop)
    (drop)
    (call $log-i32 (i32.reinterpret_f32 (local.get $c)))
    (i32.reinterpret_f32 (local.get $c))))
