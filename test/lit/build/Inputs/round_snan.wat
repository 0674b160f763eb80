;; f32/f64 ceil, floor, trunc and nearest of signalling NaNs read at run time
;; (nothing can be folded), each result printed as hex words, f64 high word
;; first: test/lit/build/round-snan.test.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; 0: f32 0x7fa00001   4: f32 0xff800001
  ;; 8: f64 0x7ff4000000000001   16: f64 0xfff0000000000001
  (data (i32.const 0) "\01\00\a0\7f" "\01\00\80\ff"
                      "\01\00\00\00\00\00\f4\7f" "\01\00\00\00\00\00\f0\ff")
  (data (i32.const 200) "0123456789abcdef")
  ;; Writes the 8 hex digits of $v and a newline to stdout.
  (func $hex (param $v i32) (local $i i32)
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
    (call $f32 (f32.ceil (f32.load (i32.const 0))))
    (call $f32 (f32.floor (f32.load (i32.const 4))))
    (call $f32 (f32.trunc (f32.load (i32.const 0))))
    (call $f32 (f32.nearest (f32.load (i32.const 4))))
    (call $f64 (f64.ceil (f64.load (i32.const 8))))
    (call $f64 (f64.floor (f64.load (i32.const 16))))
    (call $f64 (f64.trunc (f64.load (i32.const 8))))
    (call $f64 (f64.nearest (f64.load (i32.const 16))))))
