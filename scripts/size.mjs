// The size budget: everything each page loads, gzip -9, must stay within 76 KB (TimelineJS3
// ships 76 KB). Prints each page's files and totals; exits 1 when a page is over budget.
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET = 76 * 1024;
// The package every page loads: the wasm, its glue and the widget's DOM half (a snippet the
// glue imports), and the widget's style sheet.
const snippets = readdirSync("www/pkg/snippets", { recursive: true })
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
if (over) process.exit(1);
