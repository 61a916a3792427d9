import { pow } from "../libm";
/**
 * AdamW exactly as torch.optim.AdamW updates (decoupled weight decay, bias-corrected moments,
 * eps added after the bias-corrected square root). Defaults are PyTorch's.
 */

export interface AdamWOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
  /** Indices of parameters exempt from weight decay (e.g. a gray-box model's physical parameters). */
  noDecay?: readonly number[];
}

export interface AdamWState {
  step: number;
  m: number[];
  v: number[];
}

/** AdamW exactly as PyTorch's (betas 0.9/0.999, eps 1e-8, decoupled weight decay 0.01 by default). */
export class AdamW {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private m: Float64Array;
  private v: Float64Array;
  private t = 0;

  constructor(nParams: number, options: AdamWOptions) {
    const { lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0.01 } = options;
    if (!(lr > 0) || !Number.isFinite(lr)) throw new RangeError(`AdamW lr: expected a finite number > 0, got ${lr}`);
    if (!(beta1 >= 0 && beta1 < 1)) throw new RangeError(`AdamW beta1: expected a number in [0, 1), got ${beta1}`);
    if (!(beta2 >= 0 && beta2 < 1)) throw new RangeError(`AdamW beta2: expected a number in [0, 1), got ${beta2}`);
    if (!(eps >= 0)) throw new RangeError(`AdamW eps: expected a number ≥ 0, got ${eps}`);
    if (!(weightDecay >= 0)) throw new RangeError(`AdamW weightDecay: expected a number ≥ 0, got ${weightDecay}`);
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.m = new Float64Array(nParams);
    this.v = new Float64Array(nParams);
    for (const i of options.noDecay ?? []) if (!(Number.isInteger(i) && i >= 0 && i < nParams)) throw new RangeError(`AdamW noDecay: expected indices in [0, ${nParams}), got ${i}`);
    this.exempt = options.noDecay && options.noDecay.length ? new Uint8Array(nParams) : null;
    for (const i of options.noDecay ?? []) (this.exempt as Uint8Array)[i] = 1;
  }

  private readonly exempt: Uint8Array | null;

  get stepCount(): number {
    return this.t;
  }

  /** One in-place update of params from grad (params and grad may be any subset of one flat vector). */
  step(params: Float64Array, grad: Float64Array): void {
    if (params.length !== this.m.length || grad.length !== this.m.length) {
      throw new RangeError(`AdamW.step: expected ${this.m.length} parameters and gradients, got ${params.length} and ${grad.length}`);
    }
    this.t++;
    const { lr, beta1, beta2, eps, weightDecay } = this;
    const bc1 = 1 - pow(beta1, this.t);
    const bc2Sqrt = Math.sqrt(1 - pow(beta2, this.t));
    const stepSize = lr / bc1;
    const decay = 1 - lr * weightDecay;
    const m = this.m;
    const v = this.v;
    const exempt = this.exempt;
    for (let i = 0; i < params.length; i++) {
      const g = grad[i];
      if (exempt === null || exempt[i] === 0) params[i] *= decay;
      m[i] = beta1 * m[i] + (1 - beta1) * g;
      v[i] = beta2 * v[i] + (1 - beta2) * g * g;
      params[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / bc2Sqrt + eps);
    }
  }

  /** Serialisable state (for checkpoints). */
  getState(): AdamWState {
    return { step: this.t, m: Array.from(this.m), v: Array.from(this.v) };
  }

  setState(state: AdamWState): void {
    if (state.m.length !== this.m.length || state.v.length !== this.v.length) {
      throw new RangeError(`AdamW.setState: expected moment vectors of length ${this.m.length}`);
    }
    this.t = state.step;
    this.m = Float64Array.from(state.m);
    this.v = Float64Array.from(state.v);
  }
}
