;;===- unknown_import.wat - Calling an import no runtime provides --------===;;
;;
;; Built with --allow-unknown-imports=trap: the program links and runs, and
;; the call to env.missing traps ("call to an import that was not
;; provided"). _start prints "before unknown-import" first.
;;===---------------------------------------------------------------------===;;
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "env" "missing" (func $missing (param i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\10\00\00\00\16\00\00\00")
  (data (i32.const 16) "before unknown-import\n")

  (func $calls_missing
    (drop (call $missing (i32.const 1))))

  (func (export "_start")
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $calls_missing)))
