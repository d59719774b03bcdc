// The browser benchmark: Timescope, TimelineJS3 and vis-timeline given the same generated
// timelines (bench/gen.mjs) in headless Chromium (Debian's, through playwright-core), 1280×720,
// one fresh page per tool and size. Prints a table and writes it to bench/results.md.
//
//   scripts/bench.sh            (builds, installs the peers into bench/node_modules, runs this)
//   node bench/run.mjs [--quick] [--only timescope] [--sizes 5000,1000000]
//   node bench/run.mjs --against ../other-checkout [--reps 5] [--sizes ...]
//
// With --against, Timescope alone: the build in that checkout's www/pkg ("before") and this
// one's, each measured --reps times (default 5) in turns, size by size, in one run; each figure
// is the median of the reps (step and key figures: of all of their steps). The table goes to
// bench/before-after.md; with `--against .` (this build against itself: the spread of the
// method itself, which a change must exceed to mean anything) to bench/noise.md.
//
// Main-thread time comes from the DevTools protocol (Performance.getMetrics TaskDuration: the
// time the renderer's main thread spent in tasks), so it counts what each tool does, wherever
// it does it. Wall times are from the call to the end of the first frame drawn after it
// (including the wait for that frame). A peer that needs over 60 s at a size is reported as a
// timeout, and larger sizes are not tried.
import { chromium } from "playwright-core";
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { serve } from "../scripts/serve.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const quick = process.argv.includes("--quick");
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : null);
const against = arg("--against") && resolve(arg("--against"));
const REPS = against ? Number(arg("--reps") ?? 5) : 1;
const only = against ? "timescope" : arg("--only");
const ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
  "--enable-precise-memory-info"];
const TIMEOUT = 60_000;
const TOOLS = against ? { before: "before", timescope: "this build" }
  : { timescope: "Timescope", timelinejs: "TimelineJS3", vis: "vis-timeline" };
const sizesArg = arg("--sizes");
const SIZES = sizesArg ? sizesArg.split(",").map(Number)
  : quick ? [1_000, 100_000] : [1_000, 5_000, 10_000, 100_000, 1_000_000];
// TimelineJS animates a step for its `duration` (1 s): wait that long to count all of it.
const AFTER_STEP = { timescope: 0, timelinejs: 1200, vis: 0, before: 0 };

const server = await serve({ port: 0, quiet: true, dir: root, csp: null });
const base = `http://127.0.0.1:${server.address().port}`;
// The other build, under this checkout's benchmark page: a folder of two links.
let other = null;
if (against) {
  const dir = mkdtempSync(`${tmpdir()}/timescope-before-`);
  symlinkSync(`${root}/bench`, `${dir}/bench`);
  symlinkSync(`${against}/www`, `${dir}/www`);
  other = await serve({ port: 0, quiet: true, dir, csp: null });
}
/** Where a tool's page is served ("before" is Timescope, from the other checkout). */
const origin = (tool) => (tool === "before" ? `http://127.0.0.1:${other.address().port}` : base);
const adapter = (tool) => (tool === "before" ? "timescope" : tool);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const max = (xs) => Math.max(...xs);
const timeout = (p, ms, what) => Promise.race([p, new Promise((_, no) =>
  setTimeout(() => no(Object.assign(new Error(`${what}: over ${ms / 1000} s`), { timeout: true })), ms))]);

async function open(tool) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longTasks.push([e.startTime, e.duration]); })
      .observe({ type: "longtask", buffered: true });
    // After a change: the next frame, with layout and (canvas) raster forced inside it.
    window.drawn = () => new Promise((r) => requestAnimationFrame(() => {
      document.body.getBoundingClientRect();
      window.tool.raster?.();
      r(performance.now());
    }));
  });
  await page.goto(`${origin(tool)}/bench/page.html?tool=${adapter(tool)}`);
  await page.evaluate(() => window.bench.ready);
  const metrics = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics
    .map((m) => [m.name, m.value]));
  const gc = () => cdp.send("HeapProfiler.collectGarbage");
  /** Main-thread ms spent while `f` runs (and `after` ms more). */
  const task = async (f, after = 0) => {
    const a = (await metrics()).TaskDuration;
    const r = await f();
    if (after) await page.waitForTimeout(after);
    return [((await metrics()).TaskDuration - a) * 1000, r];
  };
  return { context, page, metrics, gc, task };
}

/** Everything measured for one tool at one size. */
async function measure(tool, n) {
  const s = await open(tool);
  const { page, metrics, gc, task } = s;
  const out = { n };
  try {
    await page.evaluate((n) => { window.text = window.bench.text(window.tool, n, 1); }, n);
    out.textBytes = await page.evaluate(() => window.text.length);
    await gc();
    const m0 = await metrics();
    const w0 = await page.evaluate(() => window.tool.wasmBytes?.() ?? 0);
    const [loadMain, loadWall] = await timeout(task(() => page.evaluate(async () => {
      const t0 = performance.now();
      await window.tool.load(window.text);
      window.loaded = await window.drawn();
      return window.loaded - t0;
    })), TIMEOUT, `${tool} load ${n}`);
    Object.assign(out, { loadMain, loadWall });
    await gc();
    const m1 = await metrics();
    const w1 = await page.evaluate(() => window.tool.wasmBytes?.() ?? 0);
    out.bytesPerEvent = (m1.JSHeapUsedSize - m0.JSHeapUsedSize + w1 - w0) / n;
    out.nodes = m1.Nodes - m0.Nodes;
    // Pan and zoom steps over the year view, each one frame (or one animation).
    const steps = async (kind, count) => {
      const times = [];
      const t0 = Date.now();
      for (let k = 1; k <= count && Date.now() - t0 < TIMEOUT; k++) {
        const [ms] = await timeout(task(() => page.evaluate(async ([kind, k]) => {
          window.tool[kind](k);
          await window.drawn();
        }, [kind, k]), AFTER_STEP[tool]), TIMEOUT, `${tool} ${kind} ${n}`);
        times.push(ms);
      }
      return times;
    };
    // The harness's own cost per step (the evaluate call, the frame it waits for, reading a
    // pixel back), measured with nothing changed, for the table's "net" figures.
    out.idle = [];
    for (let k = 0; k < 10; k++) {
      const [ms] = await task(() => page.evaluate(() => window.drawn()));
      out.idle.push(ms);
    }
    out.pan = await steps("step", quick ? 10 : 20);
    out.zoom = await steps("zoom", 8);
    // Search (Timescope only: the others have none): focus the box, then type a word.
    if (adapter(tool) === "timescope") {
      const [focusMs] = await task(async () => {
        await page.focus(".ts-q");
        await page.evaluate(() => window.drawn());
      });
      out.searchIndex = focusMs;
      const type = async (into) => {
        await page.focus(into);
        const times = [];
        for (const ch of "aleppo") {
          const [ms] = await task(async () => {
            await page.keyboard.type(ch);
            await page.evaluate(() => window.drawn());
          });
          times.push(ms);
        }
        return times;
      };
      out.keys = await type(".ts-q");
      // Typed right after focusing: with many events the index may still be being built,
      // and the count says "Searching…" until it is; how long after the last key.
      out.searchWait = await page.evaluate(async () => {
        const n = document.querySelector(".ts-n"), t0 = performance.now();
        while (n.textContent === "Searching…") await new Promise((r) => setTimeout(r, 10));
        return performance.now() - t0;
      });
      out.matches = await page.evaluate(() => document.querySelector(".ts-n").textContent);
      // The same keystrokes into a plain input with no listeners: what the browser and the
      // protocol cost per key whatever the page does.
      out.plainKeys = await type("#plain");
    }
    out.longest = await page.evaluate(() => Math.max(0, ...window.longTasks
      .filter(([t]) => t > window.loaded).map(([, d]) => d)));
    // A second load in the same page (the engine's code is warm by now: what a page that
    // switches datasets, or shows a second timeline, sees). Skipped where the first took 10 s.
    if (loadWall < 10_000) {
      await page.evaluate(() => window.tool.destroy());
      const [warmMain, warmWall] = await timeout(task(() => page.evaluate(async () => {
        const t0 = performance.now();
        await window.tool.load(window.text);
        return (await window.drawn()) - t0;
      })), TIMEOUT, `${tool} second load ${n}`);
      Object.assign(out, { warmMain, warmWall });
    }
  } catch (err) {
    if (!err.timeout) throw err;
    out.timeout = err.message;
  } finally {
    await s.context.close();
  }
  return out;
}

/** 1,000 load/destroy cycles in one page: what is left after 10, 100 and 1,000. */
async function cycles() {
  const { page, metrics, gc, context } = await open("timescope");
  await page.evaluate(() => { window.text = window.bench.text(window.tool, 200, 1); });
  const rows = [];
  let done = 0;
  for (const upto of [10, 100, 1000]) {
    await page.evaluate(async (count) => {
      for (let i = 0; i < count; i++) {
        window.tool.load(window.text);
        await window.drawn();
        window.tool.destroy();
      }
    }, upto - done);
    done = upto;
    await gc();
    const m = await metrics();
    rows.push({ cycles: upto, nodes: m.Nodes, listeners: m.JSEventListeners, heap: m.JSHeapUsedSize,
      wasm: await page.evaluate(() => window.tool.wasmBytes()) });
  }
  await context.close();
  return rows;
}

/** gzip -9 bytes of what each tool's page loads. */
function bundle() {
  const gz = (f, dir = root) => gzipSync(readFileSync(`${dir}/${f}`), { level: 9 }).length;
  // A peer not installed (a run with --only) has no figure.
  const sum = (fs, dir = root) => (fs.every((f) => existsSync(`${dir}/${f}`)) ? fs.reduce((a, f) => a + gz(f, dir), 0) : NaN);
  const ours = ["www/pkg/timescope_bg.wasm", "www/pkg/timescope.js", "www/pkg/timescope.css", "www/pkg/time-scope.js"];
  return {
    timescope: sum(ours),
    before: against ? sum(ours, against) : NaN,
    timelinejs: sum(["bench/node_modules/@knight-lab/timelinejs/dist/js/timeline.js",
      "bench/node_modules/@knight-lab/timelinejs/dist/css/timeline.css"]),
    vis: sum(["bench/node_modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js",
      "bench/node_modules/vis-timeline/styles/vis-timeline-graph2d.min.css"]),
  };
}

/** Several runs' records of one tool and size as one: the median of each figure, and for
 * the per-step lists all of their steps. */
function merge(runs) {
  const done = runs.filter((r) => !r.timeout);
  if (!done.length) return runs[0];
  const out = { ...done[0] };
  for (const k of Object.keys(out)) {
    if (Array.isArray(out[k])) out[k] = done.flatMap((r) => r[k]);
    else if (typeof out[k] === "number") out[k] = median(done.map((r) => r[k]));
  }
  return out;
}

// Run: every tool at every size, smallest first; a timeout ends that tool's sizes. With
// --against, the two builds take turns, rep by rep.
const tools = Object.keys(TOOLS).filter((t) => against || !only || t === only);
const runs = Object.fromEntries(tools.map((t) => [t, {}]));
const stopped = new Set();
// Size by size, so that the two builds of a pair are measured minutes apart at most, and in
// turns whose order alternates (before first, then this build first), so that whatever drifts
// during a run (the machine's other work, its clock) weighs on both alike.
for (let rep = 0; rep < REPS; rep++) {
  for (const n of SIZES) {
    for (const tool of rep % 2 ? [...tools].reverse() : tools) {
      if ([...stopped].some((s) => s.tool === tool && s.n <= n)) continue;
      const r = await measure(tool, n);
      (runs[tool][n] ??= []).push(r);
      console.error(`${TOOLS[tool]} ${n}${REPS > 1 ? ` (${rep + 1}/${REPS})` : ""}: ${r.timeout ?? `load ${r.loadWall.toFixed(0)} ms`}`);
      if (r.timeout) stopped.add({ tool, n });
    }
  }
}
const results = Object.fromEntries(tools.map((t) => [t,
  Object.fromEntries(Object.entries(runs[t]).map(([n, rs]) => [n, merge(rs)]))]));
const version = browser.version();
const cyc = (!only || only === "timescope") && !sizesArg && !against ? await cycles() : [];
const size = bundle();
await browser.close();
server.close();
other?.close();

// The table.
const ms = (v) => (v === undefined ? "–" : v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`);
const num = (v) => v.toLocaleString("en-US");
const cell = (tool, n, f) => {
  const r = results[tool]?.[n];
  if (!r) return results[tool] && Object.values(results[tool]).some((x) => x.timeout) ? "timeout" : "–";
  if (r.timeout) return "timeout";
  return f(r);
};
const lines = [];
const columns = [...Object.keys(results).map((t) => TOOLS[t]), ...(against ? ["change (first figure)"] : [])];
lines.push(`| figure | ${columns.join(" | ")} |`, `|${"---|".repeat(columns.length + 1)}`);
/** A cell's first figure in ms (or bytes), for the change column. */
const lead = (cell) => {
  const m = /^([\d,.]+) (ms|s|B|KB)/.exec(cell);
  return m ? Number(m[1].replace(/,/g, "")) * (m[2] === "s" ? 1000 : 1) : NaN;
};
const change = (a, b) => {
  const r = lead(b) / lead(a) - 1;
  return Number.isFinite(r) ? `${r > 0 ? "+" : r < 0 ? "−" : "±"}${Math.abs(r * 100).toFixed(0)} %` : "–";
};
const row = (label, f) => {
  const cells = Object.keys(results).map((t) => f(t));
  if (against) cells.push(change(cells[0], cells[1]));
  lines.push(`| ${label} | ${cells.join(" | ")} |`);
};
for (const n of SIZES) {
  row(`load → first frame, ${num(n)} events (wall / main thread)`,
    (t) => cell(t, n, (r) => `${ms(r.loadWall)} / ${ms(r.loadMain)}`));
}
for (const n of SIZES) {
  row(`second load in the same page → first frame, ${num(n)} events (wall / main thread)`,
    (t) => cell(t, n, (r) => (r.warmWall === undefined ? "–" : `${ms(r.warmWall)} / ${ms(r.warmMain)}`)));
}
// Steps: main thread in all, and net of the harness's own cost (an unchanged frame's).
const net = (xs, idle) => xs.map((x) => Math.max(0, x - median(idle)));
for (const n of SIZES) {
  row(`pan step, year view, ${num(n)} events (median / worst main thread; median net)`,
    (t) => cell(t, n, (r) => (r.pan.length
      ? `${ms(median(r.pan))} / ${ms(max(r.pan))}; ${ms(median(net(r.pan, r.idle)))}` : "–")));
  row(`zoom step, ${num(n)} events (median / worst; median net)`,
    (t) => cell(t, n, (r) => (r.zoom.length
      ? `${ms(median(r.zoom))} / ${ms(max(r.zoom))}; ${ms(median(net(r.zoom, r.idle)))}` : "–")));
}
for (const n of SIZES) {
  row(`the harness's own cost per step (an unchanged frame), ${num(n)} events`,
    (t) => cell(t, n, (r) => ms(median(r.idle))));
}
for (const n of SIZES) {
  row(`search keystroke → frame, ${num(n)} events (median / worst main thread; median net of a plain input's)`,
    (t) => cell(t, n, (r) => (r.keys
      ? `${ms(median(r.keys))} / ${ms(max(r.keys))}; ${ms(median(net(r.keys, r.plainKeys)))}` : "none")));
}
for (const n of SIZES) {
  row(`search typed right after focusing, ${num(n)} events: results shown after the last key`,
    (t) => cell(t, n, (r) => (r.searchWait === undefined ? "none" : ms(r.searchWait))));
}
for (const n of SIZES) {
  row(`memory after load, ${num(n)} events (JS heap + wasm, per event; DOM nodes)`,
    (t) => cell(t, n, (r) => `${num(Math.round(r.bytesPerEvent))} B; ${num(r.nodes)} nodes`));
}
for (const n of SIZES) {
  row(`longest task after the first frame, ${num(n)} events`, (t) => cell(t, n, (r) => ms(r.longest)));
}
row("what a page loads (gzip -9)", (t) => `${(size[t] / 1024).toFixed(1)} KB`);
let text = `${lines.join("\n")}\n`;
if (cyc.length) {
  text += "\nTimescope, 1,000 load/destroy cycles in one page (after garbage collection):\n\n" +
    "| cycles | DOM nodes | JS listeners | JS heap | wasm memory |\n|---|---|---|---|---|\n" +
    cyc.map((c) => `| ${num(c.cycles)} | ${c.nodes} | ${c.listeners} | ${(c.heap / 1048576).toFixed(2)} MiB | ` +
      `${(c.wasm / 1048576).toFixed(2)} MiB |`).join("\n") + "\n";
}
const stamp = `Measured ${new Date().toISOString().slice(0, 10)} with \`node bench/run.mjs${process.argv.slice(2).map((a) => ` ${a}`).join("")}\`, ` +
  `Chromium ${version} headless, 1280×720${REPS > 1 ? `, median of ${REPS} runs in turns, size by size, in alternating order` : ""}.\n\n`;
console.log(text);
// A build against itself (`--against .`) measures the method's own spread: bench/noise.md.
const same = against && resolve(against) === resolve(root);
if (against) writeFileSync(`${root}/bench/${same ? "noise" : "before-after"}.md`, stamp + text);
else if (!only && !sizesArg) writeFileSync(`${root}/bench/results.md`, stamp + text);
