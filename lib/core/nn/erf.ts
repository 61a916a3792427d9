/**
 * The error function to full double precision, for the exact (erf) form of GELU.
 * Port of FreeBSD/fdlibm s_erf.c as packaged by stdlib-js (`@stdlib/math-base-special-erf`,
 * Apache-2.0; original copyright Sun Microsystems, freely distributable). Inlined here so the
 * core needs no dependency tree for one function.
 */
import { exp } from "../libm";

const ERX = 8.45062911510467529297e-1;
const EFX = 1.28379167095512586316e-1;
const EFX8 = 1.02703333676410069053;
const PPC = 1.28379167095512558561e-1;
const PAC = -2.36211856075265944077e-3;
const RAC = -9.86494403484714822705e-3;
const RBC = -9.86494292470009928597e-3;
const SMALL = 3.725290298461914e-9;
const VERY_TINY = 2.848094538889218e-306;

// Reused view to clear the low 32 bits of a double (fdlibm's SET_LOW_WORD(z, 0)).
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

function clearLowWord(x: number): number {
  f64[0] = x;
  u32[LOW] = 0;
  return f64[0];
}

function pp(x: number): number {
  return -0.3250421072470015 + x * (-0.02848174957559851 + x * (-0.005770270296489442 + x * -0.000023763016656650163));
}
function qq(x: number): number {
  return 0.39791722395915535 + x * (0.0650222499887673 + x * (0.005081306281875766 + x * (0.00013249473800432164 + x * -0.000003960228278775368)));
}
function pa(x: number): number {
  return 0.41485611868374833 + x * (-0.3722078760357013 + x * (0.31834661990116175 + x * (-0.11089469428239668 + x * (0.035478304325618236 + x * -0.002166375594868791))));
}
function qa(x: number): number {
  return 0.10642088040084423 + x * (0.540397917702171 + x * (0.07182865441419627 + x * (0.12617121980876164 + x * (0.01363708391202905 + x * 0.011984499846799107))));
}
function ra(x: number): number {
  return -0.6938585727071818 + x * (-10.558626225323291 + x * (-62.375332450326006 + x * (-162.39666946257347 + x * (-184.60509290671104 + x * (-81.2874355063066 + x * -9.814329344169145)))));
}
function sa(x: number): number {
  return 19.651271667439257 + x * (137.65775414351904 + x * (434.56587747522923 + x * (645.3872717332679 + x * (429.00814002756783 + x * (108.63500554177944 + x * (6.570249770319282 + x * -0.0604244152148581))))));
}
function rb(x: number): number {
  return -0.799283237680523 + x * (-17.757954917754752 + x * (-160.63638485582192 + x * (-637.5664433683896 + x * (-1025.0951316110772 + x * -483.5191916086514))));
}
function sb(x: number): number {
  return 30.33806074348246 + x * (325.7925129965739 + x * (1536.729586084437 + x * (3199.8582195085955 + x * (2553.0504064331644 + x * (474.52854120695537 + x * -22.44095244658582)))));
}

/** erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, accurate to about one ulp. */
export function erf(x: number): number {
  if (x !== x) return NaN;
  if (x === Infinity) return 1;
  if (x === -Infinity) return -1;
  if (x === 0) return x;
  const negative = x < 0;
  const ax = negative ? -x : x;
  if (ax < 0.84375) {
    if (ax < SMALL) {
      if (ax < VERY_TINY) return 0.125 * (8.0 * x + EFX8 * x);
      return x + EFX * x;
    }
    const z = x * x;
    const r = PPC + z * pp(z);
    const s = 1 + z * qq(z);
    return x + x * (r / s);
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const p = PAC + s * pa(s);
    const q = 1 + s * qa(s);
    return negative ? -ERX - p / q : ERX + p / q;
  }
  if (ax >= 6) return negative ? -1 : 1;
  const s0 = 1 / (ax * ax);
  let r: number, s: number;
  if (ax < 2.857142857142857) {
    r = RAC + s0 * ra(s0);
    s = 1 + s0 * sa(s0);
  } else {
    r = RBC + s0 * rb(s0);
    s = 1 + s0 * sb(s0);
  }
  const z = clearLowWord(ax);
  const e = exp(-(z * z) - 0.5625) * exp((z - ax) * (z + ax) + r / s);
  return negative ? e / ax - 1 : 1 - e / ax;
}
