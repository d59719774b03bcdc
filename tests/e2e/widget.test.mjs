// End-to-end tests of the widget as a reader meets it: touch (swipe, pinch, tap on a
// cluster), double-click, hover tooltip, the hidden list's buttons, locale, themes, a
// container that starts hidden, and every example explored with the keyboard. The texts the
// canvas draws are recorded by wrapping fillText (test instrumentation, not in the page).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { colours, useBrowser } from "./browser.mjs";

const env = useBrowser();
mkdirSync("test-results", { recursive: true });

/** The demo page with the Idlib timeline drawn; `drawn()` gives the texts of the last frame. */
async function open({ width = 1280, height = 900, touch = false, media = {} } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height }, hasTouch: touch, isMobile: false });
  const page = await context.newPage();
  const problems = [];
  // Not problems: media URLs in the examples point off-site (no network here), and this
  // test's own pixel reads make Chromium suggest willReadFrequently.
  const expected = /ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|willReadFrequently/;
  page.on("console", (m) => {
    if ((m.type() === "error" || m.type() === "warning") && !expected.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  if (Object.keys(media).length) await page.emulateMedia(media);
  await page.addInitScript(() => {
    const raf = window.requestAnimationFrame.bind(window);
    window.rawFrame = raf;
    window.frames = 0;
    window.drawn = [];
    // Each widget frame starts a new record of the texts drawn.
    window.requestAnimationFrame = (cb) => raf((t) => { window.drawn = []; window.frames++; cb(t); });
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
      window.drawn.push(String(text));
      return fill.call(this, text, ...rest);
    };
  });
  await page.goto(env.base + "/");
  await page.waitForFunction(() => document.querySelectorAll(".ts-list li").length > 0 &&
    document.querySelector(".ts-canvas").height > 100);
  await settle(page);
  return { page, context, problems };
}

/** Waits until the widget has drawn and stopped animating. */
async function settle(page) {
  await page.evaluate(async () => {
    const next = () => new Promise((r) => window.rawFrame(r));
    let last = -1;
    while (last !== window.frames) { last = window.frames; await next(); await next(); }
  });
}
const range = (page) => page.evaluate(() => window.timeline.range());
const span = (r) => r[1] - r[0];
const drawn = (page) => page.evaluate(() => window.drawn.slice());
const box = (page) => page.locator(".ts-canvas").boundingBox();
/** x of time `t` on the canvas in CSS pixels. */
const xOf = (r, b, t) => (t - r[0]) / span(r) * b.width;
/** A hash of the canvas pixels. */
const pixels = (page) => page.evaluate(() => {
  const c = document.querySelector(".ts-canvas");
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let h = 0;
  for (let i = 0; i < d.length; i += 4) h = (h * 31 + d[i] + d[i + 1] * 7 + d[i + 2] * 13) >>> 0;
  return h;
});
/** The first y (CSS px) at column x where the canvas shows the given group colour (r,g,b). */
const firstY = (page, x, from) => page.evaluate(([x, from]) => {
  const c = document.querySelector(".ts-canvas");
  const k = c.width / c.clientWidth;
  const d = c.getContext("2d").getImageData(Math.round(x * k), 0, 1, c.height).data;
  const bg = [d[0], d[1], d[2]];
  for (let y = Math.round(from * k); y < c.height; y++) {
    const i = y * 4;
    if (Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) > 200) return y / k;
  }
  return -1;
}, [x, from]);

/** Loads a timeline: 40 events within an hour on 1 June 2020 (a cluster at the yearly
 * overview, which is shown: the first view would narrow to where headlines read) and one at
 * each end of the year. */
async function loadCluster(page) {
  const events = [{ start: "2020-01-01", headline: "New year" }, { start: "2020-12-31", headline: "Year end" }];
  for (let i = 0; i < 40; i++) events.push({ start: `2020-06-01T12:${String(i).padStart(2, "0")}`, headline: `Crowd ${i}` });
  await page.evaluate((t) => { window.timeline.load(t); window.timeline.fit(); }, JSON.stringify({ events }));
  await settle(page);
}

/** Sends touch points [[x, y], …] through the DevTools protocol (one session per page). */
const sessions = new WeakMap();
async function touch(page, type, points) {
  if (!sessions.has(page)) sessions.set(page, await page.context().newCDPSession(page));
  await sessions.get(page).send("Input.dispatchTouchEvent",
    { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
}

test("touch: a swipe pans, a pinch zooms, a tap on a cluster zooms into it", async () => {
  const { page, context, problems } = await open({ width: 390, height: 844, touch: true });
  await loadCluster(page);
  const b = await box(page);
  let r = await range(page);
  const x = xOf(r, b, Date.UTC(2020, 5, 1, 12, 20));
  const y = await firstY(page, x, 50);
  assert.ok(y > 48, "the cluster is drawn below the axis");
  // 40 events at one instant fill a band's four lanes: a cluster of 10 in each.
  assert.ok((await drawn(page)).includes("10"), "the cluster shows its count");
  // Tap on the cluster.
  await touch(page, "touchStart", [[b.x + x, b.y + y + 4]]);
  await touch(page, "touchEnd", []);
  await settle(page);
  const r1 = await range(page);
  assert.ok(span(r1) < span(r) / 4, "the tap zoomed in");
  assert.ok(r1[0] <= Date.UTC(2020, 5, 1, 12) && r1[1] >= Date.UTC(2020, 5, 1, 12, 39), "onto the cluster");
  // Swipe left: later times come into view.
  const my = b.y + b.height - 48; // above the overview strip
  await touch(page, "touchStart", [[b.x + 300, my]]);
  for (let k = 1; k <= 8; k++) await touch(page, "touchMove", [[b.x + 300 - k * 20, my]]);
  await touch(page, "touchEnd", []);
  await settle(page);
  const r2 = await range(page);
  assert.ok(r2[0] > r1[0], "the swipe panned to later times");
  assert.ok(Math.abs(span(r2) - span(r1)) < span(r1) * 0.01, "without zooming");
  // Pinch out (fingers apart): zoom in; pinch in: zoom out.
  const pinch = async (from, to) => {
    await touch(page, "touchStart", [[b.x + 195 - from, my], [b.x + 195 + from, my]]);
    for (let k = 1; k <= 6; k++) {
      const d = from + (to - from) * k / 6;
      await touch(page, "touchMove", [[b.x + 195 - d, my], [b.x + 195 + d, my]]);
    }
    await touch(page, "touchEnd", []);
    await settle(page);
  };
  await pinch(40, 120);
  const r3 = await range(page);
  assert.ok(span(r3) < span(r2) * 0.5, `pinching out zoomed in (${span(r3) / span(r2)})`);
  await pinch(120, 40);
  const r4 = await range(page);
  assert.ok(span(r4) > span(r3) * 2, "pinching in zoomed out");
  assert.deepEqual(problems, []);
  await context.close();
});

test("double-click zooms in around the pointer; a click on a cluster zooms into it", async () => {
  const { page, context, problems } = await open();
  const b = await box(page);
  const r = await range(page);
  const t = Date.UTC(2018, 8, 1);
  await page.mouse.dblclick(b.x + xOf(r, b, t), b.y + 30); // on the axis, not an event
  await settle(page);
  const r1 = await range(page);
  assert.ok(span(r1) < span(r) * 0.75, "zoomed in");
  assert.ok(Math.abs(xOf(r1, b, t) - xOf(r, b, t)) < 2, "the time under the pointer stays put");
  await loadCluster(page);
  const r2 = await range(page);
  const x = xOf(r2, b, Date.UTC(2020, 5, 1, 12, 20));
  await page.mouse.click(b.x + x, b.y + (await firstY(page, x, 50)) + 4);
  await settle(page);
  assert.ok(span(await range(page)) < span(r2) / 4);
  assert.deepEqual(problems, []);
  await context.close();
});

test("hovering an event shows its headline and date in a tooltip, leaving hides it", async () => {
  const { page, context, problems } = await open();
  const b = await box(page);
  const r = await range(page);
  const x = xOf(r, b, Date.UTC(2018, 8, 1));
  const y = await firstY(page, x, 72);
  const before = await pixels(page);
  await page.mouse.move(b.x + x + 2, b.y + y + 3);
  await settle(page);
  const texts = await drawn(page);
  assert.ok(texts.some((s) => /Air raids|air strikes|Syrian/i.test(s)), `tooltip headline in ${texts.join(" | ")}`);
  assert.ok(texts.some((s) => /Sep(tember)? 2018/.test(s)), `and its date in ${texts.join(" | ")}`);
  assert.notEqual(await pixels(page), before);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector(".ts-stage")).cursor), "pointer");
  await page.mouse.move(b.x + b.width / 2, b.y - 40);
  await settle(page);
  assert.equal(await pixels(page), before, "leaving restores the picture");
  assert.deepEqual(problems, []);
  await context.close();
});

test("choosing an event in the hidden list selects it on the canvas and opens its card", async () => {
  const { page, context, problems } = await open();
  const button = page.locator('.ts-list button[data-i="5"]');
  const text = await button.textContent();
  await button.evaluate((b) => b.click()); // as a screen reader activates it
  await page.waitForSelector(".ts-card:not([hidden])");
  assert.equal(await button.getAttribute("aria-current"), "true");
  assert.ok(text.startsWith(await page.textContent(".ts-card-title")), "the card shows that event");
  assert.match(await page.textContent(".ts-live"), /Event 6 of 12/);
  assert.match(await page.textContent(".ts-card-count"), /6 of 12/);
  // Next in the card walks on, and the list follows.
  await page.getByRole("button", { name: "Next event" }).click();
  assert.equal(await page.locator('.ts-list button[data-i="6"]').getAttribute("aria-current"), "true");
  assert.equal(await page.locator(".ts-list [aria-current]").count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Creates a second timeline in a new container after the first, with `options`. */
async function second(page, options, { hidden = false } = {}) {
  await page.evaluate(async ([options, hidden]) => {
    const { Timeline } = await import("/pkg/timescope.js");
    const div = document.createElement("div");
    div.id = "second";
    div.hidden = hidden;
    document.querySelector("#timeline").after(div);
    window.second = new Timeline(div, options);
    window.second.load(await (await fetch("/data/idlib-2018.json")).text());
  }, [options, hidden]);
  await settle(page);
}

test("locale: axis labels come from Intl in the chosen language", async () => {
  const { page, context, problems } = await open();
  await second(page, { locale: "fr" });
  await page.evaluate(() => window.second.setRange(Date.UTC(2018, 6, 1), Date.UTC(2018, 9, 1)));
  await settle(page);
  const fr = await drawn(page);
  assert.ok(fr.some((s) => /^(juillet|août|septembre) 2018$/.test(s)), `French months in ${fr.join(" | ")}`);
  await page.evaluate(() => window.timeline.setRange(Date.UTC(2018, 6, 1), Date.UTC(2018, 9, 1)));
  await settle(page);
  const en = await drawn(page);
  assert.ok(en.includes("August 2018") && !en.some((s) => /août/.test(s)),
    `the first timeline keeps its locale: ${en.join(" | ")}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("locale: the axis stays in the Gregorian calendar its ticks are placed in (Persian, Thai)", async () => {
  const { page, context, problems } = await open();
  await page.evaluate(() => window.timeline.destroy());
  for (const [locale, year, own] of [["fa", "۲۰۱۸", "۱۳۹۷"], ["th", "2018", "2561"]]) {
    await page.evaluate(() => document.querySelector("#second")?.remove());
    await second(page, { locale });
    await page.evaluate(() => window.second.setRange(Date.UTC(2018, 6, 1), Date.UTC(2018, 9, 1)));
    await settle(page);
    const labels = (await drawn(page)).join(" | ");
    assert.ok(labels.includes(year), `${locale}: the Gregorian year: ${labels}`);
    assert.ok(!labels.includes(own), `${locale}: not the locale's own calendar's year: ${labels}`);
    await page.evaluate(() => window.second.destroy());
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("themes: dark, contrast and the reader's preference", async () => {
  const { page, context, problems } = await open({ media: { colorScheme: "dark" } });
  assert.equal(await page.getAttribute(".ts", "class"), "ts ts-dark", "auto follows prefers-color-scheme");
  const bg = () => page.evaluate(() => {
    const c = document.querySelector(".ts-canvas");
    return [...c.getContext("2d").getImageData(2, c.height - Math.round(40 * devicePixelRatio), 1, 1).data].slice(0, 3);
  });
  assert.ok((await bg()).every((v) => v < 60), "dark canvas");
  await page.screenshot({ path: "test-results/theme-dark.png" });
  await page.emulateMedia({ colorScheme: "light", contrast: "more" });
  await settle(page);
  assert.equal(await page.getAttribute(".ts", "class"), "ts ts-contrast", "prefers-contrast: more");
  assert.deepEqual(await bg(), [0, 0, 0]);
  await page.locator(".ts-stage").focus();
  await page.keyboard.press("Enter");
  await page.screenshot({ path: "test-results/theme-contrast.png" });
  await page.emulateMedia({ colorScheme: "light", contrast: "no-preference" });
  await settle(page);
  assert.equal(await page.getAttribute(".ts", "class"), "ts ts-light");
  await second(page, { theme: "dark" });
  assert.equal(await page.getAttribute("#second .ts", "class"), "ts ts-dark", "an explicit theme wins");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a timeline created in a hidden container draws when it is shown", async () => {
  const { page, context, problems } = await open();
  await second(page, {}, { hidden: true });
  assert.equal(await page.evaluate(() => document.querySelector("#second .ts-canvas").clientWidth), 0);
  await page.evaluate(() => { document.getElementById("second").hidden = false; });
  await page.waitForFunction(() => document.querySelector("#second .ts-canvas").width > 800);
  await settle(page);
  const [r1, r2] = await page.evaluate(() => [window.timeline.range(), window.second.range()]);
  assert.ok(Math.abs(span(r1) - span(r2)) < span(r1) * 0.01, "the same overview as a visible one");
  assert.ok(await colours(page, "#second .ts-canvas") > 20, "drawn");
  assert.deepEqual(problems, []);
  await context.close();
});

test("every example can be explored with the keyboard alone", async () => {
  const { page, context, problems } = await open();
  const names = ["Women in computing (JSON)", "Women in computing (CSV)", "Cosmology",
    "Light, cosmic and human", "Eras", "Houston", "Mark Twain", "Idlib 2018"];
  for (const name of names) {
    await page.getByRole("button", { name, exact: true }).click();
    await page.waitForFunction((t) => document.getElementById("status").textContent.startsWith(t), name);
    await settle(page);
    const n = await page.evaluate(() => window.timeline.eventCount());
    await page.locator(".ts-stage").focus();
    await page.keyboard.press("Home");
    const seen = new Set([await page.evaluate(() => window.timeline.selected())]);
    for (let k = 1; k < n; k++) {
      await page.keyboard.press("ArrowRight");
      seen.add(await page.evaluate(() => window.timeline.selected()));
    }
    assert.equal(seen.size, n, `${name}: → reaches all ${n} events`);
    await page.keyboard.press("Enter");
    assert.ok(await page.locator(".ts-card").isVisible(), `${name}: Enter opens the card`);
    assert.match(await page.textContent(".ts-card-count"), new RegExp(`${n} of ${n}`));
    await page.keyboard.press("Escape");
    const r0 = await range(page);
    await page.keyboard.press("+");
    await page.keyboard.press("+");
    await settle(page);
    assert.ok(span(await range(page)) < span(r0), `${name}: + zooms in`);
    await page.keyboard.press("0");
    await settle(page);
    assert.equal(await page.evaluate(() => document.activeElement.className), "ts-stage");
    if (name === "Cosmology") {
      const texts = await drawn(page);
      assert.ok(texts.some((s) => /billion years ago$/.test(s)), `cosmological labels in ${texts.join(" | ")}`);
      await page.locator("#timeline").screenshot({ path: "test-results/cosmo.png" });
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("first views: Idlib opens on its September 2018 crowd, the cosmology on its millennia, Houston on a phone where headlines read; TimelineJS2 loads", async () => {
  const idlib = JSON.parse(readFileSync("www/data/idlib-2018.json", "utf8")).events.map((e) => e.headline);
  const cosmo = readFileSync("www/data/examples/cosmo-mixed.json", "utf8");
  const tl2 = readFileSync("tests/fixtures/timelinejs2/apollo11.json", "utf8");
  assert.equal(idlib.length, 12);
  for (const width of [1280, 375]) {
    const { page, context, problems } = await open({ width });
    const [a, b] = await range(page);
    if (width === 1280) {
      const texts = new Set(await drawn(page));
      const uncut = idlib.filter((h) => texts.has(h));
      assert.ok(uncut.length >= 10, `${uncut.length} of 12 headlines uncut: ${[...texts].join(" | ")}`);
    } else {
      // September 2018, not 2017–2019.
      assert.ok(a >= Date.UTC(2018, 7, 1) && b <= Date.UTC(2018, 10, 1),
        `${new Date(a).toISOString()} to ${new Date(b).toISOString()}`);
    }
    // Billions of years, then millennia: the view narrows to the millennia, which read.
    await page.evaluate((t) => window.timeline.load(t), cosmo);
    await settle(page);
    if (width === 1280) {
      const texts = await drawn(page);
      for (const h of ["First Manufactured Glass", "Galileo Points a Telescope at the Moon", "The First Photograph"]) {
        assert.ok(texts.includes(h), `${h} not in ${texts.join(" | ")}`);
      }
      await page.locator("#timeline").screenshot({ path: "test-results/first-view-cosmo-mixed-1280.png" });
    }
    const [c0, c1] = await range(page);
    assert.ok(c1 - c0 < 1e4 * 365.25 * 864e5, "the first view is not the whole 13.8 billion years");
    // A TimelineJS2 file, as it sits on newsroom servers.
    const report = await page.evaluate((t) => window.timeline.load(t), tl2);
    assert.equal(report.format, "timelinejs2");
    assert.equal(report.events, 8);
    assert.deepEqual(report.warnings, []);
    await settle(page);
    assert.ok((await drawn(page)).includes("The Eagle has landed"), (await drawn(page)).join(" | "));
    // Whitney Houston's fifty years: at a phone's width the first view narrows until the
    // headlines in it read whole (at least three events, half of them uncut).
    const houston = readFileSync("www/data/examples/houston.json", "utf8");
    const heads = JSON.parse(houston).events.map((e) => e.text.headline);
    await page.evaluate((t) => window.timeline.load(t), houston);
    await settle(page);
    const texts = new Set(await drawn(page));
    const whole = heads.filter((h) => texts.has(h));
    if (width === 375) {
      const [h0, h1] = await range(page);
      const inView = JSON.parse(houston).events.filter((e) => {
        const t = Date.UTC(Number(e.start_date.year), Number(e.start_date.month ?? 1) - 1, Number(e.start_date.day ?? 1));
        return t >= h0 && t <= h1;
      }).length;
      assert.ok(inView >= 3 && whole.length * 2 >= inView, `${whole.length} of ${inView} whole: ${[...texts].join(" | ")}`);
      await page.locator("#timeline").screenshot({ path: "test-results/first-view-houston-375.png" });
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("on a phone the card opens below the timeline and reads well", async () => {
  const { page, context, problems } = await open({ width: 375, height: 800, touch: true });
  await page.locator(".ts-stage").focus();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".ts-card:not([hidden])");
  const [stage, card] = [await page.locator(".ts-stage").boundingBox(), await page.locator(".ts-card").boundingBox()];
  assert.ok(card.y >= stage.y + stage.height, "below the canvas, not over it");
  assert.ok(card.x >= 0 && card.x + card.width <= 375, "within the screen");
  await page.screenshot({ path: "test-results/phone-card.png", fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test("a filter narrows the canvas, the hidden list and the keyboard walk together", async () => {
  const { page, context, problems } = await open();
  const count = (f) => page.evaluate((f) => window.timeline.setFilter(f), f);
  // Any case, any accents: "İDLİB" and "idlib" find the same events.
  const n = await count({ text: "İDLİB" });
  assert.ok(n > 0 && n < 12, `${n} events mention Idlib`);
  assert.equal(await count({ text: "idlib" }), n);
  assert.equal(await page.locator(".ts-list li").count(), n);
  await page.locator(".ts-stage").focus();
  await page.keyboard.press("Home");
  const seen = new Set([await page.evaluate(() => window.timeline.selected())]);
  for (let k = 0; k < 14; k++) {
    await page.keyboard.press("ArrowRight");
    seen.add(await page.evaluate(() => window.timeline.selected()));
  }
  assert.equal(seen.size, n, "the keys walk only the matches");
  await page.keyboard.press("Enter");
  assert.match(await page.textContent(".ts-card-count"), new RegExp(`^${n} of ${n}$`));
  // Groups (OR within) and text (AND across).
  assert.equal(await count({ groups: ["Diplomacy"] }), 3);
  assert.equal(await count({ groups: ["Diplomacy", "Humanitarian"] }), 4);
  assert.equal(await count({ groups: ["Diplomacy"], text: "turkey" }), 2);
  assert.equal(await count({ groups: ["Diplomacy"], text: "no such words" }), 0);
  assert.equal(await page.locator(".ts-list li").count(), 0);
  await settle(page);
  const texts = await drawn(page);
  assert.ok(!texts.includes("Air strikes"), "bands without matches are not drawn");
  assert.equal(await count(null), 12);
  assert.equal(await page.locator(".ts-list li").count(), 12);
  assert.deepEqual(problems, []);
  await context.close();
});

/** How many sampled pixels of the bands (above the overview strip) are vivid colour. */
const vivid = (page) => page.evaluate(() => {
  const c = document.querySelector(".ts-canvas");
  const k = c.width / c.clientWidth;
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height - Math.ceil(40 * k)).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 16) n += Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 80;
  return n;
});

test("dim: what a filter leaves out stays in place, greyed; the match buttons walk the matches", async () => {
  const { page, context, problems } = await open();
  const all = await vivid(page);
  const before = await drawn(page);
  const set = (f) => page.evaluate((f) => window.timeline.setFilter(f), f);
  // Hidden (the default): the other groups' bands and headlines go.
  assert.equal(await set({ groups: ["Diplomacy"] }), 3);
  await settle(page);
  const hidden = await drawn(page);
  assert.ok(!hidden.includes("Air strikes"));
  // Dimmed: every band and every headline drawn before is drawn again, but only the three
  // matches keep their colour.
  await page.evaluate(() => window.timeline.setDim(true));
  await settle(page);
  const dimmed = await drawn(page);
  assert.ok(dimmed.includes("Air strikes"), "bands without matches stay");
  const lost = before.filter((t) => !dimmed.includes(t));
  assert.deepEqual(lost, [], "nothing drawn before is missing");
  const lit = await vivid(page);
  assert.ok(lit > 0 && lit < all * 0.6, `vivid pixels ${lit} of ${all}`);
  assert.equal(await page.textContent(".ts-n"), "3 of 12 events");
  assert.equal(await page.locator(".ts-list li").count(), 12, "the hidden list keeps every event");
  // The match buttons go through the three matches, the arrow keys through all twelve.
  const selected = () => page.evaluate(() => window.timeline.selected());
  // From the whole span: the first view frames September 2018, and the match buttons walk
  // on from what is in view.
  await page.evaluate(() => window.timeline.fit());
  const matches = new Set();
  for (let k = 0; k < 5; k++) {
    await page.click("button[aria-label='Next match']");
    matches.add(await selected());
  }
  assert.equal(matches.size, 3);
  await page.locator(".ts-stage").focus();
  await page.keyboard.press("Home");
  const every = new Set([await selected()]);
  for (let k = 0; k < 14; k++) {
    await page.keyboard.press("ArrowRight");
    every.add(await selected());
  }
  assert.equal(every.size, 12);
  // Hiding again: the other bands go, and so does a non-matching selection.
  const other = [...every].find((id) => !matches.has(id));
  assert.ok(await page.evaluate((id) => window.timeline.select(id), other));
  assert.equal(await selected(), other, "a dimmed event can be selected");
  await page.evaluate(() => window.timeline.setDim(false));
  await settle(page);
  assert.ok(!(await drawn(page)).includes("Air strikes"));
  assert.equal(await page.locator(".ts-list li").count(), 3);
  assert.equal(await selected(), undefined, "the dimmed selection is cleared");
  // The option does the same from the start, and must be a boolean.
  await second(page, { dim: true, controls: false });
  assert.equal(await page.evaluate(() => window.second.setFilter({ text: "turkey" })) > 0, true);
  assert.equal(await page.locator("#second .ts-list li").count(), 12);
  const err = await page.evaluate(async () => {
    const { Timeline } = await import("/pkg/timescope.js");
    try { new Timeline(document.createElement("div"), { dim: "yes" }); return "no error"; } catch (e) { return `${e.name}: ${e.message}`; }
  });
  assert.match(err, /^TypeError: .*dim must be true or false/);
  await page.evaluate(() => { window.second.destroy(); window.timeline.setDim(true); });
  await set({ text: "turkey" });
  await settle(page);
  await page.screenshot({ path: "test-results/dim.png" });
  assert.deepEqual(problems, []);
  await context.close();
});

test("the search box, its match buttons and the chips filter as a reader types and clicks", async () => {
  const { page, context, problems } = await open();
  const n = () => page.textContent(".ts-n");
  assert.equal(await n(), "12 events");
  // Typing: case and accents do not matter; the count, the list and the canvas follow.
  await page.locator(".ts-q").fill("İDLİB");
  const idlib = await page.evaluate(() => window.timeline.setFilter({ text: "idlib" }));
  await page.locator(".ts-q").fill("İDLİB");
  assert.equal(await n(), `${idlib} of 12 events`);
  assert.equal(await page.locator(".ts-list li").count(), idlib);
  // setFilter puts its text in the box, so what the reader sees says what is filtered.
  assert.equal(await page.inputValue(".ts-q"), "İDLİB");
  // Enter and the › button go to the next match (from what is in view: here the whole
  // span), Shift+Enter and ‹ back; focus stays in the box and the live region reads the
  // match out.
  await page.evaluate(() => window.timeline.fit());
  await page.locator(".ts-q").press("Enter");
  const first = await page.evaluate(() => window.timeline.selected());
  assert.ok(first);
  assert.match(await page.textContent(".ts-live"), new RegExp(`Event 1 of ${idlib}$`));
  await page.click("button[aria-label='Next match']");
  assert.match(await page.textContent(".ts-live"), new RegExp(`Event 2 of ${idlib}$`));
  await page.locator(".ts-q").press("Shift+Enter");
  assert.equal(await page.evaluate(() => window.timeline.selected()), first);
  assert.equal(await page.evaluate(() => document.activeElement.className), "ts-q");
  await page.locator(".ts-q").fill("");
  assert.equal(await n(), "12 events");
  // Chips: one per group, then one per tag, each with the count choosing it would show.
  const chip = (name) => page.locator(".ts-chip", { hasText: name });
  assert.equal(await chip("Diplomacy").getAttribute("aria-pressed"), "false");
  assert.equal(await chip("Diplomacy").locator(".ts-chip-n").textContent(), "3");
  await chip("Diplomacy").click();
  assert.equal(await chip("Diplomacy").getAttribute("aria-pressed"), "true");
  assert.equal(await n(), "3 of 12 events");
  await chip("Humanitarian").click();
  assert.equal(await n(), "4 of 12 events", "groups add up (OR)");
  const turkey = await chip("#Turkey").locator(".ts-chip-n").textContent();
  await chip("#Turkey").click();
  assert.equal(await n(), `${turkey} of 12 events`, "a tag narrows the groups (AND)");
  await settle(page);
  assert.ok(!(await drawn(page)).includes("Air strikes"), "bands without matches are not drawn");
  const state = await page.evaluate(() => window.timeline.setFilter(null));
  assert.equal(state, 12);
  assert.equal(await page.locator(".ts-chip[aria-pressed=true]").count(), 0);
  await page.screenshot({ path: "test-results/search-chips.png" });
  assert.deepEqual(problems, []);
  await context.close();
});

test("events reach listeners after the change; a throwing listener breaks nothing; PNG export", async () => {
  const { page, context, problems } = await open();
  const seen = await page.evaluate(async () => {
    const tl = window.timeline;
    const got = [];
    const keep = (name) => (d) => got.push([name, JSON.parse(JSON.stringify(d))]);
    const boom = () => { throw new Error("listener bug"); };
    window.addEventListener("error", (e) => got.push(["reported", e.message]));
    tl.on("select", boom);
    for (const name of ["select", "rangechange", "filterchange", "load"]) tl.on(name, keep(name));
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    tl.select("diplomacy-to-limit-civilian-harm");
    // A listener that calls back into the timeline while it is being told works.
    tl.on("filterchange", () => got.push(["selected then", tl.selected()]));
    tl.setFilter({ groups: ["Diplomacy"], tags: ["Iran", "Nowhere"], text: "limit harm" });
    tl.setRange(Date.UTC(2018, 0, 1), Date.UTC(2018, 11, 31));
    await frame();
    await frame();
    const before = got.length;
    tl.off("rangechange", keep("rangechange")); // a different function: still subscribed
    let threw = "";
    try { tl.on("nonsense", () => {}); } catch (e) { threw = e instanceof Error && e.message; }
    const blob = await tl.exportPng();
    const head = [...new Uint8Array(await blob.arrayBuffer()).slice(0, 4)];
    return { got, before, threw, type: blob.type, head, selected: tl.selected() };
  });
  const names = seen.got.map((g) => g[0]);
  assert.deepEqual(seen.got.find((g) => g[0] === "select"), ["select", { id: "diplomacy-to-limit-civilian-harm" }]);
  assert.ok(names.includes("reported"), "the throwing listener is reported as an error");
  const fc = seen.got.find((g) => g[0] === "filterchange")[1];
  assert.deepEqual(fc, { shown: 1, total: 12, filter: { text: "limit harm", groups: ["Diplomacy"], tags: ["Iran"] } });
  const rc = seen.got.filter((g) => g[0] === "rangechange").at(-1)[1];
  assert.ok(Math.abs(rc.start - Date.UTC(2018, 0, 1)) < 864e5 && rc.end > rc.start, JSON.stringify(rc));
  assert.ok(names.includes("selected then"));
  assert.match(seen.threw, /select, rangechange, filterchange and load/);
  assert.equal(seen.type, "image/png");
  assert.deepEqual(seen.head, [0x89, 0x50, 0x4e, 0x47]);
  // The widget still works after the throwing listener: keys move the selection.
  await page.locator(".ts-stage").focus();
  await page.keyboard.press("Home");
  assert.ok(await page.evaluate(() => window.timeline.selected()));
  // "load" gets the same report load() returns.
  const report = await page.evaluate(async () => {
    let got = null;
    window.timeline.on("load", (r) => { got = r; });
    const text = JSON.stringify({ events: [{ start: "2001", headline: "A" }, { start: "x", headline: "B" }] });
    const r = window.timeline.load(text);
    await new Promise((ok) => setTimeout(ok, 0));
    return { same: got === r, events: got && got.events, warnings: got && got.warnings.length };
  });
  assert.deepEqual(report, { same: true, events: 1, warnings: 1 });
  problems.splice(problems.findIndex((p) => /listener bug/.test(p)), 1);
  assert.deepEqual(problems.filter((p) => !/listener bug/.test(p)), []);
  await context.close();
});

test("load/destroy cycles leave no DOM nodes, listeners or memory behind", async () => {
  const { page, context, problems } = await open();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  await page.evaluate(async () => {
    const { default: init, Timeline } = await import("/pkg/timescope.js");
    const wasm = await init();
    const text = await (await fetch("/data/idlib-2018.json")).text();
    const host = document.createElement("div");
    document.body.append(host);
    window.cycle = async (count) => {
      for (let i = 0; i < count; i++) {
        const tl = new Timeline(host, {});
        tl.load(text);
        tl.on("select", () => {});
        await new Promise((r) => requestAnimationFrame(r));
        tl.destroy();
      }
      return wasm.memory.buffer.byteLength;
    };
  });
  const sample = async (count) => {
    const wasm = await page.evaluate((n) => window.cycle(n), count);
    await cdp.send("HeapProfiler.collectGarbage");
    const m = Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((x) => [x.name, x.value]));
    return { wasm, nodes: m.Nodes, listeners: m.JSEventListeners, heap: m.JSHeapUsedSize };
  };
  const first = await sample(20);
  const later = await sample(300);
  assert.equal(later.wasm, first.wasm, "wasm memory does not grow");
  assert.ok(later.nodes <= first.nodes, `DOM nodes ${first.nodes} → ${later.nodes}`);
  assert.ok(later.listeners <= first.listeners, `listeners ${first.listeners} → ${later.listeners}`);
  assert.ok(later.heap < first.heap + 256 * 1024, `JS heap ${first.heap} → ${later.heap}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("options: start, groups order and colours, clustering, height, overview; bad ones throw a TypeError", async () => {
  const { page, context, problems } = await open();
  await second(page, {
    start: "turkey-reinforces-observation-points",
    groups: ["US–Russia", { name: "Diplomacy", color: "#7a1f5c" }],
    height: 200,
    overview: false,
  });
  const s = await page.evaluate(() => {
    const root = document.querySelector("#second");
    const chips = [...root.querySelectorAll(".ts-chip")].map((c) => c.textContent);
    const dot = root.querySelectorAll(".ts-dot")[1].style.background;
    const stage = root.querySelector(".ts-stage");
    return { selected: window.second.selected(), card: !root.querySelector(".ts-card").hidden, chips, dot,
      max: stage.style.maxHeight, scroll: stage.scrollHeight > stage.clientHeight };
  });
  assert.equal(s.selected, "turkey-reinforces-observation-points", "start selects the event");
  assert.ok(s.card, "and opens its card");
  assert.match(s.chips[0], /^US–Russia/, "groups listed first, in that order");
  assert.match(s.chips[1], /^Diplomacy/);
  assert.equal(s.dot, "rgb(122, 31, 92)", "with the colour given");
  assert.equal(s.max, "200px");
  assert.ok(s.scroll, "a taller timeline scrolls inside the height");
  // Without the overview the canvas is shorter than with it (same data, same width).
  const heights = await page.evaluate(() => [...document.querySelectorAll(".ts-canvas")].map((c) => c.clientHeight));
  assert.equal(heights[0] - heights[1], 36, "the overview strip is 36 px");
  // start as a range.
  await page.evaluate(async () => {
    window.second.destroy();
    document.querySelector("#second").remove();
  });
  await second(page, { start: [Date.UTC(2018, 8, 1), Date.UTC(2018, 8, 15)] });
  const r = await page.evaluate(() => window.second.range());
  assert.ok(Math.abs(r[0] - Date.UTC(2018, 8, 1)) < 864e5 && Math.abs(r[1] - Date.UTC(2018, 8, 15)) < 864e5, `range ${r}`);
  // Clustering off: 300 events at one instant are 300 markers, not counts.
  const countsDrawn = async (clustering) => {
    await page.evaluate(async (clustering) => {
      const { Timeline } = await import("/pkg/timescope.js");
      const events = Array.from({ length: 300 }, (_, i) => ({ start: "2020-01-01T00:00", headline: `E${i}` }));
      window.third?.destroy();
      const d = document.createElement("div");
      document.body.append(d);
      window.third = new Timeline(d, { clustering, controls: false });
      window.third.load(JSON.stringify({ events }));
    }, clustering);
    await settle(page);
    return (await drawn(page)).filter((t) => /^\d+$/.test(t) && +t >= 50 && +t <= 300);
  };
  assert.ok((await countsDrawn(true)).length > 0, "clustered: counts are drawn");
  assert.deepEqual(await countsDrawn(false), [], "clustering off: no counts");
  // Bad options name themselves.
  const errors = await page.evaluate(async () => {
    const { Timeline } = await import("/pkg/timescope.js");
    const out = [];
    for (const o of [{ theme: "pink" }, { height: -5 }, { start: 5 }, { groups: "A" }, { maxEvents: 1.5 }]) {
      try { new Timeline(document.createElement("div"), o); out.push("no error"); } catch (e) { out.push(`${e.name}: ${e.message}`); }
    }
    return out;
  });
  assert.match(errors[0], /^TypeError: .*theme must be auto, light, dark or contrast/);
  assert.match(errors[1], /height must be a whole number/);
  assert.match(errors[2], /start must be/);
  assert.match(errors[3], /groups must be an array/);
  assert.match(errors[4], /maxEvents must be a whole number/);
  assert.deepEqual(problems, []);
  await context.close();
});
