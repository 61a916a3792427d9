/**
 * `npm run web`: builds the page and serves build/web/ on http://127.0.0.1:PORT/ (default 8314,
 * or --port N; 0 picks a free one). Only the folder's own files are served.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import { AddressInfo } from "node:net";
import { buildWeb } from "./build-web";

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

/** A static server of `dir` (GET only, no directory listings); resolves once it listens. */
export function serveStatic(dir: string, port = 0): Promise<{ server: http.Server; url: string }> {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = path.join(root, pathname === "/" ? "index.html" : pathname);
    if (req.method !== "GET" || !file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` }));
  });
}

if (require.main === module) {
  const at = process.argv.indexOf("--port");
  const raw = at >= 0 ? process.argv[at + 1] : "8314";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`web: --port: expected a whole number from 0 to 65535, got "${raw}"`);
    process.exit(2);
  }
  buildWeb()
    .then(({ outDir }) => serveStatic(outDir, port))
    .then(({ url }) => console.log(`homotopy-ode web page: ${url}  (Ctrl-C to stop)`))
    .catch((e) => {
      console.error(`web: ${(e as Error).message}`);
      process.exitCode = 1;
    });
}
