;; An export returning a v128 whose lanes differ, for the example host
;; examples/embed/run_export.c (simd-host-x86_64.test).
(module
  (func (export "lanes") (result v128)
    (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 -4 -3 -2 -1)))
