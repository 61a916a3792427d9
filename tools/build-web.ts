/**
 * `npm run web:build`: bundles web/ into build/web/ (index.html, style.css, main.js), one folder
 * with relative paths that works from any static host or straight from disk. The worker's
 * bundle is embedded in main.js and started from a Blob, since browsers refuse worker scripts
 * from file:// pages. Node built-ins are refused, except node:fs (only system-file.ts's file reading,
 * which the page never calls) which gets a stub.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { build, Plugin } from "esbuild";

const root = path.join(__dirname, "..");

const browserOnly: Plugin = {
  name: "browser-only",
  setup(b) {
    // the equation modules' mathjs import gets the slim instance (mathjs-lite.ts itself gets the real one).
    b.onResolve({ filter: /^mathjs$/ }, (args) => (args.importer.endsWith("mathjs-lite.ts") ? undefined : { path: path.join(root, "web", "mathjs-lite.ts") }));
    b.onResolve({ filter: /^node:/ }, (args) => {
      if (args.path === "node:fs") return { path: path.join(root, "web", "node-stub.ts") };
      return { errors: [{ text: `${args.path} is Node-only; imported by ${path.relative(root, args.importer)}; the page must not need it` }] };
    });
  },
};

async function bundle(entry: string, define: Record<string, string> = {}): Promise<string> {
  const out = await build({
    entryPoints: [path.join(root, "web", entry)],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    plugins: [browserOnly],
    define,
    logLevel: "warning",
  });
  return out.outputFiles[0].text;
}

export async function buildWeb(outDir = path.join(root, "build", "web")): Promise<{ outDir: string; bytes: number }> {
  const version = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
  const worker = await bundle("worker.ts");
  const main = await bundle("main.ts", { __WORKER_SOURCE__: JSON.stringify(worker), __VERSION__: JSON.stringify(version) });
  fs.mkdirSync(outDir, { recursive: true });
  const files: Record<string, string> = {
    "index.html": fs.readFileSync(path.join(root, "web", "index.html"), "utf8"),
    "style.css": fs.readFileSync(path.join(root, "web", "style.css"), "utf8"),
    "main.js": main,
  };
  let bytes = 0;
  for (const [name, text] of Object.entries(files)) {
    const tmp = path.join(outDir, `.${name}.tmp`);
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, path.join(outDir, name));
    bytes += Buffer.byteLength(text);
  }
  return { outDir, bytes };
}

if (require.main === module) {
  buildWeb().then(
    ({ outDir, bytes }) => console.log(`web page: ${path.relative(process.cwd(), outDir) || "."}/index.html (${(bytes / 1024).toFixed(0)} KiB)`),
    (e) => {
      console.error(`web:build: ${(e as Error).message}`);
      process.exitCode = 1;
    },
  );
}
