// Frame time in the browser: layout and painting of one frame while panning 100,000 and
// 1,000,000 generated events, measured around each animation-frame callback (main-thread
// time of the frame the widget draws). Prints a table; fails if a frame gets slow or if cost
// grows with the number of events that are not on screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useBrowser } from "./browser.mjs";

const env = useBrowser();
let page;

before(async () => {
  await env.ready();
  page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  // Time every animation-frame callback (the widget draws in exactly one per change).
  await page.addInitScript(() => {
    const raf = window.requestAnimationFrame.bind(window);
    window.frameTimes = [];
    window.rawFrame = raf;
    window.requestAnimationFrame = (cb) => raf((t) => {
      const s = performance.now();
      cb(t);
      const drawn = performance.now();
      // Reading one pixel back makes the canvas rasterize now (software raster here, on the
      // main thread), so the second figure includes filling the pixels too.
      document.querySelector(".ts-canvas")?.getContext("2d").getImageData(0, 0, 1, 1);
      window.frameTimes.push([drawn - s, performance.now() - s]);
      window.frameEnd = performance.now();
    });
  });
  await page.goto(env.base + "/");
  await page.waitForFunction(() => document.querySelectorAll(".ts-list li").length > 0);
});

const YEAR = 365.25 * 864e5;
const T0 = Date.UTC(2000, 0, 1);

/** Loads `n` events spread over `years` from 2000 (native JSON, 8 groups, points and ranges,
 * generated in the page with a fixed seed); returns the load time in ms. */
function load(n, years) {
  return page.evaluate(([n, years, T0, YEAR]) => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
    const parts = new Array(n);
    for (let i = 0; i < n; i++) {
      const t = T0 + rnd() * years * YEAR;
      const start = new Date(t).toISOString().slice(0, 16);
      const end = i % 5 === 0 ? `,"end":"${new Date(t + rnd() * 30 * 864e5).toISOString().slice(0, 16)}"` : "";
      parts[i] = `{"start":"${start}"${end},"headline":"Event ${i}","group":"G${i % 8}"}`;
    }
    const text = `[${parts.join(",")}]`;
    const s = performance.now();
    window.timeline.load(text);
    return performance.now() - s;
  }, [n, years, T0, YEAR]);
}

/** Pans `steps` frames from [a, b] by `dx` of the span each, one frame each; returns the
 * frames' times in ms: [drawing calls, with rasterizing], one pair per frame. */
function pan(a, b, steps, dx) {
  return page.evaluate(async ([a, b, steps, dx]) => {
    const next = () => new Promise((r) => window.rawFrame(r));
    window.timeline.setRange(a, b);
    await next();
    await next();
    window.frameTimes = [];
    for (let k = 1; k <= steps; k++) {
      const d = (b - a) * dx * k;
      window.timeline.setRange(a + d, b + d);
      await next();
    }
    return window.frameTimes.slice();
  }, [a, b, steps, dx]);
}

const median = (xs) => { const s = [...xs].sort((p, q) => p - q); return s[s.length >> 1]; };
const rows = [];
/** Median and worst of both figures, as a table row. */
function row(what, times) {
  const calls = times.map((t) => t[0]), all = times.map((t) => t[1]);
  const r = { calls: median(calls), callsWorst: Math.max(...calls), all: median(all), allWorst: Math.max(...all) };
  rows.push([what, ...[r.calls, r.callsWorst, r.all, r.allWorst].map((v) => v.toFixed(1))]);
  return r;
}

test("panning 100,000 and 1,000,000 events stays within a frame's budget", async () => {
  const views = [["10 years (all)", 0, 10], ["1 year", 4, 5], ["1 week", 4.5, 4.5 + 7 / 365.25]];
  for (const n of [100_000, 1_000_000]) {
    const ms = await load(n, 10);
    assert.equal(await page.evaluate(() => window.timeline.eventCount()), n);
    rows.push([`load ${n.toLocaleString("en")} events (native JSON)`, ms.toFixed(0), "", "", ""]);
    for (const [name, a, b] of views) {
      const r = row(`${n.toLocaleString("en")} events, ${name} in view`,
        await pan(T0 + a * YEAR, T0 + b * YEAR, 60, 0.01));
      // 60 frames a second leaves 16 ms; the drawing calls get half of it. Rasterizing in
      // software (no GPU here) must still keep 30 frames a second.
      assert.ok(r.calls <= 8, `median drawing ${r.calls} ms at ${n}, ${name}`);
      assert.ok(r.all <= 33, `median frame with raster ${r.all} ms at ${n}, ${name}`);
    }
  }
});

test("frame cost does not grow with events off screen", async () => {
  // The same density in view (1,000 events a year), with 1,000 and 1,000,000 events in all.
  const week = 7 * 864e5;
  const a = T0 + 0.5 * YEAR;
  await load(1_000, 1);
  await pan(a, a + 8 * week, 10, 0.01); // warm up
  const few = row("8 weeks in view, 1,000 events in all", await pan(a, a + 8 * week, 60, 0.01));
  await load(1_000_000, 1_000);
  const many = row("8 weeks in view, 1,000,000 events in all", await pan(a, a + 8 * week, 60, 0.01));
  assert.ok(many.all <= few.all * 2 + 1, `${many.all} ms with 1,000,000 vs ${few.all} ms with 1,000`);
});

/** Types `text` into the search box at once (one input event) and waits until the count
 * stops saying "Searching…"; returns what it said first and last, the wait, and the longest
 * task meanwhile. */
function search(text) {
  return page.evaluate(async (text) => {
    const tasks = [];
    const seen = new PerformanceObserver((l) => { for (const e of l.getEntries()) tasks.push(e.duration); });
    seen.observe({ type: "longtask" });
    const q = document.querySelector(".ts-q"), n = document.querySelector(".ts-n");
    q.focus();
    q.value = text;
    q.dispatchEvent(new Event("input", { bubbles: true }));
    const first = n.textContent, t0 = performance.now();
    while (n.textContent === "Searching…" && performance.now() - t0 < 30000) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const wait = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 100)); // a long task is reported after it ends
    seen.disconnect();
    return { first, last: n.textContent, wait, longest: Math.max(0, ...tasks) };
  }, text);
}

test("a search typed while the index is built waits for it without holding the page, at 1,000,000 events", async () => {
  await load(1_000_000, 10);
  // The reader comes to the box and types at once: the index is built in slices between
  // tasks (built at once, it was one task of about half a second), the count says
  // "Searching…", and the result shows when the index is done.
  const r = await search("event 4242");
  rows.push(["longest task while the index is built, 1,000,000", r.longest.toFixed(1), "", "", ""]);
  rows.push(["search typed at once: result after, 1,000,000", r.wait.toFixed(0), "", "", ""]);
  assert.equal(r.first, "Searching…");
  assert.equal(r.last, "111 of 1000000 events"); // 4242, 42420–42429, 424200–424299
  assert.ok(r.longest < 100, `a task of ${r.longest} ms while the search index was built`);
  // Built now: the next search answers within the input event.
  const again = await search("event 42424");
  assert.equal(again.first, "11 of 1000000 events"); // 42424, 424240–424249
  assert.equal((await search("")).first, "1000000 events");
});

test("a search keystroke reaches the screen quickly at 100,000 events", async () => {
  await load(100_000, 10);
  await search("zzz"); // the index is built (the result waits for it)
  assert.equal((await search("")).first, "100000 events");
  // Types "event 4242" into the search box one character at a time, then deletes it again.
  // For each keystroke: the main-thread work it causes (the input handler: search, filter,
  // layout, list and chips; then the frame that shows it, with raster), and the wall time
  // from the input event to the end of that frame (which also waits for the display's next
  // frame, up to 16.7 ms at 60 Hz).
  const times = await page.evaluate(async () => {
    const next = () => new Promise((r) => window.rawFrame(r));
    const q = document.querySelector(".ts-q");
    const word = "event 4242";
    const steps = [];
    for (let k = 1; k <= word.length; k++) steps.push(word.slice(0, k));
    for (let k = word.length - 1; k >= 0; k--) steps.push(word.slice(0, k));
    const out = [];
    for (const text of steps) {
      await next();
      window.frameTimes = [];
      const t0 = performance.now();
      q.value = text;
      q.dispatchEvent(new Event("input", { bubbles: true }));
      const handler = performance.now() - t0;
      await next();
      await next();
      const frame = window.frameTimes.reduce((a, t) => a + t[1], 0);
      out.push([text, handler + frame, window.frameEnd - t0, document.querySelector(".ts-n").textContent]);
    }
    return out;
  });
  const work = times.map((t) => t[1]), wall = times.map((t) => t[2]);
  rows.push(["search keystroke, main-thread work, 100,000", median(work).toFixed(1), Math.max(...work).toFixed(1), "", ""]);
  rows.push(["search keystroke to frame end (wall), 100,000", median(wall).toFixed(1), Math.max(...wall).toFixed(1), "", ""]);
  // The first keystroke found the index ready (built in the slices above, not now).
  assert.ok(times[0][1] < 100, `first keystroke ${times[0][1]} ms`);
  assert.equal(times.find((t) => t[0] === "event 4242")[3], "11 of 100000 events");
  assert.equal(times.at(-1)[3], "100000 events");
  // The target is 16 ms; this guards what is reached now (see the README).
  assert.ok(median(work) <= 33, `median keystroke work ${median(work)} ms`);
});

after(() => {
  console.log("\nms per frame, main thread          drawing calls: median worst   with raster: median worst");
  for (const [what, ...v] of rows) console.log(`${what.padEnd(46)} ${v.map((x) => x.padStart(7)).join(" ")}`);
});
