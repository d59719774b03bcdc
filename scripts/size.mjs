// The size budget: everything each page loads, gzip -9, must stay within 128 KB (a fifth under
// vis-timeline's 157 KB); the players' module, loaded later by the readers who need it, 32 KB. Prints each page's files and totals; exits 1 when a page is over budget.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET = 128 * 1024;
// The package every page loads: the wasm, its glue (and any snippet the glue imports), and the
// widget's style sheet.
const snippets = (existsSync("www/pkg/snippets") ? readdirSync("www/pkg/snippets", { recursive: true }) : [])
  .filter((f) => String(f).endsWith(".js"))
  .map((f) => `www/pkg/snippets/${f}`);
const pkg = ["www/pkg/timescope_bg.wasm", "www/pkg/timescope.js", ...snippets, "www/pkg/timescope.css"];
const pages = {
  "demo (index.html)": [...pkg, "www/pkg/main.js", "www/pkg/link.js", "www/pkg/style.css", "www/index.html"],
  "iframe embed (embed.html)": [...pkg, "www/pkg/embed.js", "www/pkg/link.js", "www/embed.html"],
  "custom element (element.html)": [...pkg, "www/pkg/time-scope.js", "www/element.html"],
};
let over = false;
for (const [page, files] of Object.entries(pages)) {
  let total = 0;
  console.log(page);
  for (const f of files) {
    const raw = readFileSync(f);
    const gz = gzipSync(raw, { level: 9 }).length;
    total += gz;
    console.log(`  ${f.padEnd(62)} ${String(raw.length).padStart(7)} B raw ${String(gz).padStart(6)} B gzip`);
  }
  console.log(`  total ${(total / 1024).toFixed(1)} KB gzip of ${BUDGET / 1024} KB budget\n`);
  if (total > BUDGET) {
    console.error(`size budget exceeded: ${page}`);
    over = true;
  }
}

// Loaded later, only by readers who need it: the players' module (the providers' table),
// fetched the first time a card shows media that may be a provider's player. It has a bound
// of its own, so that it stays small too.
const LAZY = 32 * 1024;
{
  let total = 0;
  console.log("players' module (loaded when a card may show a player)");
  for (const f of ["www/pkg/timescope_media.js", "www/pkg/timescope_media_bg.wasm"]) {
    const raw = readFileSync(f);
    const gz = gzipSync(raw, { level: 9 }).length;
    total += gz;
    console.log(`  ${f.padEnd(62)} ${String(raw.length).padStart(7)} B raw ${String(gz).padStart(6)} B gzip`);
  }
  console.log(`  total ${(total / 1024).toFixed(1)} KB gzip of ${LAZY / 1024} KB\n`);
  if (total > LAZY) {
    console.error("size bound exceeded: the players' module");
    over = true;
  }
}

// Where the bytes go: the largest functions and modules of the wasm, by code size, read from
// the name section of cargo's output before wasm-opt (which strips names; sizes shrink there
// by about a fifth, the order holds). Printed for the next person trimming bytes.
const named = "target/small/wasm32-unknown-unknown/release/timescope.wasm";
let wasm;
try { wasm = readFileSync(named); } catch { wasm = null; }
if (wasm) {
  let p = 8;
  const leb = () => { let r = 0, s = 0, b; do { b = wasm[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
  const str = () => { const n = leb(); const s = wasm.toString("utf8", p, p + n); p += n; return s; };
  let imported = 0;
  const sizes = [], names = new Map();
  while (p < wasm.length) {
    const id = wasm[p++], len = leb(), end = p + len;
    if (id === 2) {
      for (let n = leb(); n > 0; n--) {
        str(); str();
        const kind = wasm[p++];
        if (kind === 0) { leb(); imported++; } else if (kind === 1) { p++; const f = wasm[p++]; leb(); if (f & 1) leb(); }
        else if (kind === 2) { const f = wasm[p++]; leb(); if (f & 1) leb(); } else { p += 2; }
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) { const size = leb(); sizes.push(size); p += size; }
    } else if (id === 0 && str() === "name") {
      while (p < end) {
        const sub = wasm[p++], sl = leb(), se = p + sl;
        if (sub === 1) for (let n = leb(); n > 0; n--) { const i = leb(); names.set(i, str()); }
        p = se;
      }
    }
    p = end;
  }
  // Rust symbols (legacy mangling, see build.sh) as their length-prefixed identifiers.
  const readable = (sym) => {
    const parts = [];
    for (let i = 0; i < sym.length;) {
      const m = /^(\d+)([A-Za-z_][A-Za-z0-9_]*)/.exec(sym.slice(i));
      if (m && m[2].length >= +m[1]) {
        parts.push(m[2].slice(0, +m[1]));
        i += m[1].length + +m[1];
      } else i++;
    }
    return parts.length ? parts.filter((x) => !/^h[0-9a-f]{16}$/.test(x)).join("::")
      .replace(/\$LT\$/g, "<").replace(/\$GT\$/g, ">").replace(/\$u20\$/g, " ").replace(/\.\./g, "::") : sym;
  };
  const fns = sizes.map((size, k) => ({ size, name: readable(names.get(k + imported) ?? `#${k}`) }));
  const modules = new Map();
  for (const f of fns) {
    const crate = f.name.match(/^(?:_<)?(wasm_bindgen|js_sys|web_sys|serde_wasm_bindgen|serde_path_to_error|serde|chrono|dlmalloc)::/)?.[1];
    const m = f.name.match(/timescope::(?:web::)?[a-z_]+/)?.[0] ?? crate ?? "std and the rest";
    modules.set(m, (modules.get(m) ?? 0) + f.size);
  }
  const total = sizes.reduce((a, b) => a + b, 0);
  console.log(`wasm code before wasm-opt: ${total} B in ${sizes.length} functions; by module:`);
  for (const [m, b] of [...modules].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${String(b).padStart(7)} B  ${m}`);
  console.log("largest functions:");
  for (const f of fns.sort((a, b) => b.size - a.size).slice(0, 12)) console.log(`  ${String(f.size).padStart(7)} B  ${f.name.slice(0, 100)}`);
}
if (over) process.exit(1);
