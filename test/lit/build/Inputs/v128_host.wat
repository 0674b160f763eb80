;; The module of simd-host-*.test: v128 through a host function, globals
;; and exports.
(module
  (import "env" "mix"
    (func $mix (param v128 i32 f64 v128) (result f64 v128 i32)))
  (import "env" "g" (global $g v128))
  (global $m (export "m") (mut v128) (v128.const i32x4 10 11 12 13))
  (func (export "id") (param v128) (result v128) (local.get 0))
  ;; Calls the host with its arguments and returns what the host returned.
  (func (export "call_mix") (param v128 i32 f64 v128) (result f64 v128 i32)
    (call $mix (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "get_g") (result v128) (global.get $g))
  (func (export "get_m") (result v128) (global.get $m)))
