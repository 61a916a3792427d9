/**
 * Compiles lib/core/nn/kernels.as.ts (AssemblyScript) into lib/core/nn/kernels-wasm.ts (the bytes as
 * base64), so the library needs no WebAssembly toolchain at run time. `npm run build:wasm`; a test
 * checks the two agree.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const SOURCE = path.join(__dirname, "..", "lib", "core", "nn", "kernels.as.ts");

/** Compiler flags: optimised, SIMD, no runtime or imports (the module only computes on its own memory). */
const FLAGS = {
  optimizeLevel: 3,
  shrinkLevel: 0,
  runtime: "stub",
  noAssert: true,
  use: ["abort="],
  enable: ["simd"],
  initialMemory: 1,
  debug: false,
};

interface AscCompiler {
  compileString(sources: Record<string, string>, options: object): Promise<{ error: Error | null; binary: Uint8Array | null; stderr: { toString(): string } }>;
}

export async function assembleKernels(): Promise<Uint8Array> {
  // AssemblyScript's compiler is an ES module; a dynamic import works from CommonJS. Its name is in a
  // variable so TypeScript does not load its declarations (they redeclare the global require).
  const compiler = "assemblyscript/asc";
  const asc = ((await import(compiler)) as { default: AscCompiler }).default;
  const result = await asc.compileString({ "kernels.ts": fs.readFileSync(SOURCE, "utf8") }, FLAGS);
  if (result.error || !result.binary) throw new Error(`kernels.as.ts: ${result.error?.message ?? "no output"}\n${result.stderr.toString()}`);
  return result.binary;
}

export function renderModule(bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes).toString("base64");
  const lines = b64.match(/.{1,100}/g) ?? [];
  return [
    "/** Generated from kernels.as.ts by tools/build-wasm.ts; do not edit. */",
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
