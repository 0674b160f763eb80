;; A small WASI program: writes "Hello, world!" to standard output. It
;; imports from WASI, so it needs a WASI host: it is the example for
;; `wasm-aot build` (WASI executables), which is planned. Meanwhile
;; `wasm-aot inspect hello.wasm` shows its imports and exports.
(module $hello
  (type $fd_write_t (func (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (type $fd_write_t)))

  (memory $mem 1)
  (export "memory" (memory $mem))

  ;; The iovec { buf = 16, len = 14 } at 0, the text at 16.
  (data (i32.const 0) "\10\00\00\00\0e\00\00\00")
  (data (i32.const 16) "Hello, world!\n")

  (global $exit_code (mut i32) (i32.const 0))

  (table 1 funcref)
  (elem (i32.const 0) $write_greeting)

  (func $write_greeting (result i32)
    ;; fd_write(stdout, iovs = 0, iovs_len = 1, nwritten = 32)
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 32)))

  (func $_start (export "_start")
    (local $errno i32)
    (local.set $errno (call_indirect (result i32) (i32.const 0)))
    (global.set $exit_code (local.get $errno)))
)
