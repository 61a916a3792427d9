/**
 * Assembles lib/core/nn/kernels.wat into lib/core/nn/kernels-wasm.ts (the bytes as base64), so the library
 * needs no WebAssembly toolchain at run time. `npm run build:wasm`; a test checks the two agree.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export async function assembleKernels(): Promise<Uint8Array> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wabtFactory = require("wabt") as () => Promise<{
    parseWat(name: string, text: string, features: Record<string, boolean>): { toBinary(o: object): { buffer: Uint8Array }; destroy(): void };
  }>;
  const wabt = await wabtFactory();
  const source = fs.readFileSync(path.join(__dirname, "..", "lib", "core", "nn", "kernels.wat"), "utf8");
  const mod = wabt.parseWat("kernels.wat", source, { simd: true });
  try {
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}

export function renderModule(bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes).toString("base64");
  const lines = b64.match(/.{1,100}/g) ?? [];
  return [
    "/** Generated from kernels.wat by tools/build-wasm.ts; do not edit. */",
    "export const KERNELS_WASM_BASE64 =",
    lines.map((l) => `  "${l}"`).join(" +\n") + ";",
    "",
  ].join("\n");
}

if (require.main === module) {
  assembleKernels().then((bytes) => {
    const out = path.join(__dirname, "..", "lib", "core", "nn", "kernels-wasm.ts");
    fs.writeFileSync(out, renderModule(bytes));
    console.log(`wrote ${out} (${bytes.length} bytes of WebAssembly)`);
  });
}
