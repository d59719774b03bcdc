// The size budget: everything the demo page loads, gzip -9, must stay within 76 KB
// (TimelineJS3 ships 76 KB). Prints each file and the total; exits 1 over budget.
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET = 76 * 1024;
// The wasm-bindgen snippets (the widget's DOM half) are loaded by the glue too.
const snippets = readdirSync("www/pkg/snippets", { recursive: true })
  .filter((f) => String(f).endsWith(".js"))
  .map((f) => `www/pkg/snippets/${f}`);
const files = [
  "www/pkg/timescope_bg.wasm",
  "www/pkg/timescope.js",
  ...snippets,
  "www/pkg/main.js",
  "www/pkg/timescope.css",
  "www/pkg/style.css",
  "www/index.html",
];
let total = 0;
for (const f of files) {
  const raw = readFileSync(f);
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  console.log(`${f.padEnd(40)} ${String(raw.length).padStart(8)} B raw ${String(gz).padStart(7)} B gzip`);
}
console.log(`total ${(total / 1024).toFixed(1)} KB gzip of ${BUDGET / 1024} KB budget`);
if (total > BUDGET) {
  console.error("size budget exceeded");
  process.exit(1);
}
