// Serves www/ on http://localhost:8080 (PORT to change) with the Content-Security-Policy the
// pages must work under, and the right type for .wasm. No dependencies: Node's http module.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("../www/", import.meta.url)));
const port = Number(process.env.PORT || 8080);
const host = process.env.HOST || "127.0.0.1";
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ts": "text/plain; charset=utf-8",
};
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src * data:";

/** The strict policy plus audio and video files from wherever the data names them (as
 * `img-src *` does for images): what the demo is served with, so that a reader's press on
 * a file's play button plays it. The pages themselves need only CSP. */
export const DEMO_CSP = `${CSP}; media-src *`;

/** Serves `dir` (default www/) with the policy `csp` (default the strict one; `null` for
 * none, which only the benchmark's pages of other timelines use). */
export function serve({ port: p = port, host: h = host, quiet = false, dir = root, csp = CSP } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://localhost");
      let path = normalize(decodeURIComponent(url.pathname));
      if (path.endsWith("/")) path += "index.html";
      const file = join(dir, path);
      if (!file.startsWith(dir)) throw new Error("outside root");
      const info = await stat(file);
      if (!info.isFile()) throw new Error("not a file");
      const body = await readFile(file);
      res.writeHead(200, {
        "Content-Type": types[extname(file)] || "application/octet-stream",
        ...(csp ? { "Content-Security-Policy": csp } : {}),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-cache",
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("not found");
    }
  });
  return new Promise((ok) =>
    server.listen(p, h, () => {
      if (!quiet) console.log(`Timescope demo: http://localhost:${server.address().port}/`);
      ok(server);
    }),
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  serve({ csp: DEMO_CSP });
}
