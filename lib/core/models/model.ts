/** What a trainable model is: a vector field over a flat θ that can initialise its own θ. */
import { VectorField } from "../ode/types";
import { UniformSource } from "../nn/mlp";

export type ModelKind = "blackbox" | "graybox" | "secondorder";

/** A trainable vector field: a VectorField that initialises its own θ (PyTorch-style) and describes itself. */
export interface Model extends VectorField {
  readonly kind: ModelKind;
  /** A fresh θ, PyTorch-style initialisation from the given generator (Rng or TorchGenerator). */
  init(rng: UniformSource): Float64Array;
  /** One line for reports, e.g. "black-box MLP [2, 32, 2] gelu". */
  describe(): string;
}
