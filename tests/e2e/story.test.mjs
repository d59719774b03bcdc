// End-to-end tests of the story layout (`layout: "story"`) in the iframe embed page, at a
// phone's width and a desktop's: a slide per event above the timeline, the title slide
// first; ← and → on the slide and on the canvas, swipes, the slide's buttons and clicks in
// the navigator all move, and the navigator follows; filters narrow the slides; the frame's
// URL hash keeps the slide; the slide keeps its height; focus is never dropped; axe finds
// nothing. Also the element's `layout` attribute and the demo's embed generator.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { useBrowser } from "./browser.mjs";

const env = useBrowser();
mkdirSync("test-results", { recursive: true });
const IDLIB = JSON.parse(readFileSync("www/data/idlib-2018.json", "utf8"));
const AXE = readFileSync("node_modules/axe-core/axe.min.js", "utf8");

async function open(width, { hash = "", media = {} } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height: 900 }, hasTouch: true });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
  if (Object.keys(media).length) await page.emulateMedia(media);
  await page.goto(`${env.base}/embed.html?src=data/idlib-2018.json&layout=story${hash}`);
  await page.waitForFunction(() => window.timeline?.eventCount?.() > 0 &&
    document.querySelector(".ts-canvas").height > 100);
  return { page, context, problems };
}

const slide = (page) => page.evaluate(() => ({
  head: document.querySelector(".ts-card-title").textContent,
  count: document.querySelector(".ts-card-count").textContent,
  selected: window.timeline.selected() ?? null,
  live: document.querySelector(".ts-live").textContent,
  height: Math.round(document.querySelector(".ts-card").getBoundingClientRect().height),
  focus: document.activeElement?.closest(".ts") ? document.activeElement.className || document.activeElement.tagName : "lost",
}));

/** A swipe on the slide by the touch screen (the browser's own pointer events). */
async function swipe(page, dx) {
  const b = await page.locator(".ts-card").boundingBox();
  const cdp = await page.context().newCDPSession(page);
  const [x, y] = [b.x + b.width / 2, b.y + b.height / 2];
  const at = (k) => [{ x: x + (dx * k) / 6, y, id: 0 }];
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at(0) });
  for (let k = 1; k <= 6; k++) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: at(k) });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}

for (const width of [375, 1280]) {
  test(`story at ${width} px: title slide, keys, buttons, swipes, navigator, filters, hash, axe`, async () => {
    const { page, context, problems } = await open(width);
    const events = IDLIB.events;
    // The slide region comes before the canvas, labelled by its headline.
    const order = await page.evaluate(() => {
      const card = document.querySelector(".ts-card"), stage = document.querySelector(".ts-stage");
      return {
        before: !!(card.compareDocumentPosition(stage) & Node.DOCUMENT_POSITION_FOLLOWING),
        label: document.getElementById(card.getAttribute("aria-labelledby"))?.textContent,
        close: document.querySelector(".ts-close").hidden,
      };
    });
    assert.ok(order.before, "the slide is above the navigator");
    assert.equal(order.label, IDLIB.title.headline);
    assert.ok(order.close, "a slide is not closed");
    let s = await slide(page);
    assert.equal(s.head, IDLIB.title.headline, "slide 0 is the title");
    assert.equal(s.count, "12 events");
    assert.equal(s.selected, null);
    const height = s.height;
    await page.screenshot({ path: `test-results/story-idlib-${width}-title.png` });
    // → on the slide (its Next button has the focus) walks the events in time order.
    await page.focus(".ts-card-nav button:last-child");
    const seen = [];
    for (let k = 1; k <= 12; k++) {
      await page.keyboard.press("ArrowRight");
      s = await slide(page);
      assert.equal(s.count, `${k} of 12`);
      assert.equal(s.live.startsWith(`Slide ${k} of 12: `), true, s.live);
      assert.equal(s.height, height, "the slide keeps its height");
      assert.notEqual(s.focus, "lost", `focus kept at slide ${k}`);
      seen.push(s.selected);
    }
    assert.equal(new Set(seen).size, 12, "each → shows a new event");
    // At the last slide Next is disabled; the focus moved to Previous instead of the page.
    assert.ok(await page.locator(".ts-card-nav button:last-child").isDisabled());
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "← Previous");
    // The navigator followed: the last slide's event is in the canvas's range.
    const [from, to] = await page.evaluate(() => window.timeline.range());
    const t = Date.parse(events.find((e) => e.id === s.selected).start);
    assert.ok(from <= t && t <= to, "the navigator shows the slide's event");
    // ←, the Previous button, then a swipe to the right: back three slides.
    await page.keyboard.press("ArrowLeft");
    await page.click(".ts-card-nav button:first-child");
    await swipe(page, 160);
    assert.equal((await slide(page)).count, "9 of 12");
    // A swipe to the left: forward; a short or vertical move does nothing.
    await swipe(page, -160);
    assert.equal((await slide(page)).count, "10 of 12");
    await swipe(page, -20);
    assert.equal((await slide(page)).count, "10 of 12");
    // The canvas's own keys are slide by slide too.
    await page.focus(".ts-stage");
    await page.keyboard.press("ArrowRight");
    assert.equal((await slide(page)).count, "11 of 12");
    await page.keyboard.press("Home");
    assert.equal((await slide(page)).count, "12 events", "Home: the title slide");
    await page.keyboard.press("ArrowRight");
    assert.equal((await slide(page)).count, "1 of 12");
    // A click on an event in the navigator shows its slide.
    await page.evaluate(() => window.timeline.setRange(Date.UTC(2018, 7, 25), Date.UTC(2018, 8, 20)));
    const b = await page.locator(".ts-canvas").boundingBox();
    const x = (Date.UTC(2018, 8, 8) - Date.UTC(2018, 7, 25)) / (Date.UTC(2018, 8, 20) - Date.UTC(2018, 7, 25)) * b.width;
    const y = await page.evaluate(([x]) => {
      const c = document.querySelector(".ts-canvas"), k = c.width / c.clientWidth;
      const d = c.getContext("2d").getImageData(Math.round(x * k), 0, 1, c.height).data;
      for (let y = Math.round(60 * k); y < c.height; y++) {
        const i = y * 4;
        if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 200) return y / k;
      }
      return -1;
    }, [x]);
    assert.ok(y > 0, "an event is drawn on 8 September");
    await page.mouse.click(b.x + x, b.y + y + 3);
    s = await slide(page);
    const clicked = events.find((e) => e.id === s.selected);
    assert.ok(clicked, `a click selected ${s.selected}`);
    assert.notEqual(s.count, "1 of 12", "the clicked event's slide");
    assert.match(clicked.start, /^2018-09/);
    assert.equal(s.head, clicked.headline);
    // The frame's hash keeps the slide: opening it again shows the same one.
    await page.waitForFunction((id) => location.hash.includes(`event=${id}`), s.selected);
    const hash = await page.evaluate(() => location.hash);
    const again = await open(width, { hash });
    assert.equal((await slide(again.page)).selected, s.selected);
    await again.context.close();
    // Filters narrow the slides.
    await page.evaluate(() => window.timeline.setFilter({ text: "russia" }));
    s = await slide(page);
    const n = Number(s.count.split(" of ")[1]);
    assert.ok(n > 1 && n < 12, s.count);
    await page.focus(".ts-card-nav button:last-child");
    for (let k = 0; k < n + 2; k++) await page.keyboard.press("ArrowRight");
    s = await slide(page);
    assert.equal(s.count, `${n} of ${n}`);
    assert.match(s.head + JSON.stringify(events.find((e) => e.id === s.selected)), /russia/i);
    await page.evaluate(() => window.timeline.setFilter({}));
    // Back to the title slide: End, then Home, on the slide.
    await page.keyboard.press("End");
    assert.equal((await slide(page)).count, "12 of 12");
    await page.keyboard.press("Home");
    assert.equal((await slide(page)).head, IDLIB.title.headline);
    await page.screenshot({ path: `test-results/story-idlib-${width}.png` });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("story in the dark theme with media: the slide's image beside the text on a desktop, above it on a phone", async () => {
  const media = readFileSync("tests/fixtures/timelinejs3/all-media-types.json", "utf8");
  for (const width of [375, 1280]) {
    const context = await env.browser.newContext({ viewport: { width, height: 900 }, colorScheme: "dark" });
    const page = await context.newPage();
    const asked = [];
    page.on("request", (r) => { if (!r.url().startsWith(env.base) && r.resourceType() !== "image") asked.push(r.url()); });
    await context.route(`${env.base}/media.json`, (r) => r.fulfill({ contentType: "application/json", body: media }));
    await context.route((u) => u.origin !== env.base, (r) => r.abort());
    await page.goto(`${env.base}/embed.html?src=media.json&layout=story`);
    await page.waitForFunction(() => window.timeline?.eventCount?.() > 0);
    assert.equal(await page.textContent(".ts-card-title"), "TimelineJS Media Types");
    assert.equal(await page.locator(".ts-card-media img").count(), 1, "the title slide's image");
    const [m, t] = await Promise.all([".ts-card-media", ".ts-card-title"].map((q) => page.locator(q).boundingBox()));
    if (width > 900) assert.ok(m.x + m.width <= t.x, "media beside the text");
    else assert.ok(m.y + m.height <= t.y, "media above the text");
    await page.screenshot({ path: `test-results/story-media-${width}-dark.png` });
    assert.deepEqual(asked, [], "nothing but images was fetched from elsewhere");
    await context.close();
  }
});

test("a slide's background image lies behind a scrim, its text white; a colour colours the slide", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const images = [];
  await context.route((u) => u.origin !== env.base, (r) => {
    if (r.request().resourceType() !== "image") return r.abort();
    images.push(r.request().url());
    return r.fulfill({ contentType: "image/svg+xml", body: '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="#fff"/></svg>' });
  });
  await page.goto(`${env.base}/embed.html?src=data/examples/cosmo.json&layout=story&embeds=off`);
  await page.waitForFunction(() => window.timeline?.eventCount?.() > 0);
  const look = () => page.evaluate(() => {
    const c = getComputedStyle(document.querySelector(".ts-card"));
    return { image: c.backgroundImage, bg: c.backgroundColor, fg: getComputedStyle(document.querySelector(".ts-card-title")).color };
  });
  // After the title slide: the first event's slide has a colour, the second's an image.
  await page.click(".ts-card-nav button:last-child");
  let l = await look();
  assert.equal(l.image, "none");
  assert.equal(l.bg, "rgb(244, 91, 105)", "background.color colours the slide");
  await page.click(".ts-card-nav button:last-child");
  l = await look();
  assert.match(l.image, /^linear-gradient\(rgba\(0, 0, 0, 0\.6\), rgba\(0, 0, 0, 0\.6\)\), url\("https:\/\/upload\.wikimedia\.org\//, l.image);
  assert.equal(l.fg, "rgb(255, 255, 255)");
  assert.ok(images.some((u) => u.startsWith("https://upload.wikimedia.org/")), images.join(" "));
  await page.screenshot({ path: "test-results/story-cosmo-image-1280.png" });
  await context.close();
});

test("axe finds nothing in either layout at 375 and 1280 px, light and dark (the demo page)", async () => {
  for (const [width, layout] of [[375, "story"], [1280, "story"], [375, "explore"], [1280, "explore"]]) {
    for (const colorScheme of ["light", "dark"]) {
      const context = await env.browser.newContext({ viewport: { width, height: 900 }, colorScheme });
      const page = await context.newPage();
      await page.goto(`${env.base}/`);
      await page.waitForFunction(() => window.timeline?.eventCount?.() > 0);
      if (layout === "story") {
        await page.selectOption("#embed-layout", "story");
        await page.waitForFunction(() => document.querySelector("#timeline .ts-story .ts-card:not([hidden])"));
      } else {
        // Exploring: the card opened from the canvas.
        await page.focus(".ts-stage");
        await page.keyboard.press("Enter");
        await page.waitForSelector(".ts-card:not([hidden])");
      }
      await page.evaluate(AXE);
      for (const k of [0, 1, 2]) {
        if (k) await page.click(".ts-card-nav button:last-child");
        const result = await page.evaluate(() => window.axe.run(document));
        assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), [],
          `${layout} ${width} px ${colorScheme}, slide ${k}`);
      }
      await context.close();
    }
  }
});

test("the element's layout attribute and the demo's embed generator", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${env.base}/element.html`);
  await page.waitForFunction(() => document.querySelector("time-scope")?.timeline?.eventCount() > 0);
  assert.equal(await page.locator("time-scope .ts-story").count(), 0);
  await page.evaluate(() => document.querySelector("time-scope").setAttribute("layout", "story"));
  await page.waitForFunction(() => document.querySelector("time-scope .ts-story .ts-card:not([hidden])"));
  await page.goto(`${env.base}/`);
  await page.waitForFunction(() => window.timeline?.eventCount?.() > 0);
  await page.selectOption("#embed-layout", "story");
  await page.waitForFunction(() => document.querySelector("#timeline .ts-story .ts-card:not([hidden])"));
  assert.equal(await page.locator("#timeline .ts").count(), 1, "the demo's timeline was replaced, not added to");
  assert.match(await page.textContent("#embed-element"), /layout="story"/);
  assert.match(await page.textContent("#embed-iframe"), /layout=story/);
  assert.equal(await page.evaluate(() => window.timeline.eventCount()), 12, "with the same data");
  await context.close();
});
