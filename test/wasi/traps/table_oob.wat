;;===- table_oob.wat - table.get past the end of a table -----------------===;;
;;
;; C never emits table.get, so this trap kind needs a hand-written guest.
;; _start prints "before table-oob" (one fd_write), then reads element 5 of
;; a two-element table: "out of bounds table access" in $table_get_out_of_bounds.
;;===---------------------------------------------------------------------===;;
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; An iovec at 0 for the 17 bytes at 16; fd_write's count goes to 8.
  (data (i32.const 0) "\10\00\00\00\11\00\00\00")
  (data (i32.const 16) "before table-oob\n")
  (table $t 2 funcref)
  (global $index (mut i32) (i32.const 5))

  (func $table_get_out_of_bounds (result funcref)
    (table.get $t (global.get $index)))

  (func (export "_start")
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (drop (call $table_get_out_of_bounds))))
