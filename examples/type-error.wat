;; A module that is well-formed but invalid: `i32.add` is given an f64.
;; `scripts/demo.sh` assembles it with `wat2wasm --no-check` (wat2wasm would
;; otherwise refuse it) to show how wasm-aot reports a validation error:
;;   wasm-aot: error: type-error.wasm: func 0 at 0x23: type mismatch in
;;   i32.add: expected [i32 i32], got [i32 f64]
(module
  (func (result i32)
    (i32.add (i32.const 1) (f64.const 2.5))))
