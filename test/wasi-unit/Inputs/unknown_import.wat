;; A module with one preview-1 import and two the runtime does not provide:
;; wa_wasi_bind_imports binds the first only.
(module
  (import "wasi_snapshot_preview1" "sched_yield" (func (result i32)))
  (import "wasi_snapshot_preview1" "not_a_wasi_function" (func (result i32)))
  (import "env" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1))
