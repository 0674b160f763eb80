;; Loops whose accesses are affine get a fast copy with plain accesses,
;; entered only when a check before the loop proves that no iteration can
;; fault (lower/InBoundsLoops.h); otherwise the original loop runs. Each
;; case here is a loop of that shape, or one next to it (an early exit, a
;; call, a trap's branch), which faults or whose range check fails part-way:
;; the trap and the memory it leaves must be exactly the spec's, and loops
;; that stay in bounds must compute the same values as without the fast
;; copy. Run at -O0 and -O2 in both bounds-check modes (ctest wast-*).

(module
  (memory 1)
  (data (i32.const 65530) "abcdef")
  ;; mem[start + 4 i] = i + 1 for i in [0, n)
  (func (export "fill") (param $start i32) (param $n i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $n)))
        (i32.store (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2)))
                   (i32.add (local.get $i) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
  ;; mem[start - 4 i] = i + 1 for i in [0, n): the address wraps below 0
  (func (export "fill-down") (param $start i32) (param $n i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $n)))
        (i32.store (i32.sub (local.get $start) (i32.shl (local.get $i) (i32.const 2)))
                   (i32.add (local.get $i) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
  ;; the sum of mem[start + 4 i] for i in [0, n)
  (func (export "sum") (param $start i32) (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s)
          (i32.load (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $s))
  ;; byte copy, dst[i] = src[i] for i in [0, n)
  (func (export "copy") (param $dst i32) (param $src i32) (param $n i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $dst) (local.get $i))
                    (i32.load8_u (i32.add (local.get $src) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
  ;; fill, but leave the loop at i == stop, before the access
  (func (export "fill-until") (param $start i32) (param $n i32) (param $stop i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $n)))
        (br_if $done (i32.eq (local.get $i) (local.get $stop)))
        (i32.store (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2)))
                   (i32.add (local.get $i) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
  (func (export "peek") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "peek8") (param i32) (result i32) (i32.load8_u (local.get 0))))

;; The load of the seventh byte faults (the data segment's "abcdef" ends
;; memory): six bytes copied, the seventh not.
(assert_return (invoke "fill" (i32.const 0) (i32.const 4)))
(assert_trap (invoke "copy" (i32.const 0) (i32.const 65530) (i32.const 10)) "out of bounds memory access")
(assert_return (invoke "peek8" (i32.const 0)) (i32.const 0x61))
(assert_return (invoke "peek8" (i32.const 5)) (i32.const 0x66))
(assert_return (invoke "peek8" (i32.const 6)) (i32.const 0))
(assert_return (invoke "peek8" (i32.const 8)) (i32.const 3))

;; In bounds, from an unaligned start: the fast copy's values.
(assert_return (invoke "fill" (i32.const 1) (i32.const 1000)))
(assert_return (invoke "sum" (i32.const 1) (i32.const 1000)) (i32.const 500500))
(assert_return (invoke "fill" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "peek" (i32.const 65532)) (i32.const 16384))
(assert_return (invoke "sum" (i32.const 0) (i32.const 16384)) (i32.const 134225920))
(assert_return (invoke "fill" (i32.const 100) (i32.const 0)))

;; The eleventh store (i = 10) is the last in bounds; the twelfth faults.
(assert_trap (invoke "fill" (i32.const 65492) (i32.const 20)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65492)) (i32.const 1))
(assert_return (invoke "peek" (i32.const 65532)) (i32.const 11))
(assert_trap (invoke "sum" (i32.const 65492) (i32.const 20)) "out of bounds memory access")

;; A range that starts beyond memory faults at once and writes nothing.
(assert_return (invoke "fill" (i32.const 0) (i32.const 4)))
(assert_trap (invoke "fill" (i32.const 0xfffffff0) (i32.const 2)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 0)) (i32.const 1))

;; Downwards across 0: stores at 8, 4 and 0, then 0xfffffffc faults.
(assert_return (invoke "fill" (i32.const 0) (i32.const 4)))
(assert_trap (invoke "fill-down" (i32.const 8) (i32.const 4)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 8)) (i32.const 1))
(assert_return (invoke "peek" (i32.const 4)) (i32.const 2))
(assert_return (invoke "peek" (i32.const 0)) (i32.const 3))
(assert_return (invoke "peek" (i32.const 12)) (i32.const 4))

;; The whole range is out of bounds, but the loop leaves before reaching
;; it: no trap, the stores before the exit done.
(assert_return (invoke "fill-until" (i32.const 65500) (i32.const 100) (i32.const 9)))
(assert_return (invoke "peek" (i32.const 65532)) (i32.const 9))

;; The memory grows inside the loop: accesses beyond the size it had when
;; the loop began are in bounds by the time they run.
(module
  (memory 1 2)
  (func (export "grow-fill") (param $n i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $n)))
        (if (i32.eqz (local.get $i))
          (then (drop (memory.grow (i32.const 1)))))
        (i32.store (i32.shl (local.get $i) (i32.const 2))
                   (i32.add (local.get $i) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
  (func (export "peek") (param i32) (result i32) (i32.load (local.get 0))))
(assert_return (invoke "grow-fill" (i32.const 32768)))
(assert_return (invoke "peek" (i32.const 131068)) (i32.const 32768))

;; A trap that is not a memory fault, in a loop that is in bounds: the
;; stores of the iterations before it are done, the rest are not.
(module
  (memory 1)
  (func (export "divide") (param $n i32) (param $d i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $n)))
        (i32.store (i32.shl (local.get $i) (i32.const 2))
                   (i32.div_u (i32.const 100) (i32.sub (local.get $d) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
  (func (export "peek") (param i32) (result i32) (i32.load (local.get 0))))
(assert_trap (invoke "divide" (i32.const 10) (i32.const 5)) "integer divide by zero")
(assert_return (invoke "peek" (i32.const 16)) (i32.const 100))
(assert_return (invoke "peek" (i32.const 12)) (i32.const 50))
(assert_return (invoke "peek" (i32.const 20)) (i32.const 0))

;; 64-bit and float accesses with a stride of 24 bytes (three fields of a
;; record): the last record straddles the end of memory.
(module
  (memory 1)
  (func (export "records") (param $start i32) (param $n i32) (param $v i64)
    (local $i i32) (local $p i32)
    (local.set $p (local.get $start))
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $n)))
        (i64.store (local.get $p) (i64.extend_i32_u (local.get $i)))
        (f64.store offset=8 (local.get $p) (f64.convert_i32_u (local.get $i)))
        (i64.store offset=16 (local.get $p) (local.get $v))
        (local.set $p (i32.add (local.get $p) (i32.const 24)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
  (func (export "peek64") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "peek") (param i32) (result i32) (i32.load (local.get 0))))
;; 2730 records fit from 16 (16 + 2730 * 24 = 65536). From 20, the third
;; field of the last one straddles the end: its first two fields are
;; written, the third not even in part.
(assert_return (invoke "records" (i32.const 16) (i32.const 2730) (i64.const -1)))
(assert_return (invoke "peek64" (i32.const 65528)) (i64.const -1))
(assert_trap (invoke "records" (i32.const 20) (i32.const 2730) (i64.const 7)) "out of bounds memory access")
(assert_return (invoke "peek64" (i32.const 65516)) (i64.const 2729))
(assert_return (invoke "peek64" (i32.const 65524)) (i64.const 0x40a5520000000000))
(assert_return (invoke "peek" (i32.const 65532)) (i32.const -1))
(assert_return (invoke "peek64" (i32.const 65508)) (i64.const 7))

;; Two regions of memory whose distance is known only at run time: the fast
;; copy treats them as not aliasing (so that the vectoriser and LICM may)
;; only where the check proved them disjoint. Overlapping regions must give
;; the loop's sequential result, each iteration reading what the previous
;; ones wrote.
(module
  (memory 1)
  ;; mem[dst + 4 i] = mem[src + 4 i] + 1 for i in [0, n)
  (func (export "add1") (param $dst i32) (param $src i32) (param $n i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $n)))
        (i32.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2)))
                   (i32.add (i32.load (i32.add (local.get $src)
                                               (i32.shl (local.get $i) (i32.const 2))))
                            (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
  ;; The same for 2 k elements, two per iteration at pointers stepping by 8,
  ;; as clang's wasm32 backend unrolls loops: the second element of each is
  ;; an i32.add of 4, a constant apart from the first.
  (func (export "add1-unrolled") (param $dst i32) (param $src i32) (param $k i32)
    (if (i32.eqz (local.get $k)) (then (return)))
    (loop $next
      (i32.store (local.get $dst) (i32.add (i32.load (local.get $src)) (i32.const 1)))
      (i32.store (i32.add (local.get $dst) (i32.const 4))
                 (i32.add (i32.load (i32.add (local.get $src) (i32.const 4))) (i32.const 1)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 8)))
      (local.set $src (i32.add (local.get $src) (i32.const 8)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br_if $next (local.get $k))))
  ;; mem[dst + 4 i] = mem[cell] + i for i in [0, n): the load's address is
  ;; the same in every iteration
  (func (export "from-cell") (param $dst i32) (param $cell i32) (param $n i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $n)))
        (i32.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2)))
                   (i32.add (i32.load (local.get $cell)) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
  (func (export "poke") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "peek") (param i32) (result i32) (i32.load (local.get 0))))

;; Writing one element ahead of the reads: mem[4 k] = k.
(assert_return (invoke "add1" (i32.const 4) (i32.const 0) (i32.const 64)))
(assert_return (invoke "peek" (i32.const 4)) (i32.const 1))
(assert_return (invoke "peek" (i32.const 8)) (i32.const 2))
(assert_return (invoke "peek" (i32.const 256)) (i32.const 64))
(assert_return (invoke "peek" (i32.const 260)) (i32.const 0))
;; Two elements ahead, two per iteration: mem[1000 + 4 m] = m / 2.
(assert_return (invoke "add1-unrolled" (i32.const 1008) (i32.const 1000) (i32.const 32)))
(assert_return (invoke "peek" (i32.const 1008)) (i32.const 1))
(assert_return (invoke "peek" (i32.const 1012)) (i32.const 1))
(assert_return (invoke "peek" (i32.const 1016)) (i32.const 2))
(assert_return (invoke "peek" (i32.const 1020)) (i32.const 2))
(assert_return (invoke "peek" (i32.const 1256)) (i32.const 32))
(assert_return (invoke "peek" (i32.const 1260)) (i32.const 32))
;; The loop overwrites the cell it reads in its third iteration.
(assert_return (invoke "poke" (i32.const 2008) (i32.const 100)))
(assert_return (invoke "from-cell" (i32.const 2000) (i32.const 2008) (i32.const 64)))
(assert_return (invoke "peek" (i32.const 2000)) (i32.const 100))
(assert_return (invoke "peek" (i32.const 2004)) (i32.const 101))
(assert_return (invoke "peek" (i32.const 2008)) (i32.const 102))
(assert_return (invoke "peek" (i32.const 2012)) (i32.const 105))
(assert_return (invoke "peek" (i32.const 2252)) (i32.const 165))
;; Disjoint regions, the fast copy's values: mem[8192 + 4 m] = m + 2.
(assert_return (invoke "add1-unrolled" (i32.const 8192) (i32.const 4) (i32.const 32)))
(assert_return (invoke "peek" (i32.const 8192)) (i32.const 2))
(assert_return (invoke "peek" (i32.const 8196)) (i32.const 3))
(assert_return (invoke "peek" (i32.const 8444)) (i32.const 65))
(assert_return (invoke "peek" (i32.const 8448)) (i32.const 0))
(assert_return (invoke "from-cell" (i32.const 4096) (i32.const 2000) (i32.const 100)))
(assert_return (invoke "peek" (i32.const 4492)) (i32.const 199))

;; Word loops that count down by more than one past their limit, as clang
;; unrolls `for (; n >= 16; n -= 16)` in wasi-libc's memcpy and memset: n
;; steps by 32 while n - 32 >u 15. The loop is counted only when n lands in
;; [0, 15] instead of stepping past it and wrapping (lower/InBoundsLoops.cpp,
;; CountdownExit); when it wraps, the loop runs on to the end of memory.
(module
  (memory 1)
  ;; mem[d .. d + 32 k) = v (as i64 words) while (n -= 32) >u 15
  (func (export "fill32") (param $d i32) (param $n i32) (param $v i64)
    (loop $l
      (i64.store (local.get $d) (local.get $v))
      (i64.store offset=8 (local.get $d) (local.get $v))
      (i64.store offset=16 (local.get $d) (local.get $v))
      (i64.store offset=24 (local.get $d) (local.get $v))
      (local.set $d (i32.add (local.get $d) (i32.const 32)))
      (br_if $l (i32.gt_u (local.tee $n (i32.sub (local.get $n) (i32.const 32)))
                          (i32.const 15)))))
  ;; the same, copying from s
  (func (export "copy32") (param $d i32) (param $s i32) (param $n i32)
    (loop $l
      (i64.store (local.get $d) (i64.load (local.get $s)))
      (i64.store offset=8 (local.get $d) (i64.load offset=8 (local.get $s)))
      (i64.store offset=16 (local.get $d) (i64.load offset=16 (local.get $s)))
      (i64.store offset=24 (local.get $d) (i64.load offset=24 (local.get $s)))
      (local.set $d (i32.add (local.get $d) (i32.const 32)))
      (local.set $s (i32.add (local.get $s) (i32.const 32)))
      (br_if $l (i32.gt_u (local.tee $n (i32.sub (local.get $n) (i32.const 32)))
                          (i32.const 15)))))
  (func (export "i64") (param $a i32) (result i64) (i64.load (local.get $a)))
)
;; 72 -> 40 -> 8: two rounds, 64 bytes
(assert_return (invoke "fill32" (i32.const 1024) (i32.const 72) (i64.const 0x0101010101010101)))
(assert_return (invoke "i64" (i32.const 1024)) (i64.const 0x0101010101010101))
(assert_return (invoke "i64" (i32.const 1080)) (i64.const 0x0101010101010101))
(assert_return (invoke "i64" (i32.const 1088)) (i64.const 0))
(assert_return (invoke "copy32" (i32.const 4096) (i32.const 1024) (i32.const 72)))
(assert_return (invoke "i64" (i32.const 4152)) (i64.const 0x0101010101010101))
(assert_return (invoke "i64" (i32.const 4160)) (i64.const 0))
;; 88 -> 56 -> 24 -> 2^32 - 8: it steps past [0, 15] and fills memory to
;; its end, every word of the last round in bounds, then traps
(assert_trap (invoke "fill32" (i32.const 32768) (i32.const 88) (i64.const 0x0202020202020202))
             "out of bounds memory access")
(assert_return (invoke "i64" (i32.const 65528)) (i64.const 0x0202020202020202))
(assert_return (invoke "i64" (i32.const 1024)) (i64.const 0x0101010101010101))
;; n - 32 = 2^31 + 8 lands in [0, 15] without wrapping, but it is negative
;; as a signed number, where the signed test would leave after one round:
;; it runs to the end of memory
(assert_trap (invoke "fill32" (i32.const 49152) (i32.const 0x80000028) (i64.const 0x0303030303030303))
             "out of bounds memory access")
(assert_return (invoke "i64" (i32.const 65528)) (i64.const 0x0303030303030303))
(assert_return (invoke "i64" (i32.const 49184)) (i64.const 0x0303030303030303))
;; a copy whose source runs off the end traps at the first round out of
;; bounds, with every earlier round done
(assert_trap (invoke "copy32" (i32.const 0) (i32.const 65472) (i32.const 200))
             "out of bounds memory access")
(assert_return (invoke "i64" (i32.const 56)) (i64.const 0x0303030303030303))
(assert_return (invoke "i64" (i32.const 64)) (i64.const 0))

;; An index clang writes as an xor: y[k - i - 2] in a loop stepping i by two
;; is `base + ((i ^ 0x1FFFFFFE) << 3)`, which the versioning reads as the
;; subtraction it is when i is even (lower/InBoundsLoops.cpp,
;; xorsAsSubtractions); stepping by one it is not one and stays as it is.
(module
  (memory 1)
  ;; out[i] = mem[base + ((i ^ 0x1FFFFFFE) << 3)] + mem[base + ((i ^ 0x1FFFFFFF) << 3)]
  ;; (as i64 words) with base = in + 8 k, for i = 0, 2, 4, ... < n (even); for
  ;; even i that is in[k - i - 2] + in[k - i - 1]
  (func (export "rev2") (param $out i32) (param $in i32) (param $k i32) (param $n i32)
    (local $i i32) (local $base i32)
    (local.set $base (i32.add (local.get $in) (i32.shl (local.get $k) (i32.const 3))))
    (local.set $n (i32.and (local.get $n) (i32.const -2)))
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $n)))
        (i64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3)))
          (i64.add
            (i64.load (i32.add (local.get $base)
                               (i32.shl (i32.xor (local.get $i) (i32.const 0x1FFFFFFE)) (i32.const 3))))
            (i64.load (i32.add (local.get $base)
                               (i32.shl (i32.xor (local.get $i) (i32.const 0x1FFFFFFF)) (i32.const 3))))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $next))))
  ;; the same for i = 0, 1, 2, ... < n
  (func (export "rev1") (param $out i32) (param $in i32) (param $k i32) (param $n i32)
    (local $i i32) (local $base i32)
    (local.set $base (i32.add (local.get $in) (i32.shl (local.get $k) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $n)))
        (i64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3)))
          (i64.add
            (i64.load (i32.add (local.get $base)
                               (i32.shl (i32.xor (local.get $i) (i32.const 0x1FFFFFFE)) (i32.const 3))))
            (i64.load (i32.add (local.get $base)
                               (i32.shl (i32.xor (local.get $i) (i32.const 0x1FFFFFFF)) (i32.const 3))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
  (func (export "iota") (param $a i32) (param $n i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $n)))
        (i64.store (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))
                   (i64.extend_i32_u (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
  (func (export "i64") (param $a i32) (result i64) (i64.load (local.get $a)))
)
;; in[j] = j for j < 64, at 0; k = 64, so base = 512
(assert_return (invoke "iota" (i32.const 0) (i32.const 64)))
(assert_return (invoke "rev2" (i32.const 8192) (i32.const 0) (i32.const 64) (i32.const 40)))
;; out[0] = in[62] + in[63]; out[38] = in[24] + in[25]; out[1] untouched
(assert_return (invoke "i64" (i32.const 8192)) (i64.const 125))
(assert_return (invoke "i64" (i32.const 8496)) (i64.const 49))
(assert_return (invoke "i64" (i32.const 8200)) (i64.const 0))
;; odd i: 1 ^ 0x1FFFFFFE = 0x1FFFFFFF and 1 ^ 0x1FFFFFFF = 0x1FFFFFFE, so
;; out[1] = in[63] + in[62]; out[3] = in[61] + in[60]
(assert_return (invoke "rev1" (i32.const 16384) (i32.const 0) (i32.const 64) (i32.const 4)))
(assert_return (invoke "i64" (i32.const 16392)) (i64.const 125))
(assert_return (invoke "i64" (i32.const 16408)) (i64.const 121))
;; k = 2: the first round reads in[0] and in[1], the second in[-2], below 0
(assert_trap (invoke "rev2" (i32.const 24576) (i32.const 0) (i32.const 2) (i32.const 4))
             "out of bounds memory access")
(assert_return (invoke "i64" (i32.const 24576)) (i64.const 1))
(assert_return (invoke "i64" (i32.const 24592)) (i64.const 0))

;; A counter that runs up to 0, as clang's wasm32 backend counts loops: o
;; from -8 n by 8 while o != 0, the addresses base + o. IndVars widens o and
;; its exit test becomes a mask of the 64-bit counter, which the versioning
;; reads as `next == 2^32` (lower/InBoundsLoops.cpp, reachesTwoTo32).
(module
  (memory 1)
  ;; mem[dst - 8 n + 8 j] = mem[src - 8 n + 8 j] + 1 (as i64) for j < n;
  ;; n = 0 counts o from 0 all the way round to 0 again
  (func (export "add1-upto0") (param $dst i32) (param $src i32) (param $n i32)
    (local $o i32)
    (local.set $o (i32.sub (i32.const 0) (i32.shl (local.get $n) (i32.const 3))))
    (loop $l
      (i64.store (i32.add (local.get $dst) (local.get $o))
        (i64.add (i64.load (i32.add (local.get $src) (local.get $o))) (i64.const 1)))
      (br_if $l (local.tee $o (i32.add (local.get $o) (i32.const 8))))))
  ;; the same with o from -944 and a static offset of 944, as heat-3d's
  ;; inner loop is
  (func (export "add1-upto0-944") (param $dst i32) (param $src i32)
    (local $o i32)
    (local.set $o (i32.const -944))
    (loop $l
      (i64.store offset=944 (i32.add (local.get $dst) (local.get $o))
        (i64.add (i64.load offset=944 (i32.add (local.get $src) (local.get $o)))
                 (i64.const 1)))
      (br_if $l (local.tee $o (i32.add (local.get $o) (i32.const 8))))))
  (func (export "i64") (param $a i32) (result i64) (i64.load (local.get $a)))
  (func (export "set64") (param $a i32) (param $v i64) (i64.store (local.get $a) (local.get $v)))
)
;; src words at 1000 and 1008 (o = -16, -8), dst words at 3000 and 3008
(assert_return (invoke "set64" (i32.const 1000) (i64.const 41)))
(assert_return (invoke "set64" (i32.const 1008) (i64.const 99)))
(assert_return (invoke "add1-upto0" (i32.const 3016) (i32.const 1016) (i32.const 2)))
(assert_return (invoke "i64" (i32.const 3000)) (i64.const 42))
(assert_return (invoke "i64" (i32.const 3008)) (i64.const 100))
(assert_return (invoke "i64" (i32.const 3016)) (i64.const 0))
;; 118 words from 8192 to 16384
(assert_return (invoke "set64" (i32.const 8192)  (i64.const 7)))
(assert_return (invoke "set64" (i32.const 9128)  (i64.const 8)))
(assert_return (invoke "add1-upto0-944" (i32.const 16384) (i32.const 8192)))
(assert_return (invoke "i64" (i32.const 16384)) (i64.const 8))
(assert_return (invoke "i64" (i32.const 17320)) (i64.const 9))
(assert_return (invoke "i64" (i32.const 17328)) (i64.const 0))
;; n = 0: o runs 0, 8, 16, ... and the store at 65536 faults after the
;; words from 32768 up have been written (each src word + 1)
(assert_trap (invoke "add1-upto0" (i32.const 32768) (i32.const 0) (i32.const 0))
             "out of bounds memory access")
(assert_return (invoke "i64" (i32.const 32768)) (i64.const 1))
(assert_return (invoke "i64" (i32.const 33768)) (i64.const 42))
(assert_return (invoke "i64" (i32.const 65528)) (i64.const 1))
;; n = 3 reading 65520, 65528 and 65536: the third read faults after the
;; first two words are stored (at 4072 and 4080; 65528 holds 1, from above)
(assert_trap (invoke "add1-upto0" (i32.const 4096) (i32.const 65544) (i32.const 3))
             "out of bounds memory access")
(assert_return (invoke "i64" (i32.const 4072)) (i64.const 2))
(assert_return (invoke "i64" (i32.const 4080)) (i64.const 2))
(assert_return (invoke "i64" (i32.const 4088)) (i64.const 0))

;; An inner loop whose checks compare with a size the outer loop carries
;; round: it grows the memory at the end of each row, after the inner loop
;; (in explicit mode the size is then a phi of the size before the loop and
;; the one after the growth; lower/InBoundsLoops.cpp, sizeRecordOf).
(module
  (memory 1 3)
  (func $grow (drop (memory.grow (i32.const 1))))
  ;; for r in [0, rows): mem[65536 r + 4 i] = r + 1 for i < 16384, then
  ;; grow by a page and store 7 at the row's first word
  (func (export "rows") (param $rows i32) (local $r i32) (local $i i32)
    (loop $row
      (local.set $i (i32.const 0))
      (loop $next
        (i32.store (i32.add (i32.shl (local.get $r) (i32.const 16))
                            (i32.shl (local.get $i) (i32.const 2)))
                   (i32.add (local.get $r) (i32.const 1)))
        (br_if $next (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                             (i32.const 16384))))
      (call $grow)
      (i32.store (i32.shl (local.get $r) (i32.const 16)) (i32.const 7))
      (br_if $row (i32.ne (local.tee $r (i32.add (local.get $r) (i32.const 1)))
                          (local.get $rows)))))
  (func (export "peek") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "pages") (result i32) (memory.size))
)
(assert_return (invoke "rows" (i32.const 2)))
(assert_return (invoke "pages") (i32.const 3))
(assert_return (invoke "peek" (i32.const 0)) (i32.const 7))
(assert_return (invoke "peek" (i32.const 65532)) (i32.const 1))
(assert_return (invoke "peek" (i32.const 65536)) (i32.const 7))
(assert_return (invoke "peek" (i32.const 131068)) (i32.const 2))
(assert_return (invoke "peek" (i32.const 131072)) (i32.const 0))
;; four rows in three pages at most: rows 0-2 are written again (the growth
;; after row 2 fails), and row 3's first store faults
(assert_trap (invoke "rows" (i32.const 4)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 131072)) (i32.const 7))
(assert_return (invoke "peek" (i32.const 196604)) (i32.const 3))
