/** The interface both kernel back-ends (WebAssembly SIMD and plain JavaScript) implement. */
/** Pointers are byte offsets into the instance's memory. */
export interface KernelInstance {
  /** The instance's memory as float64 (index = byte offset / 8); a new view after reserve() grew it. */
  readonly f64: Float64Array;
  /** The same memory as int32 (index = byte offset / 4), for the network description. */
  readonly i32: Int32Array;
  /** Make the memory hold at least `doubles` float64 values (keeping its contents). */
  reserve(doubles: number): void;
  affine(w: number, b: number, x: number, z: number, nIn: number, nOut: number): void;
  backAffine(w: number, gw: number, gb: number, delta: number, x: number, inBar: number, nIn: number, nOut: number, grad: number): void;
  /** The whole network described at byte 0 (see network-layout.ts) on `batch` rows, in one call. */
  forward(batch: number): void;
  /** forward(batch), then the input adjoint from the output adjoint; with grad ≠ 0 also the θ-gradient. */
  vjp(batch: number, grad: number): void;
  /** forward(batch), also keeping in each layer's KEEP buffer what backward() reuses. */
  forwardKeeping(batch: number): void;
  /** vjp without its forward pass: the layer buffers must hold a forwardKeeping pass on the same rows. */
  backward(batch: number, grad: number): void;
}
