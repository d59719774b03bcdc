// Where Timescope's time goes, for the figures bench/run.mjs misses: a CPU profile (the
// DevTools protocol's sampling profiler) of one load in a fresh page, or of 40 pan or zoom
// steps, printed as self time per function (wasm functions are numbered in the release
// build; build one with names to read them). And, for a load, the same load with each of
// the page's one-time costs paid first (Intl's data, the first layout and fonts, the wasm's
// first run), a fresh context per run, median of 9.
//
//   node bench/profile.mjs load 5000      node bench/profile.mjs pan 1000
//   node bench/profile.mjs zoom 1000      node bench/profile.mjs cold 5000
import { chromium } from "playwright-core";
import { fileURLToPath } from "node:url";
import { serve } from "../scripts/serve.mjs";

const [what = "load", n = "5000"] = process.argv.slice(2);
const root = fileURLToPath(new URL("..", import.meta.url));
const server = await serve({ port: 0, quiet: true, dir: root, csp: null });
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
  args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });

async function open() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${base}/bench/page.html?tool=timescope`);
  await page.evaluate(() => window.bench.ready);
  await page.evaluate((n) => { window.text = window.bench.text(window.tool, n, 1); }, Number(n));
  return { context, page, cdp: await context.newCDPSession(page) };
}
/** Load, then the end of the first frame (layout and raster forced), in ms from the call. */
const load = (page) => page.evaluate(async () => {
  const t0 = performance.now();
  window.tool.load(window.text);
  const t1 = performance.now();
  await new Promise((r) => requestAnimationFrame(() => { document.body.getBoundingClientRect(); window.tool.raster(); r(); }));
  return [t1 - t0, performance.now() - t0];
});
const step = (page, k) => page.evaluate(async ([what, k]) => {
  window.tool[what === "pan" ? "step" : "zoom"](k);
  await new Promise((r) => requestAnimationFrame(() => { window.tool.raster(); r(); }));
}, [what, k]);

if (what === "cold") {
  const paid = {
    nothing: "",
    "Intl's data": "new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', month: 'short' }).format(0)",
    "layout and fonts": "const c = document.createElement('canvas').getContext('2d'); c.font = '12px system-ui, sans-serif'; c.measureText('x'); document.body.append(Object.assign(document.createElement('p'), { textContent: 'x' })); document.body.getBoundingClientRect()",
    "the wasm's first run": "(async () => { const { Timeline } = await import('/www/pkg/timescope.js'); const t = new Timeline(document.createElement('div'), {}); t.load(window.bench.gen.timelinejs(window.bench.gen.events(300))); t.destroy(); })()",
  };
  const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1].toFixed(1);
  const runs = {};
  for (let rep = 0; rep < 9; rep++) {
    for (const [name, pre] of Object.entries(paid)) {
      const { context, page } = await open();
      await page.evaluate(pre);
      await page.waitForTimeout(200);
      (runs[name] ??= []).push(await load(page));
      await context.close();
    }
  }
  console.log(`load of ${n} events in a fresh page, median of 9: the load call / to the end of the first frame`);
  for (const [name, r] of Object.entries(runs)) {
    console.log(`  paid first: ${name.padEnd(22)} ${med(r.map((x) => x[0]))} ms / ${med(r.map((x) => x[1]))} ms`);
  }
} else {
  const { page, cdp } = await open();
  if (what !== "load") {
    await load(page);
    for (let k = 1; k < 20; k++) await step(page, k);
  }
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  const count = what === "load" ? 1 : 40;
  if (what === "load") console.log("load call / to frame end (ms, with the profiler on):", (await load(page)).map((x) => x.toFixed(1)).join(" / "));
  else for (let k = 1; k <= count; k++) await step(page, k);
  const { profile } = await cdp.send("Profiler.stop");
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const k = f.functionName || `(${f.url.split("/").pop() || "native"}${f.url ? `:${f.lineNumber + 1}:${f.columnNumber + 1}` : ""})`;
    self.set(k, (self.get(k) ?? 0) + profile.timeDeltas[i] / 1000);
  });
  console.log(`self time per ${what === "load" ? "load" : `${what} step`} (ms), ${n} events:`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(v / count).toFixed(2).padStart(8)}  ${k}`);
}
await browser.close();
server.close();
