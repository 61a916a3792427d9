;; The machine limit the bench compares against: a tight float64 multiply–add loop in 128-bit
;; SIMD (two lanes) over registers only, no memory traffic, with independent accumulators so the
;; multiply–add latency is hidden and the loop runs at the core's arithmetic throughput.
;; Source of lib/apps/bench/peak-wasm.ts (regenerate with `npm run build:wasm:peak`).
(module
  ;; Runs $n iterations of acc_i ← acc_i · m + c on 10 accumulators of two lanes each
  ;; (40 floating-point operations per iteration) and returns the lane sum, so no work can be dropped.
  ;; With m < 1 the accumulators settle at c / (1 − m): no overflow and no subnormals.
  (func (export "multiplyAdd") (param $n i32) (param $start f64) (param $m f64) (param $c f64) (result f64)
    (local $i i32) (local $mv v128) (local $cv v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128) (local $a8 v128) (local $a9 v128)
    (local.set $mv (f64x2.splat (local.get $m)))
    (local.set $cv (f64x2.splat (local.get $c)))
    (local.set $a0 (f64x2.splat (f64.add (local.get $start) (f64.const 0))))
    (local.set $a1 (f64x2.splat (f64.add (local.get $start) (f64.const 1))))
    (local.set $a2 (f64x2.splat (f64.add (local.get $start) (f64.const 2))))
    (local.set $a3 (f64x2.splat (f64.add (local.get $start) (f64.const 3))))
    (local.set $a4 (f64x2.splat (f64.add (local.get $start) (f64.const 4))))
    (local.set $a5 (f64x2.splat (f64.add (local.get $start) (f64.const 5))))
    (local.set $a6 (f64x2.splat (f64.add (local.get $start) (f64.const 6))))
    (local.set $a7 (f64x2.splat (f64.add (local.get $start) (f64.const 7))))
    (local.set $a8 (f64x2.splat (f64.add (local.get $start) (f64.const 8))))
    (local.set $a9 (f64x2.splat (f64.add (local.get $start) (f64.const 9))))
    (block $done (loop $iter
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $a0 (f64x2.add (f64x2.mul (local.get $a0) (local.get $mv)) (local.get $cv)))
      (local.set $a1 (f64x2.add (f64x2.mul (local.get $a1) (local.get $mv)) (local.get $cv)))
      (local.set $a2 (f64x2.add (f64x2.mul (local.get $a2) (local.get $mv)) (local.get $cv)))
      (local.set $a3 (f64x2.add (f64x2.mul (local.get $a3) (local.get $mv)) (local.get $cv)))
      (local.set $a4 (f64x2.add (f64x2.mul (local.get $a4) (local.get $mv)) (local.get $cv)))
      (local.set $a5 (f64x2.add (f64x2.mul (local.get $a5) (local.get $mv)) (local.get $cv)))
      (local.set $a6 (f64x2.add (f64x2.mul (local.get $a6) (local.get $mv)) (local.get $cv)))
      (local.set $a7 (f64x2.add (f64x2.mul (local.get $a7) (local.get $mv)) (local.get $cv)))
      (local.set $a8 (f64x2.add (f64x2.mul (local.get $a8) (local.get $mv)) (local.get $cv)))
      (local.set $a9 (f64x2.add (f64x2.mul (local.get $a9) (local.get $mv)) (local.get $cv)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $iter)))
    (local.set $a0 (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (local.get $a0) (local.get $a1)) (local.get $a2)) (local.get $a3)) (local.get $a4)) (local.get $a5)) (local.get $a6)) (local.get $a7)) (local.get $a8)) (local.get $a9)))
    (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))

  ;; Floating-point operations per iteration of multiplyAdd (so the caller cannot miscount).
  (func (export "flopsPerIteration") (result i32) (i32.const 40)))
