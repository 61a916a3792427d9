/**
 * Assembles lib/apps/bench/peak.wat (the bench's peak-throughput loop) into
 * lib/apps/bench/peak-wasm.ts (the bytes as base64), the way tools/build-wasm.ts does for the
 * network kernels, so the bench needs no WebAssembly toolchain at run time.
 * `npm run build:wasm:peak`; a test checks the two agree.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const WAT = path.join(__dirname, "..", "lib", "apps", "bench", "peak.wat");
const OUT = path.join(__dirname, "..", "lib", "apps", "bench", "peak-wasm.ts");

export async function assemblePeak(): Promise<Uint8Array> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wabtFactory = require("wabt") as () => Promise<{
    parseWat(name: string, text: string, features: Record<string, boolean>): { toBinary(o: object): { buffer: Uint8Array }; destroy(): void };
  }>;
  const wabt = await wabtFactory();
  const mod = wabt.parseWat("peak.wat", fs.readFileSync(WAT, "utf8"), { simd: true });
  try {
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}

export function renderPeakModule(bytes: Uint8Array): string {
  const lines = Buffer.from(bytes).toString("base64").match(/.{1,100}/g) ?? [];
  return [
    "/** Generated from peak.wat by tools/build-peak-wasm.ts; do not edit. */",
    "export const PEAK_WASM_BASE64 =",
    lines.map((l) => `  "${l}"`).join(" +\n") + ";",
    "",
  ].join("\n");
}

if (require.main === module) {
  assemblePeak().then((bytes) => {
    fs.writeFileSync(OUT, renderPeakModule(bytes));
    console.log(`wrote ${OUT} (${bytes.length} bytes of WebAssembly)`);
  });
}
