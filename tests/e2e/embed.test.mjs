// End-to-end tests of the three ways into an article and of sharing what a reader sees: the
// pages under the Content-Security-Policy (any securitypolicyviolation fails), the
// <time-scope> element (two on a page, live attributes, errors, removal), the iframe embed
// (postMessage height, its own URL hash), the demo's URL hash (restore, Back/Forward), the
// overview strip and the embed-code generator.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { CSP } from "../../scripts/serve.mjs";
import { colours, useBrowser } from "./browser.mjs";

const env = useBrowser();
mkdirSync("test-results", { recursive: true });

/** A page that records CSP violations, console errors, page errors and off-origin requests. */
async function open(path, { width = 1280, height = 900 } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems = [];
  const expected = /ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|404 \(Not Found\)/;
  page.on("console", (m) => {
    if ((m.type() === "error" || m.type() === "warning") && !expected.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  // Media the data names may come from anywhere (img-src *); nothing else may.
  page.on("request", (r) => {
    if (r.resourceType() !== "image" && !r.url().startsWith(env.base) && !r.url().startsWith("data:")) problems.push(`off-origin: ${r.url()}`);
  });
  await context.addInitScript(() => {
    window.violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const res = await page.goto(env.base + path);
  return { context, page, problems, res };
}

const violations = (frame) => frame.evaluate(() => window.violations);
const settle = (page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));

test("every page works under the CSP with no violation: demo, iframe embed, element", async () => {
  for (const [path, ready] of [
    ["/", "#timeline .ts-list li"],
    ["/embed.html?src=data/idlib-2018.json", ".ts-list li"],
    ["/element.html", "#b .ts-list li"],
  ]) {
    const { context, page, problems, res } = await open(path);
    assert.equal(res.headers()["content-security-policy"], CSP, path);
    await page.waitForSelector(ready, { state: "attached" });
    // Exercise what could trip the policy: search, a chip, the card with rich text.
    await page.locator(".ts-q").first().fill("turkey");
    await page.locator(".ts-chip").first().click();
    await page.locator(".ts-stage").first().focus();
    await page.keyboard.press("Home");
    await page.keyboard.press("Enter");
    await settle(page);
    assert.ok(await colours(page) > 20, `${path}: drawn`);
    assert.deepEqual(await violations(page), [], `${path}: no securitypolicyviolation`);
    assert.deepEqual(problems, [], `${path}: no errors`);
    await context.close();
  }
});

test("<time-scope>: two independent on a page, live attributes, a readable error, cleanup on removal", async () => {
  const { context, page, problems } = await open("/element.html");
  await page.waitForSelector("#a .ts-list li", { state: "attached" });
  await page.waitForSelector("#b .ts-list li", { state: "attached" });
  const state = () => page.evaluate(() => ["a", "b"].map((id) => {
    const el = document.getElementById(id);
    return { cls: el.querySelector(".ts")?.className, items: el.querySelectorAll(".ts-list li").length,
      selected: el.timeline?.selected() ?? null, max: el.querySelector(".ts-stage")?.style.maxHeight };
  }));
  let [a, b] = await state();
  assert.equal(a.items, 12);
  assert.ok(b.items > 0 && b.items !== 12, `the second has its own data (CSV): ${b.items}`);
  assert.equal(b.cls, "ts ts-dark");
  assert.notEqual(a.cls, "ts ts-dark");
  assert.equal(a.max, "420px", "height attribute");
  assert.notEqual(b.selected, null, "start=first selects the first event");
  await page.screenshot({ path: "test-results/element-page.png", fullPage: true });
  // Attributes change live: theme, then the data.
  await page.evaluate(() => document.getElementById("a").setAttribute("theme", "contrast"));
  await page.waitForFunction(() => document.querySelector("#a .ts")?.className === "ts ts-contrast");
  [, b] = await state();
  assert.equal(b.cls, "ts ts-dark", "the other one is untouched");
  // dim: a filter greys what it leaves out, which stays in the list too.
  await page.evaluate(() => document.getElementById("a").setAttribute("dim", ""));
  await page.waitForFunction(() => document.getElementById("a").timeline?.setFilter({ groups: ["Diplomacy"] }) === 3 &&
    document.querySelectorAll("#a .ts-list li").length === 12);
  await page.evaluate(() => document.getElementById("a").setAttribute("src", "data/examples/eras.json"));
  await page.waitForFunction(() => document.querySelector("#a .ts-title")?.textContent !== "Calm before the storm in Idlib" &&
    document.querySelectorAll("#a .ts-list li").length > 0);
  // A missing file: an alert that says what and where.
  const loaded = page.evaluate(() => new Promise((ok) => document.getElementById("a").addEventListener("error", (e) => ok(e.detail), { once: true })));
  await page.evaluate(() => document.getElementById("a").setAttribute("src", "data/missing.json"));
  const message = await loaded;
  assert.match(message, /data\/missing\.json.*404/);
  assert.equal(await page.textContent("#a [role=alert]"), message);
  // Removal: the timeline is destroyed and its elements are gone; the other keeps working.
  await page.evaluate(() => {
    window.removed = document.getElementById("b");
    window.removed.remove();
  });
  assert.deepEqual(await page.evaluate(() => [window.removed.timeline, window.removed.children.length]), [null, 0]);
  await page.evaluate(() => document.getElementById("a").setAttribute("src", "data/idlib-2018.json"));
  await page.waitForSelector("#a .ts-list li", { state: "attached" });
  await page.locator("#a .ts-stage").focus();
  await page.keyboard.press("End");
  assert.equal(await page.evaluate(() => document.getElementById("a").timeline.selected()), "no-all-out-offensive-yet", "End selects the last event");
  // Put back, it shows its timeline again.
  await page.evaluate(() => document.body.append(window.removed));
  await page.waitForSelector("#b .ts-list li", { state: "attached" });
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("iframe embed: the parent sizes the frame from postMessage, and the frame keeps its state in its own hash", async () => {
  // The snippet the demo's generator writes, served as a newsroom's article page.
  const { context, page, problems } = await open("/");
  await page.waitForSelector("#embed-iframe:not(:empty)", { state: "attached" });
  const snippet = await page.textContent("#embed-iframe");
  assert.match(snippet, /<iframe class="timescope" src="http:\/\/127\.0\.0\.1:\d+\/embed\.html\?src=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fdata%2Fidlib-2018\.json"/);
  const element = await page.textContent("#embed-element");
  assert.match(element, /<script type="module" src="http:\/\/127\.0\.0\.1:\d+\/pkg\/time-scope\.js"><\/script>\n<time-scope src="http:\/\/127\.0\.0\.1:\d+\/data\/idlib-2018\.json" height="480"><\/time-scope>/);
  await page.selectOption("#embed-theme", "dark");
  assert.match(await page.textContent("#embed-element"), / theme="dark"/);
  // The dim box adds the attribute and the parameter, and dims the demo above.
  await page.check("#embed-dim");
  assert.match(await page.textContent("#embed-element"), / theme="dark" dim height=/);
  assert.match(await page.textContent("#embed-iframe"), /&amp;theme=dark&amp;dim"/);
  assert.equal(await page.evaluate(() => window.timeline.setFilter({ groups: ["Diplomacy"] })), 3);
  assert.equal(await page.locator("#timeline .ts-list li").count(), 12);
  await page.uncheck("#embed-dim");
  assert.equal(await page.locator("#timeline .ts-list li").count(), 3);
  await context.route(`${env.base}/article.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><title>Article</title><p>Before</p>${snippet}<p>After</p>`,
  }));
  await page.goto(`${env.base}/article.html`);
  const frame = page.locator("iframe.timescope");
  await page.waitForFunction(() => {
    const f = document.querySelector("iframe.timescope");
    return f.style.height && f.style.height !== "600px";
  });
  const inner = page.frames().find((f) => f.url().includes("embed.html"));
  await inner.waitForSelector(".ts-list li", { state: "attached" });
  await settle(inner);
  const [frameH, docH] = [parseFloat(await frame.evaluate((f) => f.style.height)),
    await inner.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height))];
  assert.equal(frameH, docH, "the frame is as tall as its page");
  await page.screenshot({ path: "test-results/iframe-embed.png", fullPage: true });
  // Select an event in the frame: its own URL says so (after the write settles).
  await inner.evaluate(() => window.timeline.select("air-raids-intensify"));
  await inner.waitForFunction(() => location.hash.includes("event=air-raids-intensify"));
  const url = inner.url();
  // The same URL opened as a frame restores the selection.
  await page.evaluate((u) => { document.querySelector("iframe.timescope").src = u; }, url.replace("#", "&again=1#"));
  await page.waitForFunction(() => {
    const w = document.querySelector("iframe.timescope").contentWindow;
    return w.location.search.includes("again") && w.timeline?.selected() === "air-raids-intensify";
  });
  assert.deepEqual(await page.evaluate(() => document.querySelector("iframe.timescope").contentWindow.violations), []);
  // `&dim`: the frame greys what a filter leaves out instead of hiding it.
  await page.goto(`${env.base}/embed.html?src=data%2Fidlib-2018.json&dim`);
  await page.waitForSelector(".ts-list li", { state: "attached" });
  assert.equal(await page.evaluate(() => window.timeline.setFilter({ groups: ["Diplomacy"] })), 3);
  assert.equal(await page.locator(".ts-list li").count(), 12);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the URL hash: a shared link restores the filter, range and event; Back and Forward step through changes", async () => {
  const from = Date.UTC(2018, 7, 1), to = Date.UTC(2018, 8, 30);
  const { context, page, problems } = await open(`/#q=russia&groups=Air%20strikes,US%E2%80%93Russia&from=2018-08-01&to=2018-09-30&event=russia-warns-us-military-twice`);
  await page.waitForSelector("#timeline .ts-list li", { state: "attached" });
  await page.waitForFunction(() => window.timeline.selected() === "russia-warns-us-military-twice");
  const s = await page.evaluate(() => ({ q: document.querySelector(".ts-q").value, range: window.timeline.range(),
    pressed: [...document.querySelectorAll(".ts-chip[aria-pressed=true]")].map((c) => c.childNodes[1].data),
    n: document.querySelector(".ts-n").textContent }));
  assert.equal(s.q, "russia");
  assert.deepEqual(s.pressed, ["Air strikes", "US–Russia"]);
  assert.match(s.n, /^\d+ of 12 events$/);
  assert.ok(Math.abs(s.range[0] - from) < 864e5 && Math.abs(s.range[1] - to) < 864e5, `range ${s.range}`);
  // A change of selection is a new history entry; Back restores the shared state.
  await page.locator(".ts-stage").focus();
  await page.keyboard.press("Home");
  await page.waitForFunction(() => /event=(?!russia-warns-us-military-twice)/.test(location.hash));
  const first = await page.evaluate(() => window.timeline.selected());
  assert.notEqual(first, "russia-warns-us-military-twice");
  await page.goBack();
  await page.waitForFunction(() => window.timeline.selected() === "russia-warns-us-military-twice");
  await page.goForward();
  await page.waitForFunction((id) => window.timeline.selected() === id, first);
  // Clearing the filter writes a hash without it; Back brings the filter back.
  await page.locator(".ts-q").fill("");
  while (await page.locator(".ts-chip[aria-pressed=true]").count()) await page.locator(".ts-chip[aria-pressed=true]").first().click();
  await page.waitForFunction(() => !/q=|groups=/.test(location.hash));
  assert.equal(await page.textContent(".ts-n"), "12 events");
  await page.goBack();
  await page.waitForFunction(() => /groups=/.test(location.hash) || /q=russia/.test(location.hash));
  await page.waitForFunction(() => document.querySelector(".ts-n").textContent !== "12 events");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the overview strip: dragging its window moves the visible range, a press beside it jumps there", async () => {
  const { context, page, problems } = await open("/");
  await page.waitForSelector("#timeline .ts-list li", { state: "attached" });
  await page.evaluate(() => window.timeline.setRange(Date.UTC(2018, 0, 1), Date.UTC(2018, 2, 1)));
  await settle(page);
  const b = await page.locator(".ts-canvas").boundingBox();
  const y = b.y + b.height - 18;
  const r0 = await page.evaluate(() => window.timeline.range());
  const span = r0[1] - r0[0];
  // A press mid-strip: the window (Jan–Mar 2018, right of the middle) jumps to centre there.
  const x0 = b.x + 8 + (b.width - 16) * 0.5;
  await page.mouse.click(x0, y);
  await settle(page);
  const rJ = await page.evaluate(() => window.timeline.range());
  assert.ok(rJ[0] < r0[0], `the window jumped back to the press: ${rJ} from ${r0}`);
  // Then a drag of the window (now under the pointer) moves it.
  await page.mouse.move(x0, y);
  await page.mouse.down();
  await page.mouse.move(x0 + 100, y, { steps: 5 });
  await page.mouse.up();
  await settle(page);
  const r1 = await page.evaluate(() => window.timeline.range());
  assert.ok(r1[0] > rJ[0], "dragged right: later times");
  assert.ok(Math.abs(r1[1] - r1[0] - span) < span * 0.01, "keeping its span");
  // A press beside the window, near the strip's end, jumps there.
  await page.mouse.move(b.x + b.width - 12, y);
  await page.mouse.down();
  await page.mouse.up();
  await settle(page);
  const r2 = await page.evaluate(() => window.timeline.range());
  assert.ok(r2[1] > r1[1], "a press near the end shows later times");
  assert.equal(await page.evaluate(() => window.timeline.selected() ?? null), null, "presses on the strip never select");
  await page.screenshot({ path: "test-results/overview.png" });
  assert.deepEqual(problems, []);
  await context.close();
});
