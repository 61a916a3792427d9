/**
 * Fully connected network with one flat float64 parameter vector, its forward pass and its
 * vector-Jacobian products. Layout of θ, layer by layer: weights (out × in, row-major, as
 * PyTorch's nn.Linear stores them), then biases. Hidden layers use the activation, the output
 * layer is the identity.
 *
 * The dense layers run in WebAssembly SIMD kernels (kernels.wat) on a private memory that holds
 * θ, a gradient accumulator and the layer buffers. Between begin(θ) and end() (the solver brackets
 * every solve and backward sweep so) θ is staged once and θ-gradients are accumulated in that
 * memory and added to the caller's array at end(); outside such a bracket every call stages θ
 * itself and writes its gradient directly.
 */
import { Activation, ActivationName, activationByName } from "./activations";
import { createKernels, KernelInstance } from "./kernels";

/** Any seeded generator that draws uniformly on [lo, hi) (Rng, TorchGenerator). */
export interface UniformSource {
  uniformRange(lo: number, hi: number): number;
}

export interface Layer {
  nIn: number;
  nOut: number;
  /** Offsets into θ. */
  wOffset: number;
  bOffset: number;
}

/** A fully connected network on one flat θ (PyTorch's nn.Linear layout and initialisation), with its VJP. */
export class MLP {
  readonly widths: readonly number[];
  readonly activation: ActivationName;
  readonly nParams: number;
  readonly layers: readonly Layer[];
  private readonly act: Activation;
  private readonly k: KernelInstance;
  private readonly mem: Float64Array;
  /** Index (in doubles) of θ and of the gradient accumulator in the kernel memory. */
  private readonly thetaAt: number;
  private readonly gradAt: number;
  /** Per layer: index of its input buffer (layer 0: the network input), and of its output z. */
  private readonly inAt: number[];
  private readonly zAt: number[];
  /** Per width index: index of the adjoint buffer. */
  private readonly barAt: number[];
  private bound: Float64Array | null = null;
  private pendingGrad: Float64Array | null = null;

  constructor(widths: readonly number[], activation: ActivationName = "gelu") {
    if (!Array.isArray(widths) || widths.length < 2 || widths.some((w) => !Number.isInteger(w) || w < 1)) {
      throw new RangeError(`MLP widths: expected at least two positive integers, e.g. [2, 32, 2], got ${JSON.stringify(widths)}`);
    }
    this.act = activationByName(activation);
    this.widths = widths.slice();
    this.activation = activation;
    const layers: Layer[] = [];
    let off = 0;
    for (let l = 0; l + 1 < widths.length; l++) {
      const nIn = widths[l];
      const nOut = widths[l + 1];
      layers.push({ nIn, nOut, wOffset: off, bOffset: off + nIn * nOut });
      off += nIn * nOut + nOut;
    }
    this.layers = layers;
    this.nParams = off;
    // Memory layout (16-byte aligned regions): θ, grad, layer inputs, layer outputs, adjoints.
    let at = 0;
    const take = (n: number) => {
      const start = at;
      at += n + (n % 2);
      return start;
    };
    this.thetaAt = take(off);
    this.gradAt = take(off);
    this.inAt = widths.slice(0, -1).map((w) => take(w));
    this.zAt = widths.slice(1).map((w) => take(w));
    this.barAt = widths.map((w) => take(w));
    this.k = createKernels(at);
    this.mem = this.k.f64;
  }

  get inputDim(): number {
    return this.widths[0];
  }

  get outputDim(): number {
    return this.widths[this.widths.length - 1];
  }

  /**
   * PyTorch's default nn.Linear initialisation, layer by layer, weights then biases:
   * kaiming_uniform_(a = √5) for weights (bound √3·gain/√fan_in = 1/√fan_in) and U(±1/√fan_in) for
   * biases. With a TorchGenerator seeded like seed_everything(seed), θ equals PyTorch's.
   */
  init(rng: UniformSource): Float64Array {
    const theta = new Float64Array(this.nParams);
    const gain = Math.sqrt(2 / (1 + 5));
    for (const layer of this.layers) {
      const wBound = Math.sqrt(3) * (gain / Math.sqrt(layer.nIn));
      const bBound = 1 / Math.sqrt(layer.nIn);
      for (let i = 0; i < layer.nIn * layer.nOut; i++) theta[layer.wOffset + i] = rng.uniformRange(-wBound, wBound);
      for (let i = 0; i < layer.nOut; i++) theta[layer.bOffset + i] = rng.uniformRange(-bBound, bBound);
    }
    return theta;
  }

  /** Stage θ for a run of calls; θ must not change until end(). */
  begin(theta: Float64Array): void {
    this.end();
    this.checkTheta(theta);
    this.mem.set(theta, this.thetaAt);
    this.mem.fill(0, this.gradAt, this.gradAt + this.nParams);
    this.bound = theta;
  }

  /** Add the accumulated θ-gradient to the array the vjp calls named, and unstage θ. */
  end(): void {
    this.flushGrad();
    this.bound = null;
  }

  private checkTheta(theta: Float64Array): void {
    if (theta.length !== this.nParams) throw new RangeError(`MLP: theta must have length ${this.nParams}, got ${theta.length}`);
  }

  private stage(theta: Float64Array): void {
    if (theta === this.bound) return;
    this.checkTheta(theta);
    this.mem.set(theta, this.thetaAt);
  }

  private flushGrad(): void {
    const target = this.pendingGrad;
    if (!target) return;
    const mem = this.mem;
    const g = this.gradAt;
    for (let i = 0; i < this.nParams; i++) target[i] += mem[g + i];
    mem.fill(0, g, g + this.nParams);
    this.pendingGrad = null;
  }

  /** out ← MLP(x; θ). x is read from xOffset (so a slice of a state vector can be fed). */
  forward(x: Float64Array, theta: Float64Array, out: Float64Array, xOffset = 0): void {
    this.stage(theta);
    this.run(x, xOffset);
    const last = this.zAt[this.zAt.length - 1];
    const n = this.outputDim;
    for (let i = 0; i < n; i++) out[i] = this.mem[last + i];
  }

  /**
   * out (batch × outputDim) ← MLP(x; θ) for each row of x (batch × inputDim, row-major).
   * STAND-IN: a loop over forward(), one row at a time; the fused matrix–matrix kernel replaces it
   * with the same signature and the same bits per row.
   */
  forwardBatch(x: Float64Array, theta: Float64Array, out: Float64Array, batch: number): void {
    const nIn = this.inputDim;
    const nOut = this.outputDim;
    for (let b = 0; b < batch; b++) this.forward(x, theta, out.subarray(b * nOut, (b + 1) * nOut), b * nIn);
  }

  /**
   * For each row b: xBar row b += outBar row b·∂MLP/∂x, and thetaBar += the sum over rows of
   * outBar row·∂MLP/∂θ. STAND-IN: a loop over vjp(); replaced by the fused kernel (same signature).
   */
  vjpBatch(
    x: Float64Array,
    theta: Float64Array,
    outBar: Float64Array,
    xBar: Float64Array | null,
    thetaBar: Float64Array | null,
    batch: number,
  ): void {
    const nIn = this.inputDim;
    const nOut = this.outputDim;
    for (let b = 0; b < batch; b++) this.vjp(x, theta, outBar.subarray(b * nOut, (b + 1) * nOut), xBar, thetaBar, b * nIn, b * nIn);
  }

  /** The forward pass in kernel memory. */
  private run(x: Float64Array, xOffset: number): void {
    const mem = this.mem;
    const in0 = this.inAt[0];
    const n0 = this.widths[0];
    for (let j = 0; j < n0; j++) mem[in0 + j] = x[xOffset + j];
    const nLayers = this.layers.length;
    const th = this.thetaAt;
    for (let l = 0; l < nLayers; l++) {
      const layer = this.layers[l];
      const z = this.zAt[l];
      this.k.affine((th + layer.wOffset) * 8, (th + layer.bOffset) * 8, this.inAt[l] * 8, z * 8, layer.nIn, layer.nOut);
      if (l < nLayers - 1) this.act.forward(mem, z, this.inAt[l + 1], layer.nOut);
    }
  }

  /**
   * Accumulate outBar·∂MLP/∂x into xBar (from xBarOffset) and outBar·∂MLP/∂θ into thetaBar.
   * Recomputes the forward pass at x first, so calls need no particular order.
   */
  vjp(
    x: Float64Array,
    theta: Float64Array,
    outBar: Float64Array,
    xBar: Float64Array | null,
    thetaBar: Float64Array | null,
    xOffset = 0,
    xBarOffset = 0,
  ): void {
    this.stage(theta);
    this.run(x, xOffset);
    const mem = this.mem;
    const nLayers = this.layers.length;
    const wantGrad = thetaBar !== null;
    if (wantGrad && this.pendingGrad !== thetaBar) {
      this.flushGrad();
      this.pendingGrad = thetaBar;
    }
    let delta = this.barAt[nLayers];
    for (let j = 0; j < this.outputDim; j++) mem[delta + j] = outBar[j];
    const th = this.thetaAt;
    const g = this.gradAt;
    for (let l = nLayers - 1; l >= 0; l--) {
      const layer = this.layers[l];
      const inBar = this.barAt[l];
      this.k.backAffine(
        (th + layer.wOffset) * 8,
        (g + layer.wOffset) * 8,
        (g + layer.bOffset) * 8,
        delta * 8,
        this.inAt[l] * 8,
        inBar * 8,
        layer.nIn,
        layer.nOut,
        wantGrad ? 1 : 0,
      );
      if (l > 0) this.act.backward(mem, this.zAt[l - 1], this.inAt[l], inBar, layer.nIn);
      delta = inBar;
    }
    if (xBar) {
      for (let j = 0; j < this.inputDim; j++) xBar[xBarOffset + j] += mem[delta + j];
    }
    if (wantGrad && this.bound !== theta) this.flushGrad();
  }
}
