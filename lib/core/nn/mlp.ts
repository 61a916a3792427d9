/**
 * Fully connected network with one flat float64 parameter vector, its forward pass and its
 * vector-Jacobian products. Layout of θ, layer by layer: weights (out × in, row-major, as
 * PyTorch's nn.Linear stores them), then biases. Hidden layers use the activation, the output
 * layer is the identity.
 *
 * The network runs in WebAssembly SIMD kernels (kernels.as.ts), one call per evaluation or VJP of
 * a whole batch, on a private memory that holds the network's description, θ, a gradient
 * accumulator and the layer buffers. Between begin(θ) and end() (the solver brackets every solve
 * and backward sweep so) θ is staged once and θ-gradients are accumulated in that memory and added
 * to the caller's array at end(); outside such a bracket every call stages θ itself and writes its
 * gradient directly.
 *
 * A VJP needs the forward pass's intermediate values at its input. vjp() recomputes them;
 * forwardSaving() copies them out (savedSize doubles; savedSizeFor(batch) for a batch) so that vjpSaved() can restore them and
 * run the backward pass alone, with the same bits. The solver saves them per recorded stage, so its
 * backward sweep does not evaluate every activation (erf, for GELU) a second time.
 */
import { ActivationName, activationByName } from "./activations";
import { createKernels, KernelInstance } from "./kernels";
import { ACTIVATION_BY_CODE, descriptionBytes, LayerRecord, writeNetwork } from "./network-layout";

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
  private readonly k: KernelInstance;
  private mem: Float64Array;
  /** Index (in doubles) of θ, of the gradient accumulator and of the first layer buffer in the kernel memory. */
  private readonly thetaAt: number;
  private readonly gradAt: number;
  private readonly buffersAt: number;
  /** Rows the layer buffers are laid out for (they move when a call needs another layout). */
  private rows = 0;
  /** Index (in doubles) of the network input, its output and the two adjoints the caller sees. */
  private inAt = 0;
  private outAt = 0;
  private inBarAt = 0;
  private outBarAt = 0;
  private bound: Float64Array | null = null;
  private pendingGrad: Float64Array | null = null;
  /** The layer buffers a backward pass reads (see savedSizeFor), one block at the start of the buffers. */
  private savedBlock: Float64Array = new Float64Array(0);
  /** Doubles forwardSaving() saves (savedSizeFor(1)). */
  readonly savedSize: number;

  constructor(widths: readonly number[], activation: ActivationName = "gelu") {
    if (!Array.isArray(widths) || widths.length < 2 || widths.some((w) => !Number.isInteger(w) || w < 1)) {
      throw new RangeError(`MLP widths: expected at least two positive integers, e.g. [2, 32, 2], got ${JSON.stringify(widths)}`);
    }
    activationByName(activation);
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
    // Memory layout (16-byte aligned regions): description, θ, grad, then the layer buffers.
    const even = (n: number) => n + (n % 2);
    this.thetaAt = descriptionBytes(layers.length) / 8;
    this.gradAt = this.thetaAt + even(off);
    this.buffersAt = this.gradAt + even(off);
    this.k = createKernels(this.buffersAt);
    this.mem = this.k.f64;
    this.layoutRows(1, true);
    this.savedSize = this.savedSizeFor(1);
  }

  /**
   * Lay the layer buffers out for `rows` rows (growing the memory) and write the description. With
   * `exact`, for exactly that many rows (the saved block of forwardSaving must be packed for the
   * rows it holds); otherwise any layout of at least `rows` rows will do.
   */
  private layoutRows(rows: number, exact: boolean): void {
    if (exact ? rows === this.rows : rows <= this.rows) return;
    const widths = this.widths;
    const nLayers = this.layers.length;
    let at = this.buffersAt;
    const take = (width: number) => {
      const start = at;
      at += width * rows + ((width * rows) % 2);
      return start;
    };
    const act = ACTIVATION_BY_CODE.indexOf(this.activation);
    // The saved block first, contiguous: the input, then per hidden layer z, f(z) and what it keeps.
    const input = [take(widths[0])];
    const z: number[] = [];
    const keep: number[] = [];
    for (let l = 0; l + 1 < nLayers; l++) {
      z.push(take(widths[l + 1]));
      input.push(take(widths[l + 1]));
      keep.push(take(widths[l + 1]));
    }
    const savedEnd = at;
    z.push(take(widths[nLayers]));
    keep.push(z[nLayers - 1]);
    input.push(z[nLayers - 1]);
    const bar = widths.map((w) => take(w));
    this.k.reserve(at);
    this.mem = this.k.f64;
    const records: LayerRecord[] = this.layers.map((layer, l) => ({
      nIn: layer.nIn,
      nOut: layer.nOut,
      w: (this.thetaAt + layer.wOffset) * 8,
      b: (this.thetaAt + layer.bOffset) * 8,
      gw: (this.gradAt + layer.wOffset) * 8,
      gb: (this.gradAt + layer.bOffset) * 8,
      input: input[l] * 8,
      z: z[l] * 8,
      out: input[l + 1] * 8,
      barIn: bar[l] * 8,
      barOut: bar[l + 1] * 8,
      act: l + 1 < nLayers ? act : 0,
      keep: keep[l] * 8,
    }));
    writeNetwork(this.k.i32, records);
    this.rows = rows;
    this.inAt = input[0];
    this.outAt = z[nLayers - 1];
    this.inBarAt = bar[0];
    this.outBarAt = bar[nLayers];
    this.savedBlock = this.mem.subarray(this.buffersAt, savedEnd);
  }

  /**
   * Doubles forwardBatchSaving() saves for `batch` rows (forwardSaving: batch 1): the input and,
   * per hidden layer, z, f(z) and the activation's kept values, each padded to an even count.
   */
  savedSizeFor(batch: number): number {
    const even = (n: number) => n + (n % 2);
    let size = even(this.widths[0] * batch);
    for (let l = 1; l + 1 < this.widths.length; l++) size += 3 * even(this.widths[l] * batch);
    return size;
  }

  /** Copy the saved block (laid out for `rows` rows) to saved[at…]. */
  private save(saved: Float64Array, at: number): void {
    const n = this.savedBlock.length;
    if (!(at >= 0 && saved.length >= at + n)) throw new RangeError(`MLP: saved must hold ${n} values from index ${at}, has ${saved.length - at}`);
    saved.set(this.savedBlock, at);
  }

  /** Put a block written by save() back where the backward pass reads it. */
  private restore(saved: Float64Array, at: number): void {
    const n = this.savedBlock.length;
    if (!(at >= 0 && saved.length >= at + n)) throw new RangeError(`MLP: saved must hold ${n} values from index ${at}, has ${saved.length - at}`);
    this.savedBlock.set(saved.subarray(at, at + n));
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
    this.writeInput(x, xOffset);
    this.k.forward(1);
    this.readOutput(out);
  }

  /**
   * forward(), also writing into saved[savedAt, savedAt + savedSize) what vjpSaved() needs to take
   * the VJP at this x and θ without recomputing the forward pass.
   */
  forwardSaving(x: Float64Array, theta: Float64Array, out: Float64Array, saved: Float64Array, savedAt: number, xOffset = 0): void {
    this.stage(theta);
    this.layoutRows(1, true);
    this.writeInput(x, xOffset);
    this.k.forwardKeeping(1);
    this.readOutput(out);
    this.save(saved, savedAt);
  }

  /**
   * out ← MLP(x; θ) for `batch` inputs in one call: x is batch × inputDim row-major (one input per
   * row), out batch × outputDim. Each row gets exactly forward()'s bits.
   */
  forwardBatch(x: Float64Array, theta: Float64Array, out: Float64Array, batch: number): void {
    this.checkBatch(x, out, batch, "out");
    this.stage(theta);
    this.layoutRows(batch, false);
    this.mem.set(x.subarray(0, batch * this.inputDim), this.inAt);
    this.k.forward(batch);
    out.set(this.mem.subarray(this.outAt, this.outAt + batch * this.outputDim));
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
    this.writeInput(x, xOffset);
    this.writeOutBar(outBar);
    const wantGrad = this.claimGrad(thetaBar);
    this.k.vjp(1, wantGrad ? 1 : 0);
    this.collectAdjoints(theta, wantGrad, xBar, xBarOffset, this.inputDim);
  }

  /**
   * vjp() at the x of a forwardSaving() call with this θ, from the values it saved at
   * saved[savedAt…]: the backward pass alone, the same bits as vjp().
   */
  vjpSaved(
    theta: Float64Array,
    outBar: Float64Array,
    xBar: Float64Array | null,
    thetaBar: Float64Array | null,
    saved: Float64Array,
    savedAt: number,
    xBarOffset = 0,
  ): void {
    this.stage(theta);
    this.layoutRows(1, true);
    this.restore(saved, savedAt);
    this.writeOutBar(outBar);
    const wantGrad = this.claimGrad(thetaBar);
    this.k.backward(1, wantGrad ? 1 : 0);
    this.collectAdjoints(theta, wantGrad, xBar, xBarOffset, this.inputDim);
  }

  /**
   * vjp for `batch` rows in one call: x and xBar (+=) batch × inputDim, outBar batch × outputDim,
   * thetaBar (+=) the sum over the rows. The same bits as vjp() row after row inside begin()/end().
   */
  vjpBatch(
    x: Float64Array,
    theta: Float64Array,
    outBar: Float64Array,
    xBar: Float64Array | null,
    thetaBar: Float64Array | null,
    batch: number,
  ): void {
    this.checkBatch(x, outBar, batch, "outBar");
    if (xBar) this.checkRows(xBar, this.inputDim, batch, "xBar", "MLP vjpBatch");
    this.stage(theta);
    this.layoutRows(batch, false);
    const mem = this.mem;
    mem.set(x.subarray(0, batch * this.inputDim), this.inAt);
    mem.set(outBar.subarray(0, batch * this.outputDim), this.outBarAt);
    const wantGrad = this.claimGrad(thetaBar);
    this.k.vjp(batch, wantGrad ? 1 : 0);
    this.collectAdjoints(theta, wantGrad, xBar, 0, batch * this.inputDim);
  }

  /** forwardBatch(), also saving savedSizeFor(batch) values for vjpBatchSaved() (see forwardSaving). */
  forwardBatchSaving(x: Float64Array, theta: Float64Array, out: Float64Array, batch: number, saved: Float64Array, savedAt: number): void {
    this.checkBatch(x, out, batch, "out");
    this.stage(theta);
    this.layoutRows(batch, true);
    this.mem.set(x.subarray(0, batch * this.inputDim), this.inAt);
    this.k.forwardKeeping(batch);
    out.set(this.mem.subarray(this.outAt, this.outAt + batch * this.outputDim));
    this.save(saved, savedAt);
  }

  /** vjpBatch() at the rows of a forwardBatchSaving() call with this θ, from what it saved (see vjpSaved). */
  vjpBatchSaved(
    theta: Float64Array,
    outBar: Float64Array,
    xBar: Float64Array | null,
    thetaBar: Float64Array | null,
    batch: number,
    saved: Float64Array,
    savedAt: number,
  ): void {
    this.checkBatchSize(batch);
    this.checkRows(outBar, this.outputDim, batch, "outBar");
    if (xBar) this.checkRows(xBar, this.inputDim, batch, "xBar", "MLP vjpBatchSaved");
    this.stage(theta);
    this.layoutRows(batch, true);
    this.restore(saved, savedAt);
    this.mem.set(outBar.subarray(0, batch * this.outputDim), this.outBarAt);
    const wantGrad = this.claimGrad(thetaBar);
    this.k.backward(batch, wantGrad ? 1 : 0);
    this.collectAdjoints(theta, wantGrad, xBar, 0, batch * this.inputDim);
  }

  /** Point the gradient accumulator at thetaBar (flushing one meant for another array); whether a gradient is wanted. */
  private claimGrad(thetaBar: Float64Array | null): boolean {
    if (thetaBar === null) return false;
    if (this.pendingGrad !== thetaBar) {
      this.flushGrad();
      this.pendingGrad = thetaBar;
    }
    return true;
  }

  private checkBatch(x: Float64Array, other: Float64Array, batch: number, otherName: string): void {
    this.checkBatchSize(batch);
    this.checkRows(x, this.inputDim, batch, "x");
    this.checkRows(other, this.outputDim, batch, otherName);
  }

  private checkBatchSize(batch: number): void {
    if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`MLP batch: expected a positive integer, got ${batch}`);
  }

  /** `a` must hold batch rows of `width` values (the error names the method `who`). */
  private checkRows(a: Float64Array, width: number, batch: number, name: string, who = "MLP batch"): void {
    const n = batch * width;
    if (a.length < n) throw new RangeError(`${who}: ${name} must hold batch × ${width} = ${n} values, got ${a.length}`);
  }

  /** Input row 0 ← x[xOffset…] (one input). */
  private writeInput(x: Float64Array, xOffset: number): void {
    const mem = this.mem;
    const inAt = this.inAt;
    const n = this.widths[0];
    for (let j = 0; j < n; j++) mem[inAt + j] = x[xOffset + j];
  }

  /** out ← output row 0. */
  private readOutput(out: Float64Array): void {
    const mem = this.mem;
    const outAt = this.outAt;
    const n = this.outputDim;
    for (let i = 0; i < n; i++) out[i] = mem[outAt + i];
  }

  /** The output adjoint's row 0 ← outBar. */
  private writeOutBar(outBar: Float64Array): void {
    const mem = this.mem;
    const outBarAt = this.outBarAt;
    const n = this.outputDim;
    for (let j = 0; j < n; j++) mem[outBarAt + j] = outBar[j];
  }

  /**
   * After a backward pass: xBar[xBarOffset…] += the input adjoint (n values); outside a begin()/end()
   * bracket, add the θ-gradient to the array the call named.
   */
  private collectAdjoints(theta: Float64Array, wantGrad: boolean, xBar: Float64Array | null, xBarOffset: number, n: number): void {
    if (xBar) {
      const mem = this.mem;
      const inBarAt = this.inBarAt;
      for (let j = 0; j < n; j++) xBar[xBarOffset + j] += mem[inBarAt + j];
    }
    if (wantGrad && this.bound !== theta) this.flushGrad();
  }
}
