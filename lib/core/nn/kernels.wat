;; Dense-layer kernels for the MLP, float64 with 128-bit SIMD (two lanes).
;; All pointers are byte offsets into the exported memory; matrices are row-major (nOut × nIn).
;; Source of lib/core/nn/kernels-wasm.ts (regenerate with `npm run build:wasm`).
(module
  (memory (export "memory") 1)

  ;; z[i] = b[i] + Σ_j W[i, j] x[j]
  (func (export "affine")
    (param $w i32) (param $b i32) (param $x i32) (param $z i32) (param $nIn i32) (param $nOut i32)
    (local $i i32) (local $j i32) (local $row i32) (local $end4 i32) (local $end2 i32) (local $rowBytes i32)
    (local $acc0 v128) (local $acc1 v128) (local $s f64)
    (local.set $rowBytes (i32.shl (local.get $nIn) (i32.const 3)))
    (local.set $end4 (i32.shl (i32.and (local.get $nIn) (i32.const -4)) (i32.const 3)))
    (local.set $end2 (i32.shl (i32.and (local.get $nIn) (i32.const -2)) (i32.const 3)))
    (local.set $row (local.get $w))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $nOut)))
      (local.set $acc0 (f64x2.splat (f64.const 0)))
      (local.set $acc1 (f64x2.splat (f64.const 0)))
      (local.set $j (i32.const 0))
      (block $d4 (loop $l4
        (br_if $d4 (i32.ge_u (local.get $j) (local.get $end4)))
        (local.set $acc0 (f64x2.add (local.get $acc0)
          (f64x2.mul (v128.load (i32.add (local.get $row) (local.get $j))) (v128.load (i32.add (local.get $x) (local.get $j))))))
        (local.set $acc1 (f64x2.add (local.get $acc1)
          (f64x2.mul (v128.load offset=16 (i32.add (local.get $row) (local.get $j))) (v128.load offset=16 (i32.add (local.get $x) (local.get $j))))))
        (local.set $j (i32.add (local.get $j) (i32.const 32)))
        (br $l4)))
      (if (i32.lt_u (local.get $j) (local.get $end2)) (then
        (local.set $acc0 (f64x2.add (local.get $acc0)
          (f64x2.mul (v128.load (i32.add (local.get $row) (local.get $j))) (v128.load (i32.add (local.get $x) (local.get $j))))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))))
      (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
      (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
      (if (i32.lt_u (local.get $j) (local.get $rowBytes)) (then
        (local.set $s (f64.add (local.get $s)
          (f64.mul (f64.load (i32.add (local.get $row) (local.get $j))) (f64.load (i32.add (local.get $x) (local.get $j))))))))
      (f64.store (i32.add (local.get $z) (i32.shl (local.get $i) (i32.const 3)))
        (f64.add (f64.load (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 3)))) (local.get $s)))
      (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows))))

  ;; inBar[j] = Σ_i W[i, j] delta[i]; and, when $grad is non-zero, gW[i, j] += delta[i] x[j], gb[i] += delta[i]
  (func (export "backAffine")
    (param $w i32) (param $gw i32) (param $gb i32) (param $delta i32) (param $x i32) (param $inBar i32)
    (param $nIn i32) (param $nOut i32) (param $grad i32)
    (local $i i32) (local $j i32) (local $row i32) (local $grow i32) (local $end2 i32) (local $rowBytes i32)
    (local $d f64) (local $dv v128) (local $p i32) (local $q i32)
    (local.set $rowBytes (i32.shl (local.get $nIn) (i32.const 3)))
    (local.set $end2 (i32.shl (i32.and (local.get $nIn) (i32.const -2)) (i32.const 3)))
    ;; zero inBar
    (local.set $j (i32.const 0))
    (block $zd (loop $zl
      (br_if $zd (i32.ge_u (local.get $j) (local.get $rowBytes)))
      (f64.store (i32.add (local.get $inBar) (local.get $j)) (f64.const 0))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $zl)))
    (local.set $row (local.get $w))
    (local.set $grow (local.get $gw))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $nOut)))
      (local.set $d (f64.load (i32.add (local.get $delta) (i32.shl (local.get $i) (i32.const 3)))))
      (if (f64.ne (local.get $d) (f64.const 0)) (then
        (local.set $dv (f64x2.splat (local.get $d)))
        (local.set $j (i32.const 0))
        (if (local.get $grad)
          (then
            (local.set $p (i32.add (local.get $gb) (i32.shl (local.get $i) (i32.const 3))))
            (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (local.get $d)))
            (block $bd (loop $bl
              (br_if $bd (i32.ge_u (local.get $j) (local.get $end2)))
              (local.set $p (i32.add (local.get $inBar) (local.get $j)))
              (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p))
                (f64x2.mul (local.get $dv) (v128.load (i32.add (local.get $row) (local.get $j))))))
              (local.set $q (i32.add (local.get $grow) (local.get $j)))
              (v128.store (local.get $q) (f64x2.add (v128.load (local.get $q))
                (f64x2.mul (local.get $dv) (v128.load (i32.add (local.get $x) (local.get $j))))))
              (local.set $j (i32.add (local.get $j) (i32.const 16)))
              (br $bl)))
            (if (i32.lt_u (local.get $j) (local.get $rowBytes)) (then
              (local.set $p (i32.add (local.get $inBar) (local.get $j)))
              (f64.store (local.get $p) (f64.add (f64.load (local.get $p))
                (f64.mul (local.get $d) (f64.load (i32.add (local.get $row) (local.get $j))))))
              (local.set $q (i32.add (local.get $grow) (local.get $j)))
              (f64.store (local.get $q) (f64.add (f64.load (local.get $q))
                (f64.mul (local.get $d) (f64.load (i32.add (local.get $x) (local.get $j)))))))))
          (else
            (block $ad (loop $al
              (br_if $ad (i32.ge_u (local.get $j) (local.get $end2)))
              (local.set $p (i32.add (local.get $inBar) (local.get $j)))
              (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p))
                (f64x2.mul (local.get $dv) (v128.load (i32.add (local.get $row) (local.get $j))))))
              (local.set $j (i32.add (local.get $j) (i32.const 16)))
              (br $al)))
            (if (i32.lt_u (local.get $j) (local.get $rowBytes)) (then
              (local.set $p (i32.add (local.get $inBar) (local.get $j)))
              (f64.store (local.get $p) (f64.add (f64.load (local.get $p))
                (f64.mul (local.get $d) (f64.load (i32.add (local.get $row) (local.get $j))))))))))))
      (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
      (local.set $grow (i32.add (local.get $grow) (local.get $rowBytes)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows))))
)
