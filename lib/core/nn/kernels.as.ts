// AssemblyScript source of the MLP's WebAssembly kernels (float64, 128-bit SIMD), compiled into
// lib/core/nn/kernels-wasm.ts by `npm run build:wasm` (tools/build-wasm.ts); a test checks the two agree.
// Not part of the TypeScript program (tsconfig excludes it): f64, i32, usize and v128 are AssemblyScript's types.
//
// One instance per network. The network description (a table of layers, written once by mlp.ts) lives
// at byte 0 of the memory; `forward` and `vjp` run every layer of a batch of inputs in one call.
// Every floating-point operation is the one the JavaScript path (activations.ts, erf.ts, libm.ts,
// kernels-js.ts) performs, in the same order: wasm f64 arithmetic is IEEE 754, so both give the same bits.

// ---------------------------------------------------------------- network description
// Byte 0: the number of layers. Layer l's record (13 i32) at LAYERS + 52 l; pointers are byte offsets.
const LAYERS: usize = 16;
const RECORD: usize = 52;
// Record fields (byte offsets within a record).
const N_IN = 0; // width of the layer's input
const N_OUT = 4; // width of its output
const W = 8; // weights, nOut × nIn row-major
const B = 12; // biases
const GW = 16; // weight-gradient accumulator
const GB = 20; // bias-gradient accumulator
const IN = 24; // input activations, batch × nIn
const Z = 28; // pre-activations W x + b, batch × nOut
const OUT = 32; // activations f(z), batch × nOut (= Z for the output layer)
const BAR_IN = 36; // adjoint of the input, batch × nIn
const BAR_OUT = 40; // adjoint of the output, batch × nOut
const ACT = 44; // activation code applied to z (0 for the output layer)
const KEEP = 48; // batch × nOut: what vjp's forward pass keeps for the backward pass (erf for gelu, exp for softplus)

// Activation codes (mlp.ts writes the same).
const IDENTITY = 0;
const TANH = 1;
const GELU = 2;
const RELU = 3;
const SOFTPLUS = 4;

// ---------------------------------------------------------------- libm (ports of lib/core/libm.ts)

const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const LOG2_E: f64 = 1.44269504088896338700e+00;
const EXP_OVERFLOW: f64 = 7.09782712893383973096e+02;
const EXP_UNDERFLOW: f64 = -7.45133219101941108420e+02;
const TWO_NEG28: f64 = 3.725290298461914e-9;
const HALF_LN2: f64 = 3.46573590279972654709e-01;
const LN2_HALFX3: f64 = 1.03972077083991796413e+00;

// 2^k for the normal exponents −1022 ≤ k ≤ 1023 (libm.ts's POW2 table holds the same values).
@inline function pow2(k: i32): f64 {
  return reinterpret<f64>(<i64>(0x3ff + k) << 52);
}

function ldexp(x: f64, n: i32): f64 {
  let y = x;
  if (n > 1023) {
    y *= pow2(1023);
    n -= 1023;
    if (n > 1023) {
      y *= pow2(1023);
      n -= 1023;
      if (n > 1023) n = 1023;
    }
  } else if (n < -1022) {
    y *= reinterpret<f64>(0x0360000000000000); // 2^-1022 · 2^53
    n += 1022 - 53;
    if (n < -1022) {
      y *= reinterpret<f64>(0x0360000000000000);
      n += 1022 - 53;
      if (n < -1022) n = -1022;
    }
  }
  return y * pow2(n);
}

function exp(x: f64): f64 {
  if (x != x || x == Infinity) return x;
  if (x > EXP_OVERFLOW) return Infinity;
  if (x < EXP_UNDERFLOW) return 0;
  if (x > -TWO_NEG28 && x < TWO_NEG28) return 1 + x;
  if (x == 1) return 2.718281828459045;
  const kf = Math.trunc(x < 0 ? LOG2_E * x - 0.5 : LOG2_E * x + 0.5);
  const hi = x - kf * LN2_HI;
  const lo = kf * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (0.16666666666666602 + t * (-0.0027777777777015593 + t * (0.00006613756321437934 + t * (-0.0000016533902205465252 + t * 4.1381367970572385e-8))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  const k = <i32>kf;
  return k >= -1022 && k <= 1023 ? y * pow2(k) : ldexp(y, k);
}

// libm.ts's expm1Negative: expm1(u) for −2 ≤ u < −2^-27.
function expm1Negative(u: f64): f64 {
  let x = u;
  let c: f64 = 0;
  let k: i32 = 0;
  if (u < -HALF_LN2) {
    let hi: f64, lo: f64;
    if (u > -LN2_HALFX3) {
      hi = u + LN2_HI;
      lo = -LN2_LO;
      k = -1;
    } else {
      k = <i32>(LOG2_E * u - 0.5);
      hi = u - <f64>k * LN2_HI;
      lo = <f64>k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  }
  const halfX = 0.5 * x;
  const z = x * halfX;
  const r1 = 1 + z * (-0.03333333333333313 + z * (0.0015873015872548146 + z * (-0.0000793650757867488 + z * (0.000004008217827329362 + z * -2.0109921818362437e-7))));
  const t = 3 - r1 * halfX;
  let e = z * ((r1 - t) / (6 - x * t));
  if (k == 0) return x - (x * e - z);
  e = x * (e - c) - c;
  e -= z;
  if (k == -1) return 0.5 * (x - e) - 0.5;
  return (1 - (e - x)) * pow2(k) - 1;
}

function tanh(x: f64): f64 {
  const ax = Math.abs(x);
  if (!(ax < 22)) return x != x ? x : x > 0 ? 1 : -1;
  if (ax < TWO_NEG28) return x;
  let z: f64;
  if (ax >= 1) z = 1 - 2 / (exp(2 * ax) + 1);
  else {
    const t = expm1Negative(-2 * ax);
    z = -t / (t + 2);
  }
  return x > 0 ? z : -z;
}

const SQRT2M1: f64 = 4.142135623730950488017e-01;
const SQRT2HALFM1: f64 = -2.928932188134524755992e-01;
const TWO_NEG29: f64 = 1.862645149230957e-09;
const TWO_NEG54: f64 = 5.551115123125783e-17;
const TWO53: f64 = 9007199254740992;

@inline function highWord(x: f64): i32 {
  return <i32>(reinterpret<i64>(x) >>> 32);
}
@inline function withHighWord(x: f64, hi: i32): f64 {
  return reinterpret<f64>((<i64>hi << 32) | (reinterpret<i64>(x) & 0xffffffff));
}

function log1p(x: f64): f64 {
  if (x < -1 || x != x) return NaN;
  if (x == -1) return -Infinity;
  if (x == Infinity) return x;
  if (x == 0) return x;
  const y = x < 0 ? -x : x;
  let k: i32 = 1;
  let f: f64 = 0;
  let hu: i32 = 0;
  let c: f64 = 0;
  if (y < SQRT2M1) {
    if (y < TWO_NEG29) {
      if (y < TWO_NEG54) return x;
      return x - x * x * 0.5;
    }
    if (x > SQRT2HALFM1) {
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (k != 0) {
    let u: f64;
    if (y < TWO53) {
      u = 1 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1);
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 434334) {
      u = withHighWord(u, hu | 0x3ff00000);
    } else {
      k += 1;
      u = withHighWord(u, hu | 0x3fe00000);
      hu = (1048576 - hu) >> 2;
    }
    f = u - 1;
  }
  const hfsq = 0.5 * f * f;
  const kf = <f64>k;
  if (hu == 0) {
    if (f == 0) {
      c += kf * LN2_LO;
      return kf * LN2_HI + c;
    }
    const R = hfsq * (1 - 0.6666666666666666 * f);
    return kf * LN2_HI - (R - (kf * LN2_LO + c) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (0.6666666666666735 + z * (0.3999999999940942 + z * (0.2857142874366239 + z * (0.22222198432149784 + z * (0.1818357216161805 + z * (0.15313837699209373 + z * 0.14798198605116586))))));
  if (k == 0) return f - (hfsq - s * (hfsq + R));
  return kf * LN2_HI - (hfsq - (s * (hfsq + R) + (kf * LN2_LO + c)) - f);
}

// ---------------------------------------------------------------- erf (port of erf.ts)

const ERX: f64 = 8.45062911510467529297e-1;
const EFX: f64 = 1.28379167095512586316e-1;
const EFX8: f64 = 1.02703333676410069053;
const PPC: f64 = 1.28379167095512558561e-1;
const PAC: f64 = -2.36211856075265944077e-3;
const RAC: f64 = -9.86494403484714822705e-3;
const RBC: f64 = -9.86494292470009928597e-3;
const SMALL: f64 = 3.725290298461914e-9;
const VERY_TINY: f64 = 2.848094538889218e-306;

function erf(x: f64): f64 {
  if (x != x) return NaN;
  if (x == Infinity) return 1;
  if (x == -Infinity) return -1;
  if (x == 0) return x;
  const negative = x < 0;
  const ax = negative ? -x : x;
  if (ax < 0.84375) {
    if (ax < SMALL) {
      if (ax < VERY_TINY) return 0.125 * (8.0 * x + EFX8 * x);
      return x + EFX * x;
    }
    const z = x * x;
    const r = PPC + z * (-0.3250421072470015 + z * (-0.02848174957559851 + z * (-0.005770270296489442 + z * -0.000023763016656650163)));
    const s = 1 + z * (0.39791722395915535 + z * (0.0650222499887673 + z * (0.005081306281875766 + z * (0.00013249473800432164 + z * -0.000003960228278775368))));
    return x + x * (r / s);
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const p = PAC + s * (0.41485611868374833 + s * (-0.3722078760357013 + s * (0.31834661990116175 + s * (-0.11089469428239668 + s * (0.035478304325618236 + s * -0.002166375594868791)))));
    const q = 1 + s * (0.10642088040084423 + s * (0.540397917702171 + s * (0.07182865441419627 + s * (0.12617121980876164 + s * (0.01363708391202905 + s * 0.011984499846799107)))));
    return negative ? -ERX - p / q : ERX + p / q;
  }
  if (ax >= 6) return negative ? -1 : 1;
  const s0 = 1 / (ax * ax);
  let r: f64, s: f64;
  if (ax < 2.857142857142857) {
    r = RAC + s0 * (-0.6938585727071818 + s0 * (-10.558626225323291 + s0 * (-62.375332450326006 + s0 * (-162.39666946257347 + s0 * (-184.60509290671104 + s0 * (-81.2874355063066 + s0 * -9.814329344169145))))));
    s = 1 + s0 * (19.651271667439257 + s0 * (137.65775414351904 + s0 * (434.56587747522923 + s0 * (645.3872717332679 + s0 * (429.00814002756783 + s0 * (108.63500554177944 + s0 * (6.570249770319282 + s0 * -0.0604244152148581)))))));
  } else {
    r = RBC + s0 * (-0.799283237680523 + s0 * (-17.757954917754752 + s0 * (-160.63638485582192 + s0 * (-637.5664433683896 + s0 * (-1025.0951316110772 + s0 * -483.5191916086514)))));
    s = 1 + s0 * (30.33806074348246 + s0 * (325.7925129965739 + s0 * (1536.729586084437 + s0 * (3199.8582195085955 + s0 * (2553.0504064331644 + s0 * (474.52854120695537 + s0 * -22.44095244658582))))));
  }
  const z = reinterpret<f64>(reinterpret<i64>(ax) & 0xffffffff00000000); // fdlibm's SET_LOW_WORD(z, 0)
  const e = exp(-(z * z) - 0.5625) * exp((z - ax) * (z + ax) + r / s);
  return negative ? e / ax - 1 : 1 - e / ax;
}

// ---------------------------------------------------------------- two lanes at once
// The same operations as exp above, on the two lanes of an f64x2: each lane
// goes through exactly the scalar sequence, so the bits are the same. Branches become per-lane
// selects where every lane takes the general path; any lane outside it sends both to the scalar code.

@inline function splat(v: f64): v128 {
  return f64x2.splat(v);
}

// 2^k per lane, k (integral f64) in the normal range.
@inline function pow2v(kf: v128): v128 {
  const k = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(kf));
  return i64x2.shl(i64x2.add(k, i64x2.splat(0x3ff)), 52);
}

// exp's general path: 2^-28 ≤ |x|, x ≠ 1, and 2^k normal (−708 < x < 709).
@inline function expGeneral(x: v128): bool {
  const ax = f64x2.abs(x);
  const ok = v128.and(
    v128.and(f64x2.ge(ax, splat(TWO_NEG28)), f64x2.ne(x, splat(1))),
    v128.and(f64x2.gt(x, splat(-708)), f64x2.lt(x, splat(709))),
  );
  return i64x2.all_true(ok);
}

// exp's general path on both lanes (the caller checked expGeneral).
@inline function expCoreV(x: v128): v128 {
  const half = v128.bitselect(splat(-0.5), splat(0.5), f64x2.lt(x, splat(0)));
  const kf = f64x2.trunc(f64x2.add(f64x2.mul(splat(LOG2_E), x), half)); // x·log2e ∓ 0.5, as a − b = a + (−b)
  const hi = f64x2.sub(x, f64x2.mul(kf, splat(LN2_HI)));
  const lo = f64x2.mul(kf, splat(LN2_LO));
  const r = f64x2.sub(hi, lo);
  const t = f64x2.mul(r, r);
  const p = f64x2.add(splat(0.16666666666666602), f64x2.mul(t, f64x2.add(splat(-0.0027777777777015593), f64x2.mul(t,
    f64x2.add(splat(0.00006613756321437934), f64x2.mul(t, f64x2.add(splat(-0.0000016533902205465252), f64x2.mul(t, splat(4.1381367970572385e-8)))))))));
  const c = f64x2.sub(r, f64x2.mul(t, p));
  const y = f64x2.sub(splat(1), f64x2.sub(f64x2.sub(lo, f64x2.div(f64x2.mul(r, c), f64x2.sub(splat(2), c))), hi));
  return f64x2.mul(y, pow2v(kf));
}

function expV(x: v128): v128 {
  if (expGeneral(x)) return expCoreV(x);
  return f64x2.replace_lane(splat(exp(f64x2.extract_lane(x, 0))), 1, exp(f64x2.extract_lane(x, 1)));
}

// ---------------------------------------------------------------- activations (ports of activations.ts)

const INV_SQRT2: f64 = 0.7071067811865475;
const INV_SQRT_2PI: f64 = 0.3989422804014327;

// GELU and its derivative through e = erf(x/√2), which both take.
@inline function geluF(x: f64, e: f64): f64 {
  return 0.5 * x * (1 + e);
}
@inline function geluDf(x: f64, e: f64): f64 {
  return 0.5 * (1 + e) + x * INV_SQRT_2PI * exp(-0.5 * x * x);
}
// geluDf on two lanes, from exp's argument −0.5·x·x (geluDfArgV) and ex = exp of it.
@inline function geluDfArgV(x: v128): v128 {
  return f64x2.mul(f64x2.mul(splat(-0.5), x), x);
}
@inline function geluDfV(x: v128, e: v128, ex: v128): v128 {
  return f64x2.add(f64x2.mul(splat(0.5), f64x2.add(splat(1), e)), f64x2.mul(f64x2.mul(x, splat(INV_SQRT_2PI)), ex));
}
// softplus and its derivative through e = exp(−|x|), the exponential both take (−0 and NaN included).
@inline function softplusExp(x: f64): f64 {
  return exp(x > 0 ? -x : x);
}
@inline function softplusF(x: f64, e: f64): f64 {
  return x > 0 ? x + log1p(e) : log1p(e);
}
@inline function softplusDf(x: f64, e: f64): f64 {
  return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}

// ---------------------------------------------------------------- erf on two lanes
// erf's four polynomial branches on an f64x2 whose two lanes lie in the same branch: each lane performs
// erf's scalar operations in order (no fused multiply-add), so gives its bits. activate() sorts a
// layer's values by branch and runs each branch's two or four at a time; the tail, where erf is ±1,
// needs no erf at all, and the rest (NaN, 0, |x| < 2^-28) stays scalar, as it is cheap there.

const ERF_SMALL = 0; // 2^-28 ≤ |x| < 0.84375
const ERF_MID = 1; // 0.84375 ≤ |x| < 1.25
const ERF_NEAR = 2; // 1.25 ≤ |x| < 1/0.35
const ERF_FAR = 3; // 1/0.35 ≤ |x| < 6
const ERF_TAIL = 4; // 6 ≤ |x| ≤ ∞, where erf is ±1
const ERF_SCALAR = 5;
const ONE_OVER_035: f64 = 2.857142857142857;

@inline function erfBranch(ax: f64): i32 {
  if (ax < 0.84375) return ax >= SMALL ? ERF_SMALL : ERF_SCALAR;
  if (ax < 1.25) return ERF_MID;
  if (ax < 6) return ax < ONE_OVER_035 ? ERF_NEAR : ERF_FAR;
  return ax >= 6 ? ERF_TAIL : ERF_SCALAR; // NaN fails every comparison
}

// One Horner step c + s·acc.
@inline function hornerV(c: f64, s: v128, acc: v128): v128 {
  return f64x2.add(splat(c), f64x2.mul(s, acc));
}

@inline function erfSmallV(x: v128): v128 {
  const z = f64x2.mul(x, x);
  const r = hornerV(PPC, z, hornerV(-0.3250421072470015, z, hornerV(-0.02848174957559851, z, hornerV(-0.005770270296489442, z, splat(-0.000023763016656650163)))));
  const s = hornerV(1, z, hornerV(0.39791722395915535, z, hornerV(0.0650222499887673, z, hornerV(0.005081306281875766, z, hornerV(0.00013249473800432164, z, splat(-0.000003960228278775368))))));
  return f64x2.add(x, f64x2.mul(x, f64x2.div(r, s)));
}

@inline function erfMidV(x: v128): v128 {
  const s = f64x2.sub(f64x2.abs(x), splat(1));
  const p = hornerV(PAC, s, hornerV(0.41485611868374833, s, hornerV(-0.3722078760357013, s, hornerV(0.31834661990116175, s, hornerV(-0.11089469428239668, s, hornerV(0.035478304325618236, s, splat(-0.002166375594868791)))))));
  const q = hornerV(1, s, hornerV(0.10642088040084423, s, hornerV(0.540397917702171, s, hornerV(0.07182865441419627, s, hornerV(0.12617121980876164, s, hornerV(0.01363708391202905, s, splat(0.011984499846799107)))))));
  const t = f64x2.div(p, q);
  return v128.bitselect(f64x2.sub(splat(-ERX), t), f64x2.add(splat(ERX), t), f64x2.lt(x, splat(0)));
}

// erf's two sub-ranges of 1.25 ≤ |x| < 6, each with its own rational r/s in s0 = 1/x², then the part they share.
@inline function erfNearV(x: v128): v128 {
  const ax = f64x2.abs(x);
  const s0 = f64x2.div(splat(1), f64x2.mul(ax, ax));
  const r = hornerV(RAC, s0, hornerV(-0.6938585727071818, s0, hornerV(-10.558626225323291, s0, hornerV(-62.375332450326006, s0,
    hornerV(-162.39666946257347, s0, hornerV(-184.60509290671104, s0, hornerV(-81.2874355063066, s0, splat(-9.814329344169145))))))));
  const s = hornerV(1, s0, hornerV(19.651271667439257, s0, hornerV(137.65775414351904, s0, hornerV(434.56587747522923, s0,
    hornerV(645.3872717332679, s0, hornerV(429.00814002756783, s0, hornerV(108.63500554177944, s0, hornerV(6.570249770319282, s0,
      splat(-0.0604244152148581)))))))));
  return erfLargeEnd(x, ax, r, s);
}

@inline function erfFarV(x: v128): v128 {
  const ax = f64x2.abs(x);
  const s0 = f64x2.div(splat(1), f64x2.mul(ax, ax));
  const r = hornerV(RBC, s0, hornerV(-0.799283237680523, s0, hornerV(-17.757954917754752, s0, hornerV(-160.63638485582192, s0,
    hornerV(-637.5664433683896, s0, hornerV(-1025.0951316110772, s0, splat(-483.5191916086514)))))));
  const s = hornerV(1, s0, hornerV(30.33806074348246, s0, hornerV(325.7925129965739, s0, hornerV(1536.729586084437, s0,
    hornerV(3199.8582195085955, s0, hornerV(2553.0504064331644, s0, hornerV(474.52854120695537, s0, splat(-22.44095244658582))))))));
  return erfLargeEnd(x, ax, r, s);
}

@inline function erfLargeEnd(x: v128, ax: v128, r: v128, s: v128): v128 {
  const z = v128.and(ax, i64x2.splat(0xffffffff00000000)); // fdlibm's SET_LOW_WORD(z, 0)
  const u0 = f64x2.sub(f64x2.neg(f64x2.mul(z, z)), splat(0.5625));
  const u1 = f64x2.add(f64x2.mul(f64x2.sub(z, ax), f64x2.add(z, ax)), f64x2.div(r, s));
  // Both exps inline when both take the general path, so that they run side by side.
  const e = expGeneral(u0) && expGeneral(u1) ? f64x2.mul(expCoreV(u0), expCoreV(u1)) : f64x2.mul(expV(u0), expV(u1));
  const q = f64x2.div(e, ax);
  return v128.bitselect(f64x2.sub(q, splat(1)), f64x2.sub(splat(1), q), f64x2.lt(x, splat(0)));
}

@inline function erfOfBranchV(branch: i32, u: v128): v128 {
  return branch == ERF_SMALL ? erfSmallV(u) : branch == ERF_MID ? erfMidV(u) : branch == ERF_NEAR ? erfNearV(u) : erfFarV(u);
}

// GELU where erf's argument x/√2 has 6 ≤ |x/√2| ≤ ∞ and erf is exactly −1 or 1 (as erf returns it):
// f = 0.5·x·(1 ± 1) in geluF's order; of the neighbours at p and p + 8 at once, or of the one at p.
@inline function geluTailPair(p: usize, shift: usize, kShift: usize, keep: bool): void {
  const x = v128.load(p);
  const e = v128.bitselect(splat(-1), splat(1), f64x2.lt(x, splat(0)));
  v128.store(p + shift, f64x2.mul(f64x2.mul(splat(0.5), x), f64x2.add(splat(1), e)));
  if (keep) v128.store(p + kShift, e);
}
@inline function geluTailOne(p: usize, shift: usize, kShift: usize, keep: bool): void {
  const x = load<f64>(p);
  const e: f64 = x < 0 ? -1 : 1;
  store<f64>(p + shift, geluF(x, e));
  if (keep) store<f64>(p + kShift, e);
}

// GELU of the values at z-addresses p0 and p1 (same erf branch), stored at + shift (and erf at + kShift).
function geluPair(branch: i32, p0: usize, p1: usize, shift: usize, kShift: usize, keep: bool): void {
  const x = f64x2.replace_lane(splat(load<f64>(p0)), 1, load<f64>(p1));
  const u = f64x2.mul(x, splat(INV_SQRT2));
  const e = erfOfBranchV(branch, u);
  const g = f64x2.mul(f64x2.mul(splat(0.5), x), f64x2.add(splat(1), e));
  v128.store64_lane(p0 + shift, g, 0);
  v128.store64_lane(p1 + shift, g, 1);
  if (keep) {
    v128.store64_lane(p0 + kShift, e, 0);
    v128.store64_lane(p1 + kShift, e, 1);
  }
}

// Two pairs side by side, so that their dependency chains overlap.
function geluQuad(branch: i32, p0: usize, p1: usize, p2: usize, p3: usize, shift: usize, kShift: usize, kept: bool): void {
  const x = f64x2.replace_lane(splat(load<f64>(p0)), 1, load<f64>(p1));
  const y = f64x2.replace_lane(splat(load<f64>(p2)), 1, load<f64>(p3));
  const u = f64x2.mul(x, splat(INV_SQRT2));
  const v = f64x2.mul(y, splat(INV_SQRT2));
  const e = erfOfBranchV(branch, u);
  const f = erfOfBranchV(branch, v);
  const g = f64x2.mul(f64x2.mul(splat(0.5), x), f64x2.add(splat(1), e));
  const h = f64x2.mul(f64x2.mul(splat(0.5), y), f64x2.add(splat(1), f));
  v128.store64_lane(p0 + shift, g, 0);
  v128.store64_lane(p1 + shift, g, 1);
  v128.store64_lane(p2 + shift, h, 0);
  v128.store64_lane(p3 + shift, h, 1);
  if (kept) {
    v128.store64_lane(p0 + kShift, e, 0);
    v128.store64_lane(p1 + kShift, e, 1);
    v128.store64_lane(p2 + kShift, f, 0);
    v128.store64_lane(p3 + kShift, f, 1);
  }
}

@inline function geluOne(p: usize, shift: usize, kShift: usize, keep: bool): void {
  const x = load<f64>(p);
  const e = erf(x * INV_SQRT2);
  if (keep) store<f64>(p + kShift, e);
  store<f64>(p + shift, geluF(x, e));
}

// The values of one erf branch in a block (bit i of mask: the value at base + 8 i), two at a time; with
// one left over it waits for the next block's. Returns the address of the value left waiting (0: none).
@inline function geluBranch(branch: i32, mask: u64, base: usize, waiting: usize, shift: usize, kShift: usize, kept: bool): usize {
  let m = mask;
  if (waiting && m) {
    geluPair(branch, waiting, base + (<usize>ctz(m) << 3), shift, kShift, kept);
    m &= m - 1;
    waiting = 0;
  }
  while (popcnt(m) >= 4) {
    const p0 = base + (<usize>ctz(m) << 3);
    m &= m - 1;
    const p1 = base + (<usize>ctz(m) << 3);
    m &= m - 1;
    const p2 = base + (<usize>ctz(m) << 3);
    m &= m - 1;
    geluQuad(branch, p0, p1, p2, base + (<usize>ctz(m) << 3), shift, kShift, kept);
    m &= m - 1;
  }
  while (m & (m - 1)) {
    const p0 = base + (<usize>ctz(m) << 3);
    m &= m - 1;
    geluPair(branch, p0, base + (<usize>ctz(m) << 3), shift, kShift, kept);
    m &= m - 1;
  }
  return m ? base + (<usize>ctz(m) << 3) : waiting;
}

// GELU over z[0..n) in blocks of 64: the values are sorted into erf's branches by comparisons on two
// lanes (bit masks, no branching per value), each polynomial branch's values go through the two-lane
// erf in pairs (a branch's last unpaired value with itself), the tail (erf = ±1) needs geluF alone,
// and the values in no branch (NaN, 0, |x| < 2^-28) go through the scalar erf.
function geluActivate(z: usize, a: usize, keep: usize, n: i32): void {
  const shift = a - z;
  const kShift = keep - z;
  const kept = keep != 0;
  // The address of the value waiting for a partner in each branch, 0 for none (the network description is at 0).
  let waitSmall: usize = 0, waitMid: usize = 0, waitNear: usize = 0, waitFar: usize = 0;
  for (let base = z, left = n; left > 0; base += 512, left -= 64) {
    const count = left < 64 ? left : 64;
    let small: u64 = 0, mid: u64 = 0, near: u64 = 0, far: u64 = 0, tail: u64 = 0;
    let i = 0;
    for (; i + 1 < count; i += 2) {
      const ax = f64x2.abs(f64x2.mul(v128.load(base + (<usize>i << 3)), splat(INV_SQRT2)));
      const below084 = f64x2.lt(ax, splat(0.84375));
      const below125 = f64x2.lt(ax, splat(1.25));
      small |= <u64>i64x2.bitmask(v128.and(below084, f64x2.ge(ax, splat(SMALL)))) << i;
      mid |= <u64>i64x2.bitmask(v128.andnot(below125, below084)) << i;
      const below2857 = f64x2.lt(ax, splat(ONE_OVER_035));
      near |= <u64>i64x2.bitmask(v128.andnot(below2857, below125)) << i;
      far |= <u64>i64x2.bitmask(v128.andnot(f64x2.lt(ax, splat(6)), below2857)) << i;
      tail |= <u64>i64x2.bitmask(f64x2.ge(ax, splat(6))) << i;
    }
    if (i < count) {
      const branch = erfBranch(Math.abs(load<f64>(base + (<usize>i << 3)) * INV_SQRT2));
      if (branch == ERF_SMALL) small |= <u64>1 << i;
      else if (branch == ERF_MID) mid |= <u64>1 << i;
      else if (branch == ERF_NEAR) near |= <u64>1 << i;
      else if (branch == ERF_FAR) far |= <u64>1 << i;
      else if (branch == ERF_TAIL) tail |= <u64>1 << i;
    }
    waitSmall = geluBranch(ERF_SMALL, small, base, waitSmall, shift, kShift, kept);
    waitMid = geluBranch(ERF_MID, mid, base, waitMid, shift, kShift, kept);
    waitNear = geluBranch(ERF_NEAR, near, base, waitNear, shift, kShift, kept);
    waitFar = geluBranch(ERF_FAR, far, base, waitFar, shift, kShift, kept);
    // The tail needs no arithmetic beyond geluF: neighbours two at a time where both are in it.
    const tailPairs = tail & (tail >> 1) & 0x5555555555555555;
    for (let m = tailPairs; m; m &= m - 1) geluTailPair(base + (<usize>ctz(m) << 3), shift, kShift, kept);
    for (let m = tail & ~(tailPairs | (tailPairs << 1)); m; m &= m - 1) geluTailOne(base + (<usize>ctz(m) << 3), shift, kShift, kept);
    let rest = (count == 64 ? <u64>-1 : (<u64>1 << count) - 1) & ~(small | mid | near | far | tail);
    for (; rest; rest &= rest - 1) geluOne(base + (<usize>ctz(rest) << 3), shift, kShift, kept);
  }
  // A value still without a partner goes through the two-lane erf paired with itself (same bits, no
  // branching on its value as in the scalar erf).
  if (waitSmall) geluPair(ERF_SMALL, waitSmall, waitSmall, shift, kShift, kept);
  if (waitMid) geluPair(ERF_MID, waitMid, waitMid, shift, kShift, kept);
  if (waitNear) geluPair(ERF_NEAR, waitNear, waitNear, shift, kShift, kept);
  if (waitFar) geluPair(ERF_FAR, waitFar, waitFar, shift, kShift, kept);
}

// a[0..n) ← f(z[0..n)); with keep ≠ 0, keep[0..n) ← the erf or exp that deactivate needs again.
function activate(code: i32, z: usize, a: usize, keep: usize, n: i32): void {
  const end = z + (<usize>n << 3);
  const shift = a - z;
  if (code == TANH) {
    // Scalar: a two-lane tanh (both of its branches on f64x2) measured no faster.
    for (let p = z; p < end; p += 8) store<f64>(p + shift, tanh(load<f64>(p)));
  } else if (code == GELU) {
    geluActivate(z, a, keep, n);
  } else if (code == RELU) {
    for (let p = z; p < end; p += 8) {
      const v = load<f64>(p);
      store<f64>(p + shift, v > 0 ? v : 0);
    }
  } else if (code == SOFTPLUS) {
    if (keep) {
      const kShift = keep - z;
      for (let p = z; p < end; p += 8) {
        const x = load<f64>(p);
        const e = softplusExp(x);
        store<f64>(p + kShift, e);
        store<f64>(p + shift, softplusF(x, e));
      }
    } else {
      for (let p = z; p < end; p += 8) {
        const x = load<f64>(p);
        store<f64>(p + shift, softplusF(x, softplusExp(x)));
      }
    }
  } else if (a != z) {
    memory.copy(a, z, <usize>n << 3);
  }
}

// g[0..n) ⊙= f'(z[0..n)); a holds f(z) (tanh' is taken from it, as activations.ts does), keep what activate kept.
function deactivate(code: i32, z: usize, a: usize, keep: usize, g: usize, n: i32): void {
  const end = g + (<usize>n << 3);
  if (code == TANH) {
    for (let p = g, q = a; p < end; p += 8, q += 8) {
      const t = load<f64>(q);
      store<f64>(p, load<f64>(p) * (1 - t * t));
    }
  } else if (code == GELU) {
    let p = g, q = z, k = keep;
    // Four values at a time, so that the two exps' dependency chains overlap.
    for (; p + 24 < end; p += 32, q += 32, k += 32) {
      const x0 = v128.load(q);
      const x1 = v128.load(q, 16);
      const u0 = geluDfArgV(x0);
      const u1 = geluDfArgV(x1);
      let e0: v128, e1: v128;
      if (expGeneral(u0) && expGeneral(u1)) {
        e0 = expCoreV(u0);
        e1 = expCoreV(u1);
      } else {
        e0 = expV(u0);
        e1 = expV(u1);
      }
      v128.store(p, f64x2.mul(v128.load(p), geluDfV(x0, v128.load(k), e0)));
      v128.store(p, f64x2.mul(v128.load(p, 16), geluDfV(x1, v128.load(k, 16), e1)), 16);
    }
    for (; p + 8 < end; p += 16, q += 16, k += 16) {
      const x = v128.load(q);
      v128.store(p, f64x2.mul(v128.load(p), geluDfV(x, v128.load(k), expV(geluDfArgV(x)))));
    }
    if (p < end) store<f64>(p, load<f64>(p) * geluDf(load<f64>(q), load<f64>(k)));
  } else if (code == RELU) {
    // Zeroing (not multiplying by 0) keeps an infinite adjoint of a dead unit from becoming NaN.
    for (let p = g, q = z; p < end; p += 8, q += 8) if (!(load<f64>(q) > 0)) store<f64>(p, 0);
  } else if (code == SOFTPLUS) {
    for (let p = g, q = z, k = keep; p < end; p += 8, q += 8, k += 8) store<f64>(p, load<f64>(p) * softplusDf(load<f64>(q), load<f64>(k)));
  }
}

// ---------------------------------------------------------------- dense layers

// z_r = b + W x_r for each of `batch` rows. Each dot product takes four partial sums over j mod 4
// (lanes of two f64x2 accumulators), merged as (s0 + s2) + (s1 + s3), then the odd tail, then the
// bias: kernels-js.ts does the same. Several dot products run side by side (two weight rows × two
// batch rows, or four weight rows for a lone batch row) so their add chains overlap and each load
// serves several of them; each one's own order of operations stays the same.
function affineBatch(w: usize, b: usize, x: usize, z: usize, nIn: i32, nOut: i32, batch: i32): void {
  const inBytes = <usize>nIn << 3;
  const outBytes = <usize>nOut << 3;
  let r = 0;
  let x0 = x;
  let z0 = z;
  for (; r + 1 < batch; r += 2) {
    affineTwoRows(w, b, x0, z0, inBytes, outBytes);
    x0 += inBytes << 1;
    z0 += outBytes << 1;
  }
  if (r < batch) affineOneRow(w, b, x0, z0, inBytes, outBytes);
}

@inline function total(a0: v128, a1: v128): f64 {
  const s = f64x2.add(a0, a1);
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}

function affineOneRow(w: usize, b: usize, x: usize, z: usize, inBytes: usize, outBytes: usize): void {
  const end4 = inBytes & ~31;
  const end2 = inBytes & ~15;
  let row = w;
  let i: usize = 0;
  for (; i + 32 <= outBytes; i += 32) {
    const row1 = row + inBytes;
    const row2 = row1 + inBytes;
    const row3 = row2 + inBytes;
    let a0 = f64x2.splat(0), a1 = f64x2.splat(0), b0 = f64x2.splat(0), b1 = f64x2.splat(0);
    let c0 = f64x2.splat(0), c1 = f64x2.splat(0), d0 = f64x2.splat(0), d1 = f64x2.splat(0);
    let j: usize = 0;
    for (; j < end4; j += 32) {
      const xa = v128.load(x + j);
      const xb = v128.load(x + j, 16);
      a0 = f64x2.add(a0, f64x2.mul(v128.load(row + j), xa));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(row + j, 16), xb));
      b0 = f64x2.add(b0, f64x2.mul(v128.load(row1 + j), xa));
      b1 = f64x2.add(b1, f64x2.mul(v128.load(row1 + j, 16), xb));
      c0 = f64x2.add(c0, f64x2.mul(v128.load(row2 + j), xa));
      c1 = f64x2.add(c1, f64x2.mul(v128.load(row2 + j, 16), xb));
      d0 = f64x2.add(d0, f64x2.mul(v128.load(row3 + j), xa));
      d1 = f64x2.add(d1, f64x2.mul(v128.load(row3 + j, 16), xb));
    }
    if (j < end2) {
      const xa = v128.load(x + j);
      a0 = f64x2.add(a0, f64x2.mul(v128.load(row + j), xa));
      b0 = f64x2.add(b0, f64x2.mul(v128.load(row1 + j), xa));
      c0 = f64x2.add(c0, f64x2.mul(v128.load(row2 + j), xa));
      d0 = f64x2.add(d0, f64x2.mul(v128.load(row3 + j), xa));
      j += 16;
    }
    let s0 = total(a0, a1), s1 = total(b0, b1), s2 = total(c0, c1), s3 = total(d0, d1);
    if (j < inBytes) {
      const xj = load<f64>(x + j);
      s0 += load<f64>(row + j) * xj;
      s1 += load<f64>(row1 + j) * xj;
      s2 += load<f64>(row2 + j) * xj;
      s3 += load<f64>(row3 + j) * xj;
    }
    store<f64>(z + i, load<f64>(b + i) + s0);
    store<f64>(z + i, load<f64>(b + i, 8) + s1, 8);
    store<f64>(z + i, load<f64>(b + i, 16) + s2, 16);
    store<f64>(z + i, load<f64>(b + i, 24) + s3, 24);
    row = row3 + inBytes;
  }
  for (; i < outBytes; i += 8) {
    let a0 = f64x2.splat(0), a1 = f64x2.splat(0);
    let j: usize = 0;
    for (; j < end4; j += 32) {
      a0 = f64x2.add(a0, f64x2.mul(v128.load(row + j), v128.load(x + j)));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(row + j, 16), v128.load(x + j, 16)));
    }
    if (j < end2) {
      a0 = f64x2.add(a0, f64x2.mul(v128.load(row + j), v128.load(x + j)));
      j += 16;
    }
    let s = total(a0, a1);
    if (j < inBytes) s += load<f64>(row + j) * load<f64>(x + j);
    store<f64>(z + i, load<f64>(b + i) + s);
    row += inBytes;
  }
}

// Batch rows x0 and x0 + inBytes into z0 and z0 + outBytes.
function affineTwoRows(w: usize, b: usize, x0: usize, z0: usize, inBytes: usize, outBytes: usize): void {
  const end4 = inBytes & ~31;
  const end2 = inBytes & ~15;
  const x1 = x0 + inBytes;
  const z1 = z0 + outBytes;
  let row = w;
  let i: usize = 0;
  for (; i + 16 <= outBytes; i += 16) {
    const row1 = row + inBytes;
    let a0 = f64x2.splat(0), a1 = f64x2.splat(0), b0 = f64x2.splat(0), b1 = f64x2.splat(0);
    let c0 = f64x2.splat(0), c1 = f64x2.splat(0), d0 = f64x2.splat(0), d1 = f64x2.splat(0);
    let j: usize = 0;
    for (; j < end4; j += 32) {
      const wa = v128.load(row + j);
      const wb = v128.load(row + j, 16);
      const va = v128.load(row1 + j);
      const vb = v128.load(row1 + j, 16);
      const xa = v128.load(x0 + j);
      const xb = v128.load(x0 + j, 16);
      const ya = v128.load(x1 + j);
      const yb = v128.load(x1 + j, 16);
      a0 = f64x2.add(a0, f64x2.mul(wa, xa));
      a1 = f64x2.add(a1, f64x2.mul(wb, xb));
      b0 = f64x2.add(b0, f64x2.mul(wa, ya));
      b1 = f64x2.add(b1, f64x2.mul(wb, yb));
      c0 = f64x2.add(c0, f64x2.mul(va, xa));
      c1 = f64x2.add(c1, f64x2.mul(vb, xb));
      d0 = f64x2.add(d0, f64x2.mul(va, ya));
      d1 = f64x2.add(d1, f64x2.mul(vb, yb));
    }
    if (j < end2) {
      const wa = v128.load(row + j);
      const va = v128.load(row1 + j);
      const xa = v128.load(x0 + j);
      const ya = v128.load(x1 + j);
      a0 = f64x2.add(a0, f64x2.mul(wa, xa));
      b0 = f64x2.add(b0, f64x2.mul(wa, ya));
      c0 = f64x2.add(c0, f64x2.mul(va, xa));
      d0 = f64x2.add(d0, f64x2.mul(va, ya));
      j += 16;
    }
    let s0 = total(a0, a1), t0 = total(b0, b1), s1 = total(c0, c1), t1 = total(d0, d1);
    if (j < inBytes) {
      const wj = load<f64>(row + j);
      const vj = load<f64>(row1 + j);
      const xj = load<f64>(x0 + j);
      const yj = load<f64>(x1 + j);
      s0 += wj * xj;
      t0 += wj * yj;
      s1 += vj * xj;
      t1 += vj * yj;
    }
    const b0i = load<f64>(b + i);
    const b1i = load<f64>(b + i, 8);
    store<f64>(z0 + i, b0i + s0);
    store<f64>(z1 + i, b0i + t0);
    store<f64>(z0 + i, b1i + s1, 8);
    store<f64>(z1 + i, b1i + t1, 8);
    row = row1 + inBytes;
  }
  if (i < outBytes) {
    let a0 = f64x2.splat(0), a1 = f64x2.splat(0), c0 = f64x2.splat(0), c1 = f64x2.splat(0);
    let j: usize = 0;
    for (; j < end4; j += 32) {
      const wa = v128.load(row + j);
      const wb = v128.load(row + j, 16);
      a0 = f64x2.add(a0, f64x2.mul(wa, v128.load(x0 + j)));
      a1 = f64x2.add(a1, f64x2.mul(wb, v128.load(x0 + j, 16)));
      c0 = f64x2.add(c0, f64x2.mul(wa, v128.load(x1 + j)));
      c1 = f64x2.add(c1, f64x2.mul(wb, v128.load(x1 + j, 16)));
    }
    if (j < end2) {
      const wa = v128.load(row + j);
      a0 = f64x2.add(a0, f64x2.mul(wa, v128.load(x0 + j)));
      c0 = f64x2.add(c0, f64x2.mul(wa, v128.load(x1 + j)));
      j += 16;
    }
    let s = total(a0, a1);
    let t = total(c0, c1);
    if (j < inBytes) {
      const wj = load<f64>(row + j);
      s += wj * load<f64>(x0 + j);
      t += wj * load<f64>(x1 + j);
    }
    const bi = load<f64>(b + i);
    store<f64>(z0 + i, bi + s);
    store<f64>(z1 + i, bi + t);
  }
}

// inBar_r[j] = Σ_i W[i, j] δ_r[i] (i ascending, rows with δ_r[i] = 0 skipped); with grad, also
// gW[i, j] += δ_r[i] x_r[j] and gb[i] += δ_r[i] for r ascending: per element the sums of calling
// the one-row kernel row after row. W is walked row by row, once for the whole batch.
function backAffineBatch(w: usize, gw: usize, gb: usize, delta: usize, x: usize, inBar: usize, nIn: i32, nOut: i32, batch: i32, grad: bool): void {
  const inBytes = <usize>nIn << 3;
  const outBytes = <usize>nOut << 3;
  const end2 = <usize>(nIn & ~1) << 3;
  memory.fill(inBar, 0, inBytes * <usize>batch);
  if (batch == 1) {
    backAffineOneRow(w, gw, gb, delta, x, inBar, inBytes, outBytes, end2, grad);
    return;
  }
  let row = w;
  let grow = gw;
  for (let i: usize = 0; i < outBytes; i += 8) {
    let dRow = delta + i;
    let xRow = x;
    let barRow = inBar;
    let r = 0;
    for (; r + 1 < batch; r += 2) {
      const d0 = load<f64>(dRow);
      const d1 = load<f64>(dRow + outBytes);
      const x1 = xRow + inBytes;
      const bar1 = barRow + inBytes;
      if (d0 != 0 && d1 != 0) {
        const dv0 = f64x2.splat(d0);
        const dv1 = f64x2.splat(d1);
        let j: usize = 0;
        if (grad) {
          store<f64>(gb + i, load<f64>(gb + i) + d0 + d1);
          for (; j < end2; j += 16) {
            const wv = v128.load(row + j);
            v128.store(barRow + j, f64x2.add(v128.load(barRow + j), f64x2.mul(dv0, wv)));
            v128.store(bar1 + j, f64x2.add(v128.load(bar1 + j), f64x2.mul(dv1, wv)));
            v128.store(grow + j, f64x2.add(f64x2.add(v128.load(grow + j), f64x2.mul(dv0, v128.load(xRow + j))), f64x2.mul(dv1, v128.load(x1 + j))));
          }
          if (j < inBytes) {
            const wj = load<f64>(row + j);
            store<f64>(barRow + j, load<f64>(barRow + j) + d0 * wj);
            store<f64>(bar1 + j, load<f64>(bar1 + j) + d1 * wj);
            store<f64>(grow + j, load<f64>(grow + j) + d0 * load<f64>(xRow + j) + d1 * load<f64>(x1 + j));
          }
        } else {
          for (; j < end2; j += 16) {
            const wv = v128.load(row + j);
            v128.store(barRow + j, f64x2.add(v128.load(barRow + j), f64x2.mul(dv0, wv)));
            v128.store(bar1 + j, f64x2.add(v128.load(bar1 + j), f64x2.mul(dv1, wv)));
          }
          if (j < inBytes) {
            const wj = load<f64>(row + j);
            store<f64>(barRow + j, load<f64>(barRow + j) + d0 * wj);
            store<f64>(bar1 + j, load<f64>(bar1 + j) + d1 * wj);
          }
        }
      } else {
        if (d0 != 0) backRow(row, grow, gb + i, d0, xRow, barRow, inBytes, end2, grad);
        if (d1 != 0) backRow(row, grow, gb + i, d1, x1, bar1, inBytes, end2, grad);
      }
      dRow += outBytes << 1;
      xRow = x1 + inBytes;
      barRow = bar1 + inBytes;
    }
    if (r < batch) {
      const d = load<f64>(dRow);
      if (d != 0) backRow(row, grow, gb + i, d, xRow, barRow, inBytes, end2, grad);
    }
    row += inBytes;
    grow += inBytes;
  }
}

// A lone batch row: weight rows two at a time, so inBar is loaded and stored once per pair
// ((inBar + d_i W[i, ·]) + d_{i+1} W[i+1, ·], the one-row order).
function backAffineOneRow(w: usize, gw: usize, gb: usize, delta: usize, x: usize, inBar: usize, inBytes: usize, outBytes: usize, end2: usize, grad: bool): void {
  let row = w;
  let grow = gw;
  let i: usize = 0;
  for (; i + 16 <= outBytes; i += 16) {
    const d0 = load<f64>(delta + i);
    const d1 = load<f64>(delta + i, 8);
    const row1 = row + inBytes;
    const grow1 = grow + inBytes;
    if (d0 != 0 && d1 != 0) {
      const dv0 = f64x2.splat(d0);
      const dv1 = f64x2.splat(d1);
      let j: usize = 0;
      if (grad) {
        store<f64>(gb + i, load<f64>(gb + i) + d0);
        store<f64>(gb + i, load<f64>(gb + i, 8) + d1, 8);
        for (; j < end2; j += 16) {
          v128.store(inBar + j, f64x2.add(f64x2.add(v128.load(inBar + j), f64x2.mul(dv0, v128.load(row + j))), f64x2.mul(dv1, v128.load(row1 + j))));
          const xv = v128.load(x + j);
          v128.store(grow + j, f64x2.add(v128.load(grow + j), f64x2.mul(dv0, xv)));
          v128.store(grow1 + j, f64x2.add(v128.load(grow1 + j), f64x2.mul(dv1, xv)));
        }
        if (j < inBytes) {
          store<f64>(inBar + j, load<f64>(inBar + j) + d0 * load<f64>(row + j) + d1 * load<f64>(row1 + j));
          const xj = load<f64>(x + j);
          store<f64>(grow + j, load<f64>(grow + j) + d0 * xj);
          store<f64>(grow1 + j, load<f64>(grow1 + j) + d1 * xj);
        }
      } else {
        for (; j < end2; j += 16) {
          v128.store(inBar + j, f64x2.add(f64x2.add(v128.load(inBar + j), f64x2.mul(dv0, v128.load(row + j))), f64x2.mul(dv1, v128.load(row1 + j))));
        }
        if (j < inBytes) store<f64>(inBar + j, load<f64>(inBar + j) + d0 * load<f64>(row + j) + d1 * load<f64>(row1 + j));
      }
    } else {
      if (d0 != 0) backRow(row, grow, gb + i, d0, x, inBar, inBytes, end2, grad);
      if (d1 != 0) backRow(row1, grow1, gb + i + 8, d1, x, inBar, inBytes, end2, grad);
    }
    row = row1 + inBytes;
    grow = grow1 + inBytes;
  }
  if (i < outBytes) {
    const d = load<f64>(delta + i);
    if (d != 0) backRow(row, grow, gb + i, d, x, inBar, inBytes, end2, grad);
  }
}

// One weight row against one batch row: inBar += d W[i, ·]; with grad gW[i, ·] += d x, gb[i] += d.
@inline function backRow(row: usize, grow: usize, gbi: usize, d: f64, x: usize, inBar: usize, inBytes: usize, end2: usize, grad: bool): void {
  const dv = f64x2.splat(d);
  let j: usize = 0;
  if (grad) {
    store<f64>(gbi, load<f64>(gbi) + d);
    for (; j < end2; j += 16) {
      v128.store(inBar + j, f64x2.add(v128.load(inBar + j), f64x2.mul(dv, v128.load(row + j))));
      v128.store(grow + j, f64x2.add(v128.load(grow + j), f64x2.mul(dv, v128.load(x + j))));
    }
    if (j < inBytes) {
      store<f64>(inBar + j, load<f64>(inBar + j) + d * load<f64>(row + j));
      store<f64>(grow + j, load<f64>(grow + j) + d * load<f64>(x + j));
    }
  } else {
    for (; j < end2; j += 16) {
      v128.store(inBar + j, f64x2.add(v128.load(inBar + j), f64x2.mul(dv, v128.load(row + j))));
    }
    if (j < inBytes) store<f64>(inBar + j, load<f64>(inBar + j) + d * load<f64>(row + j));
  }
}

// ---------------------------------------------------------------- exported entry points

@inline function field(l: usize, f: usize): i32 {
  return load<i32>(LAYERS + l * RECORD + f);
}

// Every layer's z and f(z) for `batch` rows; with keep, also what the backward pass reuses.
function run(batch: i32, keep: bool): void {
  const nLayers = <usize>load<i32>(0);
  for (let l: usize = 0; l < nLayers; l++) {
    const p = LAYERS + l * RECORD;
    const nOut = load<i32>(p + N_OUT);
    affineBatch(load<i32>(p + W), load<i32>(p + B), load<i32>(p + IN), load<i32>(p + Z), load<i32>(p + N_IN), nOut, batch);
    activate(load<i32>(p + ACT), load<i32>(p + Z), load<i32>(p + OUT), keep ? <usize>load<i32>(p + KEEP) : 0, nOut * batch);
  }
}

/** The whole network on `batch` rows, the output in the last layer's Z buffer. */
export function forward(batch: i32): void {
  run(batch, false);
}

/** The forward pass that also keeps what the backward pass reuses (the erf of GELU, the exp of softplus). */
export function forwardKeeping(batch: i32): void {
  run(batch, true);
}

/**
 * The adjoint of the input (first layer's BAR_IN) from that of the output (last layer's BAR_OUT),
 * reading the buffers of a forwardKeeping pass on the same rows; with grad ≠ 0 the θ-gradient is
 * added to the GW/GB accumulators.
 */
export function backward(batch: i32, grad: i32): void {
  const nLayers = <usize>load<i32>(0);
  for (let l = nLayers; l-- > 0; ) {
    const p = LAYERS + l * RECORD;
    const nIn = load<i32>(p + N_IN);
    backAffineBatch(
      load<i32>(p + W), load<i32>(p + GW), load<i32>(p + GB), load<i32>(p + BAR_OUT), load<i32>(p + IN), load<i32>(p + BAR_IN),
      nIn, load<i32>(p + N_OUT), batch, grad != 0,
    );
    if (l > 0) deactivate(field(l - 1, ACT), field(l - 1, Z), field(l - 1, OUT), field(l - 1, KEEP), load<i32>(p + BAR_IN), nIn * batch);
  }
}

/** forwardKeeping, then backward: the VJP at fresh rows. */
export function vjp(batch: i32, grad: i32): void {
  run(batch, true);
  backward(batch, grad);
}

/** One dense layer: z = W x + b (kept for direct use and tests of the layer kernel). */
export function affine(w: i32, b: i32, x: i32, z: i32, nIn: i32, nOut: i32): void {
  affineBatch(w, b, x, z, nIn, nOut, 1);
}

/** One dense layer's adjoint: inBar = Wᵀ δ; with grad ≠ 0 also gW += δ xᵀ, gb += δ. */
export function backAffine(w: i32, gw: i32, gb: i32, delta: i32, x: i32, inBar: i32, nIn: i32, nOut: i32, grad: i32): void {
  backAffineBatch(w, gw, gb, delta, x, inBar, nIn, nOut, 1, grad != 0);
}
