;; A small library module: counts the primes below n with a sieve in linear
;; memory (growing it as needed) and computes Fibonacci numbers.
;; `scripts/demo.sh` compiles it with `wasm-aot compile` into an object,
;; links that with the runtime and embed/run_export.c, and calls its exports.
(module $primes
  (memory 1)

  ;; The number of primes p < n. Byte i of memory says whether i is
  ;; composite. Returns -1 when memory cannot grow to n bytes.
  (func $count_primes (export "count_primes") (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $count i32) (local $pages i32)
    ;; Pages needed for n bytes, beyond those there are.
    (local.set $pages
      (i32.sub (i32.shr_u (i32.add (local.get $n) (i32.const 0xFFFF))
                          (i32.const 16))
               (memory.size)))
    (if (i32.gt_s (local.get $pages) (i32.const 0))
      (then
        (if (i32.eq (memory.grow (local.get $pages)) (i32.const -1))
          (then (return (i32.const -1))))))
    (memory.fill (i32.const 0) (i32.const 0) (local.get $n))
    (local.set $i (i32.const 2))
    (block $done
      (loop $outer
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.eqz (i32.load8_u (local.get $i)))
          (then
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            ;; Mark multiples from i*i (in 64 bits: i*i may not fit).
            (if (i64.lt_u (i64.mul (i64.extend_i32_u (local.get $i))
                                   (i64.extend_i32_u (local.get $i)))
                          (i64.extend_i32_u (local.get $n)))
              (then
                (local.set $j (i32.mul (local.get $i) (local.get $i)))
                (block $marked
                  (loop $inner
                    (br_if $marked (i32.ge_u (local.get $j) (local.get $n)))
                    (i32.store8 (local.get $j) (i32.const 1))
                    (local.set $j (i32.add (local.get $j) (local.get $i)))
                    (br $inner)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (local.get $count))

  ;; fib(0) = 0, fib(1) = 1, in 64-bit arithmetic (wraps past fib(93)).
  (func $fib (export "fib") (param $n i32) (result i64)
    (local $a i64) (local $b i64) (local $t i64)
    (local.set $b (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t (i64.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $a))

  ;; Divides, to show a trap: (div 1 0) traps with "integer divide by zero".
  (func $div (export "div") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
)
