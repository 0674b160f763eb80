;; NaN-making float operators on inputs read at run time (nothing can be
;; folded), each result printed as hex words: test/lit/build/deterministic*.test.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; Inputs at 0..63, read at run time so that nothing is folded:
  ;; 0: f32 0.0   4: f32 -1.0   8: f32 +inf   12: f32 1.0
  ;; 16: f32 NaN with payload 0x7fa00001 (signalling)  20: f32 0xffc01234
  ;; 24: f64 0.0  32: f64 -1.0  40: f64 +inf  48: f64 sNaN 0x7ff0000000000001
  ;; 56: f64 NaN 0xfff8000000001234
  (data (i32.const 0) "\00\00\00\00" "\00\00\80\bf" "\00\00\80\7f" "\00\00\80\3f"
                      "\01\00\a0\7f" "\34\12\c0\ff"
                      "\00\00\00\00\00\00\00\00" "\00\00\00\00\00\00\f0\bf"
                      "\00\00\00\00\00\00\f0\7f" "\01\00\00\00\00\00\f0\7f"
                      "\34\12\00\00\00\00\f8\ff")
  (data (i32.const 200) "0123456789abcdef")
  ;; Writes the 8 hex digits of $v and a newline to stdout.
  (func $hex (param $v i32) (local $i i32)
    (local.set $i (i32.const 0))
    (loop $l
      (i32.store8 (i32.add (i32.const 300) (local.get $i))
        (i32.load8_u (i32.add (i32.const 200)
          (i32.and (i32.shr_u (local.get $v)
                     (i32.sub (i32.const 28) (i32.shl (local.get $i) (i32.const 2))))
                   (i32.const 15)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 8))))
    (i32.store8 (i32.const 308) (i32.const 10))
    (i32.store (i32.const 400) (i32.const 300))
    (i32.store (i32.const 404) (i32.const 9))
    (drop (call $fd_write (i32.const 1) (i32.const 400) (i32.const 1) (i32.const 408))))
  (func $f32 (param f32) (call $hex (i32.reinterpret_f32 (local.get 0))))
  (func $f64 (param f64)
    (call $hex (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get 0)) (i64.const 32))))
    (call $hex (i32.wrap_i64 (i64.reinterpret_f64 (local.get 0)))))
  (func (export "_start")
    (call $f32 (f32.div (f32.load (i32.const 0)) (f32.load (i32.const 0))))
    (call $f32 (f32.sub (f32.load (i32.const 8)) (f32.load (i32.const 8))))
    (call $f32 (f32.mul (f32.load (i32.const 0)) (f32.load (i32.const 8))))
    (call $f32 (f32.sqrt (f32.load (i32.const 4))))
    (call $f32 (f32.add (f32.load (i32.const 16)) (f32.load (i32.const 12))))
    (call $f32 (f32.add (f32.load (i32.const 12)) (f32.load (i32.const 20))))
    (call $f32 (f32.mul (f32.load (i32.const 20)) (f32.load (i32.const 16))))
    (call $f32 (f32.min (f32.load (i32.const 16)) (f32.load (i32.const 12))))
    (call $f32 (f32.max (f32.load (i32.const 12)) (f32.load (i32.const 20))))
    (call $f32 (f32.ceil (f32.load (i32.const 16))))
    (call $f32 (f32.floor (f32.load (i32.const 20))))
    (call $f32 (f32.trunc (f32.load (i32.const 16))))
    (call $f32 (f32.nearest (f32.load (i32.const 16))))
    (call $f32 (f32.demote_f64 (f64.load (i32.const 56))))
    (call $f64 (f64.div (f64.load (i32.const 24)) (f64.load (i32.const 24))))
    (call $f64 (f64.sqrt (f64.load (i32.const 32))))
    (call $f64 (f64.add (f64.load (i32.const 48)) (f64.load (i32.const 56))))
    (call $f64 (f64.min (f64.load (i32.const 56)) (f64.load (i32.const 24))))
    (call $f64 (f64.ceil (f64.load (i32.const 48))))
    (call $f64 (f64.nearest (f64.load (i32.const 56))))
    (call $f64 (f64.promote_f32 (f32.load (i32.const 16))))
    ;; Bit-exact operators keep their NaNs even here.
    (call $f32 (f32.neg (f32.load (i32.const 16))))
    (call $f32 (f32.abs (f32.load (i32.const 20))))
    (call $f64 (f64.copysign (f64.load (i32.const 48)) (f64.load (i32.const 32))))))
