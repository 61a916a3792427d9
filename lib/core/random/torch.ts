import { cos, log, log1p, sin } from "../libm";
/**
 * PyTorch's CPU random generator (MT19937) and the transforms torch applies for float32 tensors,
 * so that the paper's noise (torch.manual_seed(10) before the draw) and initial weights
 * (seed_everything(seed) before building the model) can be drawn as the official code draws them.
 * Passed explicitly like any generator; no global state.
 *
 * - torch.rand / Tensor.uniform_(a, b) for float32: u = (mt() & 0xFFFFFF)·2⁻²⁴, then a + u·(b − a) in float32.
 * - torch.randn / normal_(0, 1) of a float32 tensor with ≥ 16 elements (normal_fill): first all
 *   uniforms, then Box–Muller on blocks of 16 (u1 = 1 − d[j], u2 = d[j+8]); when the size is not a
 *   multiple of 16 the last 16 values are redrawn.
 * - fewer than 16 elements: the double-precision normal_distribution (53-bit uniforms from two
 *   32-bit outputs, Box–Muller with the second value cached).
 */

export class TorchGenerator {
  private readonly mt = new Uint32Array(624);
  private index = 624;
  private cachedNormal: number | null = null;

  /** torch.manual_seed(seed) */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`TorchGenerator seed: expected an integer ≥ 0, got ${seed}`);
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 · prev + i (mod 2³²), split to stay exact in doubles
      mt[i] = (((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + i) >>> 0;
    }
  }

  /** The next 32-bit output of MT19937. */
  nextUint32(): number {
    const mt = this.mt;
    if (this.index >= 624) {
      for (let i = 0; i < 624; i++) {
        const y = (mt[i] & 0x80000000) | (mt[(i + 1) % 624] & 0x7fffffff);
        mt[i] = mt[(i + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** torch.rand() for float32: 24 random bits. */
  uniformFloat32(): number {
    return (this.nextUint32() & 0xffffff) / 16777216;
  }

  /** One value of Tensor.uniform_(lo, hi) on a float32 tensor. */
  uniformRange(lo: number, hi: number): number {
    const from = Math.fround(lo);
    const to = Math.fround(hi);
    const x = this.uniformFloat32();
    return Math.fround(Math.fround(x * Math.fround(to - from)) + from);
  }

  /** A 53-bit uniform (torch's uniform_real_distribution<double>). */
  private uniformFloat64(): number {
    const hi = this.nextUint32();
    const lo = this.nextUint32();
    // ((hi << 32) | lo) & (2⁵³ − 1), divided by 2⁵³
    return ((hi & 0x1fffff) * 4294967296 + lo) / 9007199254740992;
  }

  /** One draw of torch's normal_distribution<double> (second Box–Muller value cached). */
  normalFloat64(): number {
    if (this.cachedNormal !== null) {
      const v = this.cachedNormal;
      this.cachedNormal = null;
      return v;
    }
    const u1 = this.uniformFloat64();
    const u2 = this.uniformFloat64();
    const r = Math.sqrt(-2 * log1p(-u2));
    const theta = 2 * Math.PI * u1;
    this.cachedNormal = r * sin(theta);
    return r * cos(theta);
  }

  /** torch.randn(n) for a contiguous float32 tensor (values are float32-representable). */
  randnFloat32(n: number): Float64Array {
    const out = new Float64Array(n);
    if (n < 16) {
      for (let i = 0; i < n; i++) out[i] = Math.fround(this.normalFloat64());
      return out;
    }
    for (let i = 0; i < n; i++) out[i] = this.uniformFloat32();
    for (let i = 0; i + 16 <= n; i += 16) boxMuller16(out, i);
    if (n % 16 !== 0) {
      const start = n - 16;
      for (let i = 0; i < 16; i++) out[start + i] = this.uniformFloat32();
      boxMuller16(out, start);
    }
    return out;
  }
}

/** torch's normal_fill_16 on d[at..at+16) (mean 0, std 1), results rounded to float32. */
function boxMuller16(d: Float64Array, at: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = Math.fround(1 - d[at + j]);
    const u2 = d[at + j + 8];
    const radius = Math.fround(Math.sqrt(Math.fround(-2 * Math.fround(log(u1)))));
    const theta = 2 * Math.PI * u2;
    d[at + j] = Math.fround(radius * cos(theta));
    d[at + j + 8] = Math.fround(radius * sin(theta));
  }
}
