;; Imports path_open besides proc_exit, and calls it on a descriptor that
;; is not a directory (stdin): ERRNO_BADF (8) or NOTDIR (54), never success.
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "x")
  (func (export "_start")
    (local $r i32)
    (local.set $r (call $path_open (i32.const 0) (i32.const 0) (i32.const 16)
                    (i32.const 1) (i32.const 0) (i64.const 0) (i64.const 0)
                    (i32.const 0) (i32.const 32)))
    (if (i32.eqz (local.get $r)) (then (call $proc_exit (i32.const 1))))))
