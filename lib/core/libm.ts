/**
 * Elementary functions that give the same bits in every JavaScript engine.
 *
 * Math.exp, Math.log, Math.pow, Math.sin, … are implementation-defined: Node 20's V8 and
 * Chromium's V8 differ in the last bit on a few percent of arguments, and a training run feeds
 * those bits through thousands of steps. These functions use only +, −, ×, ÷, Math.sqrt,
 * Math.floor/trunc/round/abs and bit manipulation, which IEEE 754 makes identical everywhere.
 * Errors are below 1 ulp.
 *
 * Ports of FreeBSD msun / fdlibm (e_exp.c, s_expm1.c, e_log.c, s_log1p.c, e_pow.c, k_sin.c,
 * k_cos.c, e_rem_pio2.c, k_rem_pio2.c, s_sin.c, s_cos.c, k_tan.c, s_tan.c, e_log10.c, s_tanh.c,
 * e_sinh.c, e_cosh.c, s_asinh.c, e_acosh.c, e_atanh.c) and Cephes (atan, asin, acos) as
 * packaged by stdlib-js (`@stdlib/math-base-special-*`, Apache-2.0, © The Stdlib Authors;
 * original code © Sun Microsystems, "Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this software is freely granted, provided that
 * this notice is preserved."; Cephes © Stephen L. Moshier). pow's special cases follow ECMAScript's Math.pow (pow(±1, ±∞) and pow(1, NaN) are NaN).
 */

// One reused view for reading and writing the two 32-bit words of a double.
const F64 = new Float64Array(1);
const I32 = new Int32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

function highWord(x: number): number {
  F64[0] = x;
  return I32[HI];
}
function lowWord(x: number): number {
  F64[0] = x;
  return I32[LO] >>> 0;
}
function withHighWord(x: number, hi: number): number {
  F64[0] = x;
  I32[HI] = hi;
  return F64[0];
}
function withLowWord(x: number, lo: number): number {
  F64[0] = x;
  I32[LO] = lo;
  return F64[0];
}
function fromWords(hi: number, lo: number): number {
  I32[HI] = hi;
  I32[LO] = lo;
  return F64[0];
}

/** POW2[n + 1022] = 2^n for the normal exponents n = −1022 … 1023. */
const POW2 = new Float64Array(2046);
for (let n = -1022; n <= 1023; n++) POW2[n + 1022] = fromWords((0x3ff + n) << 20, 0);

const TWO1023 = fromWords(0x7fe00000, 0);
const TWON969 = fromWords(0x03600000, 0); // 2^-1022 · 2^53

/** x·2^n with one rounding (musl's scalbn): the subnormal case scales by 2^53 first so it rounds once. */
export function ldexp(x: number, n: number): number {
  let y = x;
  if (n > 1023) {
    y *= TWO1023;
    n -= 1023;
    if (n > 1023) {
      y *= TWO1023;
      n -= 1023;
      if (n > 1023) n = 1023;
    }
  } else if (n < -1022) {
    y *= TWON969;
    n += 1022 - 53;
    if (n < -1022) {
      y *= TWON969;
      n += 1022 - 53;
      if (n < -1022) n = -1022;
    }
  }
  return y * fromWords((0x3ff + n) << 20, 0);
}

// ---------------------------------------------------------------- exp, expm1

const LN2_HI = 6.93147180369123816490e-01;
const LN2_LO = 1.90821492927058770002e-10;
const LOG2_E = 1.44269504088896338700e+00;
const EXP_OVERFLOW = 7.09782712893383973096e+02;
const EXP_UNDERFLOW = -7.45133219101941108420e+02;
const TWO_NEG28 = 1 / (1 << 28);
const TWO_NEG54 = 5.551115123125783e-17;

/** e^x. */
export function exp(x: number): number {
  if (x !== x || x === Infinity) return x;
  if (x > EXP_OVERFLOW) return Infinity;
  if (x < EXP_UNDERFLOW) return 0;
  if (x > -TWO_NEG28 && x < TWO_NEG28) return 1 + x;
  if (x === 1) return Math.E; // the reduction below is 1 ulp off here; V8's fdlibm port special-cases it too
  const k = Math.trunc(x < 0 ? LOG2_E * x - 0.5 : LOG2_E * x + 0.5);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (0.16666666666666602 + t * (-0.0027777777777015593 + t * (0.00006613756321437934 + t * (-0.0000016533902205465252 + t * 4.1381367970572385e-8))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  // 2^k from a table when normal (the common case; faster than writing its bits), else with care for the subnormal range.
  return k >= -1022 && k <= 1023 ? y * POW2[k + 1022] : ldexp(y, k);
}

const LN2x56 = 3.88162421113569373274e+01;
const LN2_HALFX3 = 1.03972077083991796413e+00;
const HALF_LN2 = 3.46573590279972654709e-01;

/** e^x − 1, accurate near 0. */
export function expm1(x: number): number {
  if (x === Infinity || x !== x) return x;
  if (x === -Infinity) return -1;
  if (x === 0) return x;
  const sign = x < 0;
  let y = sign ? -x : x;
  if (y >= LN2x56) {
    if (sign) return -1;
    if (y > EXP_OVERFLOW) return Infinity;
  }
  let k: number;
  let c = 0;
  if (y > HALF_LN2) {
    let hi: number, lo: number;
    if (y < LN2_HALFX3) {
      if (sign) {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      } else {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      }
    } else {
      k = (sign ? LOG2_E * x - 0.5 : LOG2_E * x + 0.5) | 0;
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (y < TWO_NEG54) {
    return x;
  } else {
    k = 0;
  }
  const halfX = 0.5 * x;
  const z = x * halfX;
  const r1 = 1 + z * (-0.03333333333333313 + z * (0.0015873015872548146 + z * (-0.0000793650757867488 + z * (0.000004008217827329362 + z * -2.0109921818362437e-7))));
  let t = 3 - r1 * halfX;
  let e = z * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - z);
  e = x * (e - c) - c;
  e -= z;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k <= -2 || k > 56) {
    y = 1 - (e - x);
    y = k === 1024 ? withHighWord(y, highWord(y) + (k << 20)) : y * POW2[k + 1022];
    return y - 1;
  }
  // Powers of two from the table, not by writing their bits: expm1 is tanh's inner loop.
  if (k < 20) {
    t = 1 - POW2[1022 - k]; // exact
    y = t - (e - x);
  } else {
    t = POW2[1022 - k];
    y = x - (e + t);
    y += 1;
  }
  return y * POW2[k + 1022];
}

// ---------------------------------------------------------------- log, log1p

const TWO54 = 1.80143985094819840000e+16;

/** Natural logarithm. */
export function log(x: number): number {
  if (x === 0) return -Infinity;
  if (x !== x || x < 0) return NaN;
  let hx = highWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000)); // normalise x or x/2
  k += i >> 20;
  const f = x - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // −2^-20 ≤ f < 2^-20
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - R : k * LN2_HI - (R - k * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (0.3999999999940942 + w * (0.22222198432149784 + w * 0.15313837699209373));
  const t2 = z * (0.6666666666666735 + w * (0.2857142874366239 + w * (0.1818357216161805 + w * 0.14798198605116586)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - R) : k * LN2_HI - (s * (f - R) - k * LN2_LO - f);
}

const SQRT2M1 = 4.142135623730950488017e-01;
const SQRT2HALFM1 = -2.928932188134524755992e-01;
const TWO_NEG29 = 1.862645149230957e-09;
const TWO53 = 9007199254740992;

/** log(1 + x), accurate near 0. */
export function log1p(x: number): number {
  if (x < -1 || x !== x) return NaN;
  if (x === -1) return -Infinity;
  if (x === Infinity) return x;
  if (x === 0) return x;
  const y = x < 0 ? -x : x;
  let k = 1;
  let f = 0;
  let hu = 0;
  let c = 0;
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
  if (k !== 0) {
    let u: number;
    if (y < TWO53) {
      u = 1 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1); // correction term
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
  if (hu === 0) {
    if (f === 0) {
      c += k * LN2_LO;
      return k * LN2_HI + c;
    }
    const R = hfsq * (1 - 0.6666666666666666 * f);
    return k * LN2_HI - (R - (k * LN2_LO + c) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (0.6666666666666735 + z * (0.3999999999940942 + z * (0.2857142874366239 + z * (0.22222198432149784 + z * (0.1818357216161805 + z * (0.15313837699209373 + z * 0.14798198605116586))))));
  if (k === 0) return f - (hfsq - s * (hfsq + R));
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + (k * LN2_LO + c)) - f);
}

// ---------------------------------------------------------------- pow

const CP = 9.61796693925975554329e-01;
const CP_HI = 9.61796700954437255859e-01;
const CP_LO = -7.02846165095275826516e-09;
const DP_HI_1 = 5.84962487220764160156e-01;
const DP_LO_1 = 1.35003920212974897128e-08;
const INV_LN2 = 1.44269504088896338700e+00;
const INV_LN2_HI = 1.44269502162933349609e+00;
const INV_LN2_LO = 1.92596299112661746887e-08;
const LN2 = 6.93147180559945286227e-01;
const POW_LN2_HI = 6.93147182464599609375e-01;
const POW_LN2_LO = -1.90465429995776804525e-09;
const HUGE = 1.0e300;
const TINY = 1.0e-300;
const OVT = 8.0085662595372944372e-17;

function isOddInteger(y: number): boolean {
  return Math.abs(y) < TWO53 && Math.floor(y) === y && y % 2 !== 0;
}

// log2(ax) as t1 + t2 with t1's low word zero (ax normal or subnormal, not 0, 1 or ∞).
let logHi = 0;
let logLo = 0;
function log2Split(ax: number, ahx: number): void {
  let n = 0;
  if (ahx < 0x00100000) {
    ax *= TWO53;
    n -= 53;
    ahx = highWord(ax);
  }
  n += (ahx >> 20) - 1023;
  const j = ahx & 0x000fffff;
  ahx = j | 0x3ff00000;
  let k: number;
  if (j <= 0x3988e) k = 0; // |x| < sqrt(3/2)
  else if (j < 0xbb67a) k = 1; // |x| < sqrt(3)
  else {
    k = 0;
    n += 1;
    ahx -= 0x00100000;
  }
  ax = withHighWord(ax, ahx);
  const bp = k === 0 ? 1 : 1.5;
  let u = ax - bp;
  let v = 1 / (ax + bp);
  const ss = u * v;
  const hs = withLowWord(ss, 0);
  let ht = fromWords((((ahx >> 1) | 0x20000000) + 0x00080000) + (k << 18), 0);
  let lt = ax - (ht - bp);
  const ls = v * (u - hs * ht - hs * lt);
  let s2 = ss * ss;
  let r = s2 * s2 * (0.5999999999999946 + s2 * (0.4285714285785502 + s2 * (0.33333332981837743 + s2 * (0.272728123808534 + s2 * (0.23066074577556175 + s2 * 0.20697501780033842)))));
  r += ls * (hs + ss);
  s2 = hs * hs;
  ht = withLowWord(3 + s2 + r, 0);
  lt = r - (ht - 3 - s2);
  u = hs * ht;
  v = ls * ht + lt * ss;
  const hp = withLowWord(u + v, 0);
  const lp = v - (hp - u);
  const hz = CP_HI * hp;
  const lz = CP_LO * hp + lp * CP + (k === 0 ? 0 : DP_LO_1);
  const dp = k === 0 ? 0 : DP_HI_1;
  const t = n;
  const t1 = withLowWord(hz + lz + dp + t, 0);
  logHi = t1;
  logLo = lz - (t1 - t - dp - hz);
}

// log2(ax) for |ax − 1| < 2^-20 (|y| is large there).
function log2NearOne(ax: number): void {
  const t = ax - 1;
  const w = t * t * (0.5 + t * (-0.3333333333333333 + t * 0.25));
  const u = INV_LN2_HI * t;
  const v = t * INV_LN2_LO - w * INV_LN2;
  const t1 = withLowWord(u + v, 0);
  logHi = t1;
  logLo = v - (t1 - u);
}

// 2^(hp + lp), j being the high word of hp + lp.
function pow2(j: number, hp: number, lp: number): number {
  const i = j & 0x7fffffff;
  let k = (i >> 20) - 1023;
  let n = 0;
  if (i > 0x3fe00000) {
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 1023;
    const t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    hp -= t;
  }
  let t = withLowWord(lp + hp, 0);
  const u = t * POW_LN2_HI;
  const v = (lp - (t - hp)) * LN2 + t * POW_LN2_LO;
  let z = u + v;
  const w = v - (z - u);
  t = z * z;
  const t1 = z - t * (0.16666666666666602 + t * (-0.0027777777777015593 + t * (0.00006613756321437934 + t * (-0.0000016533902205465252 + t * 4.1381367970572385e-8))));
  const r = (z * t1) / (t1 - 2) - (w + z * w);
  z = 1 - (r - z);
  const hz = highWord(z) + (n << 20);
  return hz >> 20 <= 0 ? ldexp(z, n) : withHighWord(z, hz);
}

/** x^y, with ECMAScript's special cases. */
export function pow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x !== x || y !== y) return NaN;
  if (y === 1) return x;
  if (y === -1) return 1 / x;
  if (y === 2) return x * x;
  const ax = Math.abs(x);
  if (y === Infinity || y === -Infinity) {
    if (ax === 1) return NaN;
    return ax < 1 === (y === Infinity) ? 0 : Infinity;
  }
  if (x === 0) {
    if (y > 0) return isOddInteger(y) ? x : 0;
    return isOddInteger(y) ? 1 / x : Infinity;
  }
  if (ax === Infinity) {
    if (x === -Infinity) return pow(-0, -y);
    return y < 0 ? 0 : Infinity;
  }
  if (x === 1) return 1;
  if (x === -1 && Math.floor(y) === y) return isOddInteger(y) ? -1 : 1;
  if (y === 0.5) return Math.sqrt(x); // x finite and not ±0 here, so sqrt's own rounding is the answer
  let sx = 1;
  if (x < 0) {
    if (Math.floor(y) !== y) return NaN;
    if (isOddInteger(y)) sx = -1;
  }
  const hx = highWord(x);
  const hy = highWord(y);
  const ahx = hx & 0x7fffffff;
  const ahy = hy & 0x7fffffff;
  if (ahy > 0x41e00000) {
    // |y| > 2^31
    if (ahy > 0x43f00000) {
      // |y| > 2^64: over- or underflows unless x = ±1
      if (ahx <= 0x3fefffff) return y < 0 ? HUGE * HUGE : TINY * TINY;
      return y > 0 ? HUGE * HUGE : TINY * TINY;
    }
    if (ahx < 0x3fefffff) return hy < 0 ? sx * HUGE * HUGE : sx * TINY * TINY;
    if (ahx > 0x3ff00000) return hy >= 0 ? sx * HUGE * HUGE : sx * TINY * TINY;
    log2NearOne(ax);
  } else {
    log2Split(ax, ahx);
  }
  const y1 = withLowWord(y, 0);
  const lp = (y - y1) * logHi + y * logLo;
  const hp = y1 * logHi;
  const z = lp + hp;
  const j = highWord(z);
  const i = lowWord(z) | 0;
  if (j >= 0x40900000) {
    if (((j - 0x40900000) | i) !== 0) return sx * HUGE * HUGE;
    if (lp + OVT > z - hp) return sx * HUGE * HUGE;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    if (((j - (0xc090cc00 | 0)) | i) !== 0) return sx * TINY * TINY;
    if (lp <= z - hp) return sx * TINY * TINY;
  }
  return sx * pow2(j, hp, lp);
}

// ---------------------------------------------------------------- sin, cos

function kernelSin(x: number, y: number): number {
  const z = x * x;
  const w = z * z;
  const r = 8.33333333332248946124e-03 + z * (-1.98412698298579493134e-04 + z * 2.75573137070700676789e-06) + z * w * (-2.50507602534068634195e-08 + z * 1.58969099521155010221e-10);
  const v = z * x;
  if (y === 0) return x + v * (-1.66666666666666324348e-01 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * -1.66666666666666324348e-01);
}

function kernelCos(x: number, y: number): number {
  const z = x * x;
  let w = z * z;
  const r = z * (0.0416666666666666 + z * (-0.001388888888887411 + z * 0.00002480158728947673)) + w * w * (-2.7557314351390663e-7 + z * (2.087572321298175e-9 + z * -1.1359647557788195e-11));
  const hz = 0.5 * z;
  w = 1 - hz;
  return w + (1 - w - hz + (z * r - x * y));
}

const INVPIO2 = 6.36619772367581382433e-01;
const PIO2_1 = 1.57079632673412561417e+00;
const PIO2_1T = 6.07710050650619224932e-11;
const PIO2_2 = 6.07710050630396597660e-11;
const PIO2_2T = 2.02226624879595063154e-21;
const PIO2_3 = 2.02226624871116645580e-21;
const PIO2_3T = 8.47842766036889956997e-32;
const TWO24 = 1.67772160000000000000e+07;
const TWON24 = 5.96046447753906250000e-08;

// x − n·π/2 as RY[0] + RY[1]; returns n (only n mod 4 matters to the callers).
const RY = new Float64Array(2);

function remPio2Medium(x: number, ix: number): number {
  const n = Math.round(x * INVPIO2);
  let r = x - n * PIO2_1;
  let w = n * PIO2_1T;
  const j = ix >> 20;
  RY[0] = r - w;
  let i = j - ((highWord(RY[0]) >> 20) & 0x7ff);
  if (i > 16) {
    // 2nd iteration, good to 118 bits
    let t = r;
    w = n * PIO2_2;
    r = t - w;
    w = n * PIO2_2T - (t - r - w);
    RY[0] = r - w;
    i = j - ((highWord(RY[0]) >> 20) & 0x7ff);
    if (i > 49) {
      // 3rd iteration, 151 bits
      t = r;
      w = n * PIO2_3;
      r = t - w;
      w = n * PIO2_3T - (t - r - w);
      RY[0] = r - w;
    }
  }
  RY[1] = r - RY[0] - w;
  return n;
}

function remPio2(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix <= 0x400f6a7a) {
    // |x| ≤ 5π/4
    if ((ix & 0xfffff) === 0x921fb) return remPio2Medium(x, ix); // near a multiple of π/2: cancellation
    if (ix <= 0x4002d97c) {
      // |x| ≤ 3π/4
      const z = hx > 0 ? x - PIO2_1 : x + PIO2_1;
      if (hx > 0) {
        RY[0] = z - PIO2_1T;
        RY[1] = z - RY[0] - PIO2_1T;
        return 1;
      }
      RY[0] = z + PIO2_1T;
      RY[1] = z - RY[0] + PIO2_1T;
      return -1;
    }
    if (hx > 0) {
      const z = x - 2 * PIO2_1;
      RY[0] = z - 2 * PIO2_1T;
      RY[1] = z - RY[0] - 2 * PIO2_1T;
      return 2;
    }
    const z = x + 2 * PIO2_1;
    RY[0] = z + 2 * PIO2_1T;
    RY[1] = z - RY[0] + 2 * PIO2_1T;
    return -2;
  }
  if (ix <= 0x401c463b) {
    // |x| ≤ 9π/4
    if (ix <= 0x4015fdbc) {
      if (ix === 0x4012d97c) return remPio2Medium(x, ix);
      if (hx > 0) {
        const z = x - 3 * PIO2_1;
        RY[0] = z - 3 * PIO2_1T;
        RY[1] = z - RY[0] - 3 * PIO2_1T;
        return 3;
      }
      const z = x + 3 * PIO2_1;
      RY[0] = z + 3 * PIO2_1T;
      RY[1] = z - RY[0] + 3 * PIO2_1T;
      return -3;
    }
    if (ix === 0x401921fb) return remPio2Medium(x, ix);
    if (hx > 0) {
      const z = x - 4 * PIO2_1;
      RY[0] = z - 4 * PIO2_1T;
      RY[1] = z - RY[0] - 4 * PIO2_1T;
      return 4;
    }
    const z = x + 4 * PIO2_1;
    RY[0] = z + 4 * PIO2_1T;
    RY[1] = z - RY[0] + 4 * PIO2_1T;
    return -4;
  }
  if (ix < 0x413921fb) return remPio2Medium(x, ix); // |x| < 2^20·π/2
  // Large |x|: Payne–Hanek with 24-bit pieces of x.
  const e0 = (ix >> 20) - 1046;
  let z = fromWords(ix - (e0 << 20), lowWord(x) | 0);
  const tx = [0, 0, 0];
  for (let i = 0; i < 2; i++) {
    tx[i] = z | 0;
    z = (z - tx[i]) * TWO24;
  }
  tx[2] = z;
  let nx = 3;
  while (tx[nx - 1] === 0) nx--;
  const n = remPio2Large(tx, e0, nx);
  if (hx < 0) {
    RY[0] = -RY[0];
    RY[1] = -RY[1];
    return -n;
  }
  return n;
}

// 2/π in 24-bit pieces, and π/2 in 24-bit-wide doubles (k_rem_pio2.c).
const IPIO2 = [
  0xa2f983, 0x6e4e44, 0x1529fc, 0x2757d1, 0xf534dd, 0xc0db62, 0x95993c, 0x439041, 0xfe5163, 0xabdebb, 0xc561b7,
  0x246e3a, 0x424dd2, 0xe00649, 0x2eea09, 0xd1921c, 0xfe1deb, 0x1cb129, 0xa73ee8, 0x8235f5, 0x2ebb44, 0x84e99c,
  0x7026b4, 0x5f7e41, 0x3991d6, 0x398353, 0x39f49c, 0x845f8b, 0xbdf928, 0x3b1ff8, 0x97ffde, 0x05980f, 0xef2f11,
  0x8b5a0a, 0x6d1f6d, 0x367ecf, 0x27cb09, 0xb74f46, 0x3f669e, 0x5fea2d, 0x7527ba, 0xc7ebe5, 0xf17b3d, 0x0739f7,
  0x8a5292, 0xea6bfb, 0x5fb11f, 0x8d5d08, 0x560330, 0x46fc7b, 0x6babf0, 0xcfbc20, 0x9af436, 0x1da9e3, 0x91615e,
  0xe61b08, 0x659985, 0x5f14a0, 0x68408d, 0xffd880, 0x4d7327, 0x310606, 0x1556ca, 0x73a8c9, 0x60e27b, 0xc08c6b,
];
const PIO2_PIECES = [
  1.57079625129699707031e+00, 7.54978941586159635335e-08, 5.39030252995776476554e-15, 3.28200341580791294123e-22,
  1.27065575308067607349e-29, 1.22933308981111328932e-36, 2.73370053816464559624e-44, 2.16741683877804819444e-51,
];

function remPio2Large(x: number[], e0: number, nx: number): number {
  const jk = 4;
  const jx = nx - 1;
  let jv = ((e0 - 3) / 24) | 0;
  if (jv < 0) jv = 0;
  const q0 = e0 - 24 * (jv + 1);
  const f = new Array<number>(20).fill(0);
  const q = new Array<number>(20).fill(0);
  let j = jv - jx;
  for (let i = 0; i <= jx + jk; i++, j++) f[i] = j < 0 ? 0 : IPIO2[j];
  for (let i = 0; i <= jk; i++) {
    let fw = 0;
    for (let jj = 0; jj <= jx; jj++) fw += x[jj] * f[jx + i - jj];
    q[i] = fw;
  }
  return remPio2Compute(x, jk, q, q0, jk, jv, jx, f);
}

function remPio2Compute(x: number[], jz: number, q: number[], q0: number, jk: number, jv: number, jx: number, f: number[]): number {
  const iq = new Array<number>(20).fill(0);
  const fq = new Array<number>(20).fill(0);
  const jp = jk;
  // distill q[] into iq[] in reverse order
  let z = q[jz];
  for (let i = 0, j = jz; j > 0; i++, j--) {
    const fw = (TWON24 * z) | 0;
    iq[i] = (z - TWO24 * fw) | 0;
    z = q[j - 1] + fw;
  }
  z = ldexp(z, q0);
  z -= 8 * Math.floor(z * 0.125);
  let n = z | 0;
  z -= n;
  let ih = 0;
  if (q0 > 0) {
    const i = iq[jz - 1] >> (24 - q0);
    n += i;
    iq[jz - 1] -= i << (24 - q0);
    ih = iq[jz - 1] >> (23 - q0);
  } else if (q0 === 0) ih = iq[jz - 1] >> 23;
  else if (z >= 0.5) ih = 2;
  if (ih > 0) {
    n += 1;
    let carry = 0;
    for (let i = 0; i < jz; i++) {
      const j = iq[i];
      if (carry === 0) {
        if (j !== 0) {
          carry = 1;
          iq[i] = 0x1000000 - j;
        }
      } else iq[i] = 0xffffff - j;
    }
    if (q0 === 1) iq[jz - 1] &= 0x7fffff;
    else if (q0 === 2) iq[jz - 1] &= 0x3fffff;
    if (ih === 2) {
      z = 1 - z;
      if (carry !== 0) z -= ldexp(1, q0);
    }
  }
  if (z === 0) {
    let j = 0;
    for (let i = jz - 1; i >= jk; i--) j |= iq[i];
    if (j === 0) {
      // need more terms of 2/π
      let k = 1;
      while (iq[jk - k] === 0) k++;
      for (let i = jz + 1; i <= jz + k; i++) {
        f[jx + i] = IPIO2[jv + i];
        let fw = 0;
        for (let jj = 0; jj <= jx; jj++) fw += x[jj] * f[jx + i - jj];
        q[i] = fw;
      }
      return remPio2Compute(x, jz + k, q, q0, jk, jv, jx, f);
    }
    jz -= 1;
    q0 -= 24;
    while (iq[jz] === 0) {
      jz -= 1;
      q0 -= 24;
    }
  } else {
    z = ldexp(z, -q0);
    if (z >= TWO24) {
      const fw = (TWON24 * z) | 0;
      iq[jz] = (z - TWO24 * fw) | 0;
      jz += 1;
      q0 += 24;
      iq[jz] = fw;
    } else iq[jz] = z | 0;
  }
  let fw = ldexp(1, q0);
  for (let i = jz; i >= 0; i--) {
    q[i] = fw * iq[i];
    fw *= TWON24;
  }
  for (let i = jz; i >= 0; i--) {
    fw = 0;
    for (let k = 0; k <= jp && k <= jz - i; k++) fw += PIO2_PIECES[k] * q[i + k];
    fq[jz - i] = fw;
  }
  fw = 0;
  for (let i = jz; i >= 0; i--) fw += fq[i];
  RY[0] = ih === 0 ? fw : -fw;
  fw = fq[0] - fw;
  for (let i = 1; i <= jz; i++) fw += fq[i];
  RY[1] = ih === 0 ? fw : -fw;
  return n & 7;
}

/** Sine. */
export function sin(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    if (ix < 0x3e500000) return x; // |x| < 2^-26
    return kernelSin(x, 0);
  }
  if (ix >= 0x7ff00000) return NaN;
  switch (remPio2(x) & 3) {
    case 0:
      return kernelSin(RY[0], RY[1]);
    case 1:
      return kernelCos(RY[0], RY[1]);
    case 2:
      return -kernelSin(RY[0], RY[1]);
    default:
      return -kernelCos(RY[0], RY[1]);
  }
}

/** Cosine. */
export function cos(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    if (ix < 0x3e400000) return 1; // |x| < 2^-27
    return kernelCos(x, 0);
  }
  if (ix >= 0x7ff00000) return NaN;
  switch (remPio2(x) & 3) {
    case 0:
      return kernelCos(RY[0], RY[1]);
    case 1:
      return -kernelSin(RY[0], RY[1]);
    case 2:
      return -kernelCos(RY[0], RY[1]);
    default:
      return kernelSin(RY[0], RY[1]);
  }
}

// ---------------------------------------------------------------- tanh, sinh, cosh

/**
 * Hyperbolic tangent (fdlibm s_tanh.c). For |x| ≥ 1 it takes exp(2|x|) + 1 where fdlibm takes
 * expm1(2|x|) + 2 (the same quantity; exp is twice as fast as expm1, which matters for tanh networks).
 */
export function tanh(x: number): number {
  // fdlibm's tests on the high word, written as comparisons of |x| (no trip through memory).
  const ax = Math.abs(x);
  if (!(ax < 22)) return x !== x ? x : x > 0 ? 1 : -1;
  if (ax < TWO_NEG28) return x;
  let z: number;
  if (ax >= 1) z = 1 - 2 / (exp(2 * ax) + 1);
  else {
    const t = expm1Negative(-2 * ax);
    z = -t / (t + 2);
  }
  return x > 0 ? z : -z;
}

/**
 * expm1(u) for −2 ≤ u < −2^-27, the arguments tanh gives it: expm1's code with only the branches
 * that range takes, small enough for V8 to inline into tanh (the whole expm1 is not, which made
 * tanh networks 1.7× slower than with Math.tanh). Same bits as expm1.
 */
function expm1Negative(u: number): number {
  let x = u;
  let c = 0;
  let k = 0;
  if (u < -HALF_LN2) {
    let hi: number, lo: number;
    if (u > -LN2_HALFX3) {
      hi = u + LN2_HI;
      lo = -LN2_LO;
      k = -1;
    } else {
      k = (LOG2_E * u - 0.5) | 0;
      hi = u - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  }
  const halfX = 0.5 * x;
  const z = x * halfX;
  const r1 = 1 + z * (-0.03333333333333313 + z * (0.0015873015872548146 + z * (-0.0000793650757867488 + z * (0.000004008217827329362 + z * -2.0109921818362437e-7))));
  const t = 3 - r1 * halfX;
  let e = z * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - z);
  e = x * (e - c) - c;
  e -= z;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  return (1 - (e - x)) * POW2[k + 1022] - 1;
}

const SINH_COSH_LIMIT = 7.09782712893383973096e+02; // log(DBL_MAX)

// e^|x|/2 · e^|x|/2 for |x| between log(DBL_MAX) and the overflow threshold.
function halfExpLarge(ax: number): number {
  const w = exp(0.5 * ax);
  return 0.5 * w * w;
}

/** Hyperbolic sine (fdlibm e_sinh.c). */
export function sinh(x: number): number {
  if (x !== x || x === Infinity || x === -Infinity) return x;
  const h = x < 0 ? -0.5 : 0.5;
  const ax = Math.abs(x);
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x40360000) {
    // |x| < 22
    if (ix < 0x3e300000) return x;
    const t = expm1(ax);
    if (ix < 0x3ff00000) return h * (2 * t - (t * t) / (t + 1));
    return h * (t + t / (t + 1));
  }
  if (ax < SINH_COSH_LIMIT) return h * exp(ax);
  if (ax <= 7.10475860073943863426e+02) return (h < 0 ? -1 : 1) * halfExpLarge(ax);
  return x * 1.0e307; // overflow to ±∞
}

/** Hyperbolic cosine (fdlibm e_cosh.c). */
export function cosh(x: number): number {
  if (x !== x) return x;
  const ax = Math.abs(x);
  if (ax === Infinity) return Infinity;
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3fd62e43) {
    // |x| < ln2/2
    const t = expm1(ax);
    const w = 1 + t;
    if (ix < 0x3c800000) return w; // cosh(tiny) = 1
    return 1 + (t * t) / (w + w);
  }
  if (ix < 0x40360000) {
    const t = exp(ax);
    return 0.5 * t + 0.5 / t;
  }
  if (ax < SINH_COSH_LIMIT) return 0.5 * exp(ax);
  if (ax <= 7.10475860073943863426e+02) return halfExpLarge(ax);
  return HUGE * HUGE;
}

// ---------------------------------------------------------------- tan

const PIO4 = 7.85398163397448278999e-01;
const PIO4LO = 3.06161699786838301793e-17;

// tan(x + y) for |x| ≲ π/4 (k = 1), or −1/tan(x + y) (k = −1).
function kernelTan(x: number, y: number, k: number): number {
  const ix = highWord(x) & 0x7fffffff;
  const big = ix >= 0x3fe59428; // |x| ≥ 0.6744
  let negative = false;
  if (big) {
    if (x < 0) {
      x = -x;
      y = -y;
      negative = true;
    }
    x = PIO4 - x + (PIO4LO - y);
    y = 0;
  }
  let z = x * x;
  let w = z * z;
  let r = 0.13333333333320124 + w * (0.021869488294859542 + w * (0.0035920791075913124 + w * (0.0005880412408202641 + w * (0.00007817944429395571 + w * -0.000018558637485527546))));
  let v = z * (0.05396825397622605 + w * (0.0088632398235993 + w * (0.0014562094543252903 + w * (0.0002464631348184699 + w * (0.00007140724913826082 + w * 0.00002590730518636337)))));
  let s = z * x;
  r = y + z * (s * (r + v) + y);
  r += 3.33333333333334091986e-01 * s;
  w = x + r;
  if (big) {
    v = k;
    const t = (1 - 2 * (negative ? 1 : 0)) * (v - 2 * (x - ((w * w) / (w + v) - r)));
    return t;
  }
  if (k === 1) return w;
  // −1/(x + r) computed with care
  z = withLowWord(w, 0);
  v = r - (z - x);
  const a = -1 / w;
  const t = withLowWord(a, 0);
  s = 1 + t * z;
  return t + a * (s + t * v);
}

/** Tangent. */
export function tan(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    if (ix < 0x3e400000) return x; // |x| < 2^-27
    return kernelTan(x, 0, 1);
  }
  if (ix >= 0x7ff00000) return NaN;
  const n = remPio2(x);
  return kernelTan(RY[0], RY[1], 1 - ((n & 1) << 1));
}

// ---------------------------------------------------------------- atan, asin, acos (Cephes, via stdlib)

const HALF_PI = 1.5707963267948966;
const MOREBITS = 6.123233995736765886130e-17; // π/2 = HALF_PI + MOREBITS
const T3P8 = 2.41421356237309504880; // tan(3π/8)

/** Arctangent. */
export function atan(x: number): number {
  if (x !== x || x === 0) return x;
  if (x === Infinity) return HALF_PI;
  if (x === -Infinity) return -HALF_PI;
  const negative = x < 0;
  if (negative) x = -x;
  let y: number;
  let flag = 0;
  if (x > T3P8) {
    y = HALF_PI;
    flag = 1;
    x = -(1 / x);
  } else if (x <= 0.66) {
    y = 0;
  } else {
    y = PIO4;
    flag = 2;
    x = (x - 1) / (x + 1);
  }
  let z = x * x;
  z = (z * (-64.85021904942025 + z * (-122.88666844901361 + z * (-75.00855792314705 + z * (-16.157537187333652 + z * -0.8750608600031904))))) /
    (194.5506571482614 + z * (485.3903996359137 + z * (432.88106049129027 + z * (165.02700983169885 + z * (24.858464901423062 + z)))));
  z = x * z + x;
  if (flag === 2) z += 0.5 * MOREBITS;
  else if (flag === 1) z += MOREBITS;
  y += z;
  return negative ? -y : y;
}

/** Arcsine. */
export function asin(x: number): number {
  if (x !== x) return NaN;
  const negative = !(x > 0);
  const a = negative ? -x : x;
  if (a > 1) return NaN;
  let z: number;
  if (a > 0.625) {
    let zz = 1 - a;
    const p = (zz * (28.536655482610616 + zz * (-25.56901049652825 + zz * (6.968710824104713 + zz * (-0.5634242780008963 + zz * 0.002967721961301243))))) /
      (342.43986579130785 + zz * (-383.8770957603691 + zz * (147.0656354026815 + zz * (-21.947795316429207 + zz))));
    zz = Math.sqrt(zz + zz);
    z = PIO4 - zz;
    zz = zz * p - MOREBITS;
    z -= zz;
    z += PIO4;
  } else {
    if (a < 1.0e-8) return x;
    const zz = a * a;
    z = (zz * (-8.198089802484825 + zz * (19.562619833175948 + zz * (-16.262479672107002 + zz * (5.444622390564711 + zz * (-0.6019598008014124 + zz * 0.004253011369004428)))))) /
      (-49.18853881490881 + zz * (139.51056146574857 + zz * (-147.1791292232726 + zz * (70.49610280856842 + zz * (-14.740913729888538 + zz)))));
    z = a * z + a;
  }
  return negative ? -z : z;
}

/** Arccosine. */
export function acos(x: number): number {
  if (x !== x || x < -1 || x > 1) return NaN;
  if (x > 0.5) return 2 * asin(Math.sqrt(0.5 - 0.5 * x));
  let z = PIO4 - asin(x);
  z += MOREBITS;
  z += PIO4;
  return z;
}

// ---------------------------------------------------------------- asinh, acosh, atanh, log10

const TWO28 = 1 << 28;

/** Inverse hyperbolic sine. */
export function asinh(x: number): number {
  if (x !== x || x === Infinity || x === -Infinity) return x;
  const negative = x < 0;
  if (negative) x = -x;
  let t: number;
  if (x < TWO_NEG28) t = x;
  else if (x > TWO28) t = log(x) + LN2;
  else if (x > 2) t = log(2 * x + 1 / (Math.sqrt(x * x + 1) + x));
  else {
    const xx = x * x;
    t = log1p(x + xx / (1 + Math.sqrt(1 + xx)));
  }
  return negative ? -t : t;
}

/** Inverse hyperbolic cosine. */
export function acosh(x: number): number {
  if (x !== x || x < 1) return NaN;
  if (x === 1) return 0;
  if (x >= TWO28) return x === Infinity ? x : log(x) + LN2;
  if (x > 2) return log(2 * x - 1 / (x + Math.sqrt(x * x - 1)));
  const t = x - 1;
  return log1p(t + Math.sqrt(2 * t + t * t));
}

/** Inverse hyperbolic tangent. */
export function atanh(x: number): number {
  if (x !== x || x < -1 || x > 1) return NaN;
  if (x === 1) return Infinity;
  if (x === -1) return -Infinity;
  const negative = x < 0;
  if (negative) x = -x;
  if (x < TWO_NEG28) return negative ? -x : x;
  let t: number;
  if (x < 0.5) {
    t = x + x;
    t = 0.5 * log1p(t + (t * x) / (1 - x));
  } else t = 0.5 * log1p((x + x) / (1 - x));
  return negative ? -t : t;
}

const IVLN10HI = 4.34294481878168880939e-01;
const IVLN10LO = 2.50829467116452752298e-11;
const LOG10_2HI = 3.01029995663611771306e-01;
const LOG10_2LO = 3.69423907715893078616e-13;

/** Base-10 logarithm (FreeBSD e_log10.c: exact at powers of ten that are doubles). */
export function log10(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  let hx = highWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  if (x === 1) return 0;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x00100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const y = k;
  const f = x - 1;
  const hfsq = 0.5 * f * f;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const R = s * (hfsq + (z * (0.6666666666666735 + w * (0.2857142874366239 + w * (0.1818357216161805 + w * 0.14798198605116586))) + w * (0.3999999999940942 + w * (0.22222198432149784 + w * 0.15313837699209373))));
  const hi = withLowWord(f - hfsq, 0);
  const lo = f - hi - hfsq + R;
  let valHi = hi * IVLN10HI;
  const y2 = y * LOG10_2HI;
  let valLo = y * LOG10_2LO + (lo + hi) * IVLN10LO + lo * IVLN10HI;
  const w2 = y2 + valHi;
  valLo += y2 - w2 + valHi;
  valHi = w2;
  return valLo + valHi;
}
