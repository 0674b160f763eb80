;;===- start_trap.wat - A trap in the start function, before _start ------===;;
;;
;; The module's start function runs while the program instantiates it,
;; before WASI can reach its memory: the trap is reported the same way as
;; one in _start, and nothing is printed before it.
;;===---------------------------------------------------------------------===;;
(module
  (memory (export "memory") 1)
  (global $divisor (mut i32) (i32.const 0))

  (func $start_divides_by_zero
    (drop (i32.div_u (i32.const 1) (global.get $divisor))))
  (start $start_divides_by_zero)

  (func (export "_start")))
