;; One float lane operator per function, operands as parameters, for
;; simd-float-*.test: function N (wasm.fN in the assembly) is the Nth here.
(module
  (func (export "f32x4.add") (param v128 v128) (result v128) ;; 0
    (f32x4.add (local.get 0) (local.get 1)))
  (func (export "f64x2.sqrt") (param v128) (result v128) ;; 1
    (f64x2.sqrt (local.get 0)))
  (func (export "f32x4.pmin") (param v128 v128) (result v128) ;; 2
    (f32x4.pmin (local.get 0) (local.get 1)))
  (func (export "f64x2.pmin") (param v128 v128) (result v128) ;; 3
    (f64x2.pmin (local.get 0) (local.get 1)))
  (func (export "f32x4.pmax") (param v128 v128) (result v128) ;; 4
    (f32x4.pmax (local.get 0) (local.get 1)))
  (func (export "f64x2.pmax") (param v128 v128) (result v128) ;; 5
    (f64x2.pmax (local.get 0) (local.get 1)))
  (func (export "f32x4.nearest") (param v128) (result v128) ;; 6
    (f32x4.nearest (local.get 0)))
  (func (export "f64x2.nearest") (param v128) (result v128) ;; 7
    (f64x2.nearest (local.get 0)))
  (func (export "f32x4.ceil") (param v128) (result v128) ;; 8
    (f32x4.ceil (local.get 0)))
  (func (export "f32x4.floor") (param v128) (result v128) ;; 9
    (f32x4.floor (local.get 0)))
  (func (export "f32x4.trunc") (param v128) (result v128) ;; 10
    (f32x4.trunc (local.get 0)))
  (func (export "i32x4.trunc_sat_f32x4_s") (param v128) (result v128) ;; 11
    (i32x4.trunc_sat_f32x4_s (local.get 0)))
  (func (export "i32x4.trunc_sat_f64x2_s_zero") (param v128) (result v128) ;; 12
    (i32x4.trunc_sat_f64x2_s_zero (local.get 0)))
  (func (export "f32x4.convert_i32x4_s") (param v128) (result v128) ;; 13
    (f32x4.convert_i32x4_s (local.get 0)))
  (func (export "f32x4.abs") (param v128) (result v128) ;; 14
    (f32x4.abs (local.get 0)))
  (func (export "f32x4.neg") (param v128) (result v128) ;; 15
    (f32x4.neg (local.get 0)))
  (func (export "f32x4.eq") (param v128 v128) (result v128) ;; 16
    (f32x4.eq (local.get 0) (local.get 1)))
  (func (export "f64x2.min") (param v128 v128) (result v128) ;; 17
    (f64x2.min (local.get 0) (local.get 1)))
  (func (export "f32x4.demote_f64x2_zero") (param v128) (result v128) ;; 18
    (f32x4.demote_f64x2_zero (local.get 0)))
  (func (export "f64x2.promote_low_f32x4") (param v128) (result v128) ;; 19
    (f64x2.promote_low_f32x4 (local.get 0)))
  (func (export "i32x4.trunc_sat_f32x4_u") (param v128) (result v128) ;; 20
    (i32x4.trunc_sat_f32x4_u (local.get 0)))
)
