// Serves www/ on http://localhost:8080 (PORT to change) with the Content-Security-Policy the
// pages must work under (plus the players' frames, see PLAYERS_CSP), and the right type for .wasm. No dependencies: Node's http module.
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

/** The providers' frame origins, from the README's table (which a native test checks
 * against `media::FRAME_SRC`, the one list). */
export const FRAME_SRC = (await readFile(new URL("../README.md", import.meta.url), "utf8"))
  .split("\n").map((l) => /^\| [^|]+ \| `(https:\/\/[^`]+)` \|$/.exec(l)?.[1]).filter(Boolean);

/** The strict policy, plus what readers need for the players they ask for: the providers'
 * frames and audio and video files from wherever the data names them (as `img-src *` does
 * for images). The demo is served with it; a page with `embeds: "off"` needs only CSP. */
export const PLAYERS_CSP = `${CSP}; frame-src ${FRAME_SRC.join(" ")}; media-src *`;

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
  serve({ csp: PLAYERS_CSP });
}
