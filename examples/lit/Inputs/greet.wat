;; A WASI command: writes "hello, " and its first argument to stdout.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hello, ")
  (func $strlen (param $p i32) (result i32) (local $n i32)
    (block $end (loop $next
      (br_if $end (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $n))
  (func (export "_start")
    ;; argv at 64, argv strings at 256; iovecs at 32.
    (drop (call $sizes (i32.const 16) (i32.const 20)))
    (drop (call $args (i32.const 64) (i32.const 256)))
    (i32.store (i32.const 32) (i32.const 0))
    (i32.store (i32.const 36) (i32.const 7))
    (i32.store (i32.const 40) (i32.load (i32.const 68)))
    (i32.store (i32.const 44) (call $strlen (i32.load (i32.const 68))))
    (drop (call $write (i32.const 1) (i32.const 32) (i32.const 2) (i32.const 24)))))
