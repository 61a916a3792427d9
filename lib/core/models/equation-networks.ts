/**
 * Gray-box model from equations and networks: du/dt = f(t, u, z; p), where z are the outputs of
 * small networks of chosen states (the unknown terms) and p are physical parameters. The
 * equations come in compiled form (symbolic derivatives included), so this file knows no syntax;
 * lib/paper/fit/model-file.ts compiles model files into it.
 *
 * θ = [learned physical parameters, network 1's θ, network 2's θ, …]; fixed parameters are kept
 * out of θ. Gradients are exact: ∂f/∂u, ∂f/∂z, ∂f/∂p from the compiled equations, and each
 * network's vector-Jacobian product carries ∂f/∂z back to its inputs and weights.
 */
import { ActivationName } from "../nn/activations";
import { MLP, UniformSource } from "../nn/mlp";
import { Model } from "./model";

/** The equations with the network outputs as extra symbols: f(t, [u, z]; p) and its exact vjp. */
export interface AugmentedEquations {
  /** Number of states (equations). */
  readonly dim: number;
  /** Number of network outputs the equations read (z). */
  readonly nAux: number;
  /** Number of physical parameters p (fixed and learned). */
  readonly nPhysical: number;
  /** out[0..dim) ← f(t, uz; p), with uz = [u, z]. */
  eval(t: number, uz: Float64Array, p: Float64Array, out: Float64Array): void;
  /** uzGrad += uBarᵀ ∂f/∂(u, z); pGrad += uBarᵀ ∂f/∂p (either may be null). */
  vjp(t: number, uz: Float64Array, p: Float64Array, uBar: Float64Array, uzGrad: Float64Array | null, pGrad: Float64Array | null): void;
}

export interface NetworkTerm {
  name: string;
  /** State indices fed to the network, in order. */
  inputs: number[];
  widths: number[];
  activation: ActivationName;
}

export interface PhysicalParameter {
  name: string;
  value: number;
  /** Fixed parameters keep their value; the others are learned (their value is the initial guess). */
  fixed: boolean;
}

interface Slot {
  term: NetworkTerm;
  mlp: MLP;
  /** Offset of its weights in θ, and of its outputs in z. */
  thetaAt: number;
  auxAt: number;
}

export class EquationNetworkModel implements Model {
  readonly kind = "graybox" as const;
  readonly dim: number;
  readonly nParams: number;
  readonly equations: AugmentedEquations;
  readonly physical: readonly PhysicalParameter[];
  /** Indices (into the physical parameters) of the learned ones, in θ order. */
  readonly learned: readonly number[];
  readonly networks: readonly NetworkTerm[];
  private readonly slots: Slot[];
  private readonly p: Float64Array;
  private readonly pGrad: Float64Array;
  private readonly uz: Float64Array;
  private readonly uzGrad: Float64Array;
  private readonly x: Float64Array[];
  private readonly xGrad: Float64Array[];
  private readonly zBar: Float64Array[];
  /** Views of θ and of the θ-gradient per network, cached so the networks' staging sees the same arrays. */
  private viewsOf: Float64Array | null = null;
  private views: Float64Array[] = [];
  private gradViewsOf: Float64Array | null = null;
  private gradViews: Float64Array[] = [];
  private readonly description: string;

  constructor(equations: AugmentedEquations, physical: readonly PhysicalParameter[], networks: readonly NetworkTerm[], description = "gray-box model") {
    if (physical.length !== equations.nPhysical) throw new RangeError(`gray-box model: the equations use ${equations.nPhysical} physical parameters, got ${physical.length}`);
    this.equations = equations;
    this.dim = equations.dim;
    this.physical = physical.map((q) => ({ ...q }));
    this.learned = physical.map((q, i) => (q.fixed ? -1 : i)).filter((i) => i >= 0);
    this.networks = networks.map((n) => ({ ...n, inputs: n.inputs.slice(), widths: n.widths.slice() }));
    let thetaAt = this.learned.length;
    let auxAt = 0;
    this.slots = this.networks.map((term) => {
      if (term.widths[0] !== term.inputs.length) throw new RangeError(`gray-box model: network ${term.name} has ${term.inputs.length} inputs but widths start with ${term.widths[0]}`);
      for (const i of term.inputs) if (!(Number.isInteger(i) && i >= 0 && i < this.dim)) throw new RangeError(`gray-box model: network ${term.name} input index ${i} is not a state index`);
      const mlp = new MLP(term.widths, term.activation);
      const slot = { term, mlp, thetaAt, auxAt };
      thetaAt += mlp.nParams;
      auxAt += mlp.outputDim;
      return slot;
    });
    if (auxAt !== equations.nAux) throw new RangeError(`gray-box model: the equations read ${equations.nAux} network outputs, the networks give ${auxAt}`);
    this.nParams = thetaAt;
    this.p = Float64Array.from(physical, (q) => q.value);
    this.pGrad = new Float64Array(physical.length);
    this.uz = new Float64Array(this.dim + auxAt);
    this.uzGrad = new Float64Array(this.dim + auxAt);
    this.x = this.slots.map((s) => new Float64Array(s.mlp.inputDim));
    this.xGrad = this.slots.map((s) => new Float64Array(s.mlp.inputDim));
    this.zBar = this.slots.map((s) => new Float64Array(s.mlp.outputDim));
    this.description = description;
  }

  /** θ with the learned parameters at their initial values and fresh network weights (PyTorch's default init). */
  init(rng: UniformSource): Float64Array {
    const theta = new Float64Array(this.nParams);
    this.learned.forEach((i, j) => (theta[j] = this.physical[i].value));
    for (const s of this.slots) theta.set(s.mlp.init(rng), s.thetaAt);
    return theta;
  }

  /** All physical parameter values (fixed and learned) for this θ. */
  physicalValues(theta: Float64Array): Float64Array {
    const p = Float64Array.from(this.physical, (q) => q.value);
    this.learned.forEach((i, j) => (p[i] = theta[j]));
    return p;
  }

  /** The θ of one network (a view). */
  networkTheta(theta: Float64Array, index: number): Float64Array {
    const s = this.slots[index];
    return theta.subarray(s.thetaAt, s.thetaAt + s.mlp.nParams);
  }

  /** Output of network `index` at the given inputs (in the order of its inputs). */
  evalNetwork(index: number, theta: Float64Array, inputs: Float64Array, out: Float64Array): void {
    this.slots[index].mlp.forward(inputs, this.networkTheta(theta, index), out);
  }

  private thetaViews(theta: Float64Array): Float64Array[] {
    if (this.viewsOf !== theta) {
      this.viewsOf = theta;
      this.views = this.slots.map((s) => theta.subarray(s.thetaAt, s.thetaAt + s.mlp.nParams));
    }
    return this.views;
  }

  private gradientViews(grad: Float64Array): Float64Array[] {
    if (this.gradViewsOf !== grad) {
      this.gradViewsOf = grad;
      this.gradViews = this.slots.map((s) => grad.subarray(s.thetaAt, s.thetaAt + s.mlp.nParams));
    }
    return this.gradViews;
  }

  /** Fill p and uz = [u, z] for (u, θ). */
  private prepare(u: Float64Array, theta: Float64Array): void {
    const learned = this.learned;
    for (let j = 0; j < learned.length; j++) this.p[learned[j]] = theta[j];
    const uz = this.uz;
    for (let i = 0; i < this.dim; i++) uz[i] = u[i];
    const views = this.thetaViews(theta);
    for (let n = 0; n < this.slots.length; n++) {
      const s = this.slots[n];
      const x = this.x[n];
      for (let j = 0; j < x.length; j++) x[j] = u[s.term.inputs[j]];
      s.mlp.forward(x, views[n], this.zBar[n]);
      uz.set(this.zBar[n], this.dim + s.auxAt);
    }
  }

  eval(t: number, u: Float64Array, theta: Float64Array, out: Float64Array): void {
    this.prepare(u, theta);
    this.equations.eval(t, this.uz, this.p, out);
  }

  vjp(t: number, u: Float64Array, theta: Float64Array, uBar: Float64Array, uGrad: Float64Array | null, thetaGrad: Float64Array | null): void {
    this.prepare(u, theta);
    const uzGrad = this.uzGrad;
    uzGrad.fill(0);
    const pGrad = thetaGrad && this.learned.length ? this.pGrad.fill(0) : null;
    this.equations.vjp(t, this.uz, this.p, uBar, uzGrad, pGrad);
    if (uGrad) for (let i = 0; i < this.dim; i++) uGrad[i] += uzGrad[i];
    if (pGrad && thetaGrad) this.learned.forEach((i, j) => (thetaGrad[j] += pGrad[i]));
    const views = this.thetaViews(theta);
    const gviews = thetaGrad ? this.gradientViews(thetaGrad) : null;
    for (let n = 0; n < this.slots.length; n++) {
      const s = this.slots[n];
      const zBar = this.zBar[n];
      for (let j = 0; j < zBar.length; j++) zBar[j] = uzGrad[this.dim + s.auxAt + j];
      const xGrad = uGrad ? this.xGrad[n].fill(0) : null;
      s.mlp.vjp(this.x[n], views[n], zBar, xGrad, gviews ? gviews[n] : null);
      if (uGrad && xGrad) for (let j = 0; j < xGrad.length; j++) uGrad[s.term.inputs[j]] += xGrad[j];
    }
  }

  begin(theta: Float64Array): void {
    const views = this.thetaViews(theta);
    this.slots.forEach((s, n) => s.mlp.begin(views[n]));
  }

  end(): void {
    for (const s of this.slots) s.mlp.end();
  }

  describe(): string {
    return this.description;
  }
}
