/** The interface both kernel back-ends (WebAssembly SIMD and plain JavaScript) implement. */
/** Pointers are byte offsets into the instance's memory. */
export interface KernelInstance {
  /** The instance's memory as float64 (index = byte offset / 8). */
  readonly f64: Float64Array;
  affine(w: number, b: number, x: number, z: number, nIn: number, nOut: number): void;
  backAffine(w: number, gw: number, gb: number, delta: number, x: number, inBar: number, nIn: number, nOut: number, grad: number): void;
}
