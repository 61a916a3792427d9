/**
 * `npm run web:build`: bundles web/ into build/web/ (index.html, style.css, main.js), one folder
 * with relative paths that works from any static host or straight from disk. The worker's
 * bundle is embedded in main.js and started from a Blob, since browsers refuse worker scripts
 * from file:// pages. Node built-ins are refused, except node:fs (only system-file.ts's file reading,
 * which the page never calls) which gets a stub.
 *
 * The page imports lib through the layer indexes, which also re-export Node-only modules (the worker
 * pool, files, polars tables). lib's modules do nothing when imported, so they are marked free of side
 * effects: a module the page does not use is left out of the bundle, with its Node-only imports. Those
 * imports resolve to a placeholder that throws, and the build fails if a placeholder is in the bundle.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { build, Metafile, Plugin } from "esbuild";

const root = path.join(__dirname, "..");
const lib = path.join(root, "lib") + path.sep;
const systemFile = path.join(root, "lib", "paper", "systems", "system-file.ts");
/** Imports that only work in Node: built-ins (node:fs aside) and packages with native code. */
const NODE_ONLY = "node-only";
const NODE_ONLY_PACKAGES = /^(nodejs-polars|@resvg\/resvg-js)(\/|$)/;
const RESOLVING = Symbol("resolving");

const browserOnly: Plugin = {
  name: "browser-only",
  setup(b) {
    // the equation modules' mathjs import gets the slim instance (mathjs-lite.ts itself gets the real one).
    b.onResolve({ filter: /^mathjs$/ }, (args) => (args.importer.endsWith("mathjs-lite.ts") ? undefined : { path: path.join(root, "web", "mathjs-lite.ts") }));
    b.onResolve({ filter: /^node:/ }, (args) => {
      if (args.path === "node:fs" && args.importer === systemFile) return { path: path.join(root, "web", "node-stub.ts") };
      return { path: args.path, namespace: NODE_ONLY, sideEffects: false };
    });
    b.onResolve({ filter: NODE_ONLY_PACKAGES }, (args) => ({ path: args.path, namespace: NODE_ONLY, sideEffects: false }));
    b.onLoad({ filter: /.*/, namespace: NODE_ONLY }, (args) => ({ contents: `module.exports = (() => { throw new Error(${JSON.stringify(`${args.path} is Node-only`)}); })();`, loader: "js" }));
    // A module of lib/ the page does not use is left out (see above).
    b.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === RESOLVING) return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: RESOLVING });
      if (r.errors.length) return { errors: r.errors };
      return r.path.startsWith(lib) && r.path.endsWith(".ts") ? { path: r.path, sideEffects: false } : undefined;
    });
  },
};

/** Fails on a Node-only import the bundle kept, naming the modules that import it. */
function refuseNodeOnly(metafile: Metafile): void {
  const kept = new Set(Object.values(metafile.outputs).flatMap((o) => Object.keys(o.inputs)));
  const errors: string[] = [];
  for (const input of kept) {
    if (!input.startsWith(`${NODE_ONLY}:`)) continue;
    const name = input.slice(NODE_ONLY.length + 1);
    const importers = Object.entries(metafile.inputs).filter(([file, i]) => kept.has(file) && i.imports.some((x) => x.path === input)).map(([file]) => file);
    errors.push(`${name} is Node-only; imported by ${importers.join(", ") || "?"}; the page must not need it`);
  }
  if (errors.length) throw new Error(errors.join("\n"));
}

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
    metafile: true,
  });
  refuseNodeOnly(out.metafile);
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
