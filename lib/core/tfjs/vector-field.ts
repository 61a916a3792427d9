/**
 * A TensorFlow.js model as a VectorField, so our solvers, adjoints and homotopy / vanilla /
 * multiple-shooting objectives can train it: du/dt = model(u).
 *
 * Evaluation runs through tfjs; the VJP is tf.variableGrads of uBar·model(u) with respect to the
 * state (held in a tf.Variable) and the model's trainable weights (tfjs has no tf.vjp; this is
 * what one would be). θ is the model's trainable weights flattened in `model.trainableWeights`
 * order, each in tfjs's own layout (a Dense kernel is in × out, row-major); writing θ writes the
 * tfjs model's weights, so after training the tfjs model holds whatever θ was written last.
 *
 * Limits, by design:
 * - float32 inside (tfjs's 'cpu' backend in Node, WebGL in a browser), Float64Array at the
 *   boundary: fields agree with a float64 MLP to ~1e-7 relative, so tight solver tolerances
 *   (rtol < 1e-6) are meaningless here.
 * - Much slower than our MLP: every call creates tensors and goes through the tfjs engine.
 * - Not for Hessian spectra: second derivatives through tfjs are unreliable (tensorflow/tfjs#3252,
 *   wrong second derivatives through tanh), and float32 ruins the finite differences of
 *   gradients that our Hessian-vector products take.
 *
 * `@tensorflow/tfjs` is an optional peer dependency: only this module (and `export --to tfjs`)
 * loads it, at run time, when called.
 */
import type * as Tfjs from "@tensorflow/tfjs";
import { VectorField } from "../ode/types";

/** The tfjs namespace, as `import * as tf from "@tensorflow/tfjs"` gives it. */
export type TfNamespace = typeof Tfjs;

/** Load the optional peer dependency @tensorflow/tfjs, or explain how to install it. */
export function loadTfjs(): TfNamespace {
  try {
    // A run-time require keeps every other module (and `npm install` without tfjs) free of tfjs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("@tensorflow/tfjs") as TfNamespace;
  } catch (e) {
    const err = new Error("@tensorflow/tfjs is not installed: it is an optional peer dependency; run npm install --save-exact @tensorflow/tfjs@4.22.0");
    (err as Error & { cause?: unknown }).cause = e;
    throw err;
  }
}

/** What can be wrapped: a LayersModel, or a function Tensor → Tensor with the variables it trains. */
export type TfjsModelLike = Tfjs.LayersModel | ((x: Tfjs.Tensor) => Tfjs.Tensor);

export interface TfjsVectorFieldOptions {
  /** State size; default: the LayersModel's input width (required for a plain function). */
  dim?: number;
  /** For a plain function: the tf.Variables it uses that θ covers (default: none). */
  variables?: Tfjs.Variable[];
  /** The tfjs namespace to use (default: require("@tensorflow/tfjs")). */
  tf?: TfNamespace;
}

/** A VectorField backed by tfjs, plus access to the tfjs weights as a flat θ. */
export interface TfjsVectorField extends VectorField {
  /** The tfjs model's current trainable weights as θ (float32 values widened to float64). */
  readTheta(): Float64Array;
  /** Write θ into the tfjs model's trainable weights (rounded to float32). */
  writeTheta(theta: Float64Array): void;
  /** Free the tensors this field owns (not the model's). */
  dispose(): void;
}

let nextId = 0;

/** Wrap a tfjs model (state-sized input and output, batch dimension first) as a VectorField. */
export function tfjsVectorField(model: TfjsModelLike, options: TfjsVectorFieldOptions = {}): TfjsVectorField {
  const tf = options.tf ?? loadTfjs();
  const isLayers = typeof model !== "function";
  const apply = isLayers ? (x: Tfjs.Tensor) => (model as Tfjs.LayersModel).apply(x) as Tfjs.Tensor : (model as (x: Tfjs.Tensor) => Tfjs.Tensor);
  let dim = options.dim;
  if (isLayers) {
    const shape = (model as Tfjs.LayersModel).inputs[0].shape;
    const inWidth = shape[shape.length - 1];
    if (dim === undefined) dim = inWidth ?? undefined;
    else if (inWidth != null && inWidth !== dim) throw new RangeError(`tfjsVectorField: dim ${dim} does not match the model's input width ${inWidth}`);
  }
  if (dim === undefined || !Number.isInteger(dim) || dim < 1) throw new RangeError("tfjsVectorField: give options.dim (the state size) as a whole number ≥ 1");
  const n = dim;
  const layerVars = isLayers ? (model as Tfjs.LayersModel).trainableWeights : [];
  // LayerVariable.read() is the tf.Variable itself (no copy), which variableGrads needs.
  const vars: Tfjs.Variable[] = isLayers ? layerVars.map((w) => w.read() as Tfjs.Variable) : (options.variables ?? []);
  const sizes = vars.map((v) => v.size);
  const offsets: number[] = [];
  let nParams = 0;
  for (const s of sizes) {
    offsets.push(nParams);
    nParams += s;
  }
  const state = tf.variable(tf.zeros([1, n]), true, `homotopy_ode_state_${nextId++}`);
  const u32 = new Float32Array(n);
  const bar32 = new Float32Array(n);
  let staged: Float64Array | null = null;

  const writeTheta = (theta: Float64Array): void => {
    if (theta.length !== nParams) throw new RangeError(`tfjs vector field: theta must have length ${nParams}, got ${theta.length}`);
    tf.tidy(() => {
      vars.forEach((v, i) => {
        const values = tf.tensor(Float32Array.from(theta.subarray(offsets[i], offsets[i] + sizes[i])), v.shape, "float32");
        if (isLayers) layerVars[i].write(values);
        else v.assign(values);
      });
    });
  };
  const stage = (theta: Float64Array): void => {
    if (theta !== staged) writeTheta(theta);
  };
  const setState = (u: Float64Array): void => {
    for (let i = 0; i < n; i++) u32[i] = u[i];
    tf.tidy(() => state.assign(tf.tensor2d(u32, [1, n])));
  };

  const field: TfjsVectorField = {
    dim: n,
    nParams,
    eval(_t, u, theta, out) {
      stage(theta);
      const y = tf.tidy(() => apply(tf.tensor2d(Float32Array.from(u.subarray(0, n)), [1, n])).dataSync());
      if (y.length !== n) throw new RangeError(`tfjs vector field: the model returned ${y.length} values for a state of size ${n}`);
      for (let i = 0; i < n; i++) out[i] = y[i];
    },
    vjp(_t, u, theta, uBar, uGrad, thetaGrad) {
      stage(theta);
      setState(u);
      for (let i = 0; i < n; i++) bar32[i] = uBar[i];
      const wanted = [...(uGrad ? [state] : []), ...(thetaGrad ? vars : [])];
      if (wanted.length === 0) return;
      tf.tidy(() => {
        const weight = tf.tensor2d(bar32, [1, n]);
        const { grads } = tf.variableGrads(() => tf.sum(tf.mul(apply(state), weight)) as Tfjs.Scalar, wanted);
        if (uGrad) {
          const g = grads[state.name].dataSync();
          for (let i = 0; i < n; i++) uGrad[i] += g[i];
        }
        if (thetaGrad) {
          vars.forEach((v, k) => {
            // A weight the output does not depend on has no entry: its gradient is zero.
            const gk = grads[v.name];
            if (!gk) return;
            const g = gk.dataSync();
            const o = offsets[k];
            for (let i = 0; i < g.length; i++) thetaGrad[o + i] += g[i];
          });
        }
      });
    },
    begin(theta) {
      staged = null;
      stage(theta);
      staged = theta;
    },
    end() {
      staged = null;
    },
    readTheta() {
      const theta = new Float64Array(nParams);
      vars.forEach((v, i) => theta.set(v.dataSync(), offsets[i]));
      return theta;
    },
    writeTheta(theta) {
      writeTheta(theta);
      staged = null;
    },
    dispose() {
      state.dispose();
    },
  };
  return field;
}
