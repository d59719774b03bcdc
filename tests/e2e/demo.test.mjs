// End-to-end: the served demo in Debian's Chromium, driven by playwright-core.
// Run by scripts/test.sh (node --test tests/e2e/). Screenshots go to test-results/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { CSP } from "../../scripts/serve.mjs";
import { colours, useBrowser } from "./browser.mjs";

const env = useBrowser();
mkdirSync("test-results", { recursive: true });

async function open(width, height) {
  const page = await env.browser.newPage({ viewport: { width, height } });
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
  const offsite = [];
  page.on("request", (r) => { if (!r.url().startsWith(env.base) && !r.url().startsWith("data:")) offsite.push(r.url()); });
  const res = await page.goto(env.base + "/");
  assert.equal(res.headers()["content-security-policy"], CSP);
  await page.waitForFunction(() => document.querySelectorAll(".ts-list li").length > 0);
  return { page, problems, offsite };
}

for (const [width, height, name] of [[375, 800, "phone"], [1280, 900, "desktop"]]) {
  test(`the demo shows the Idlib timeline at ${width}px with no errors`, async () => {
    const { page, problems, offsite } = await open(width, height);
    assert.equal(await page.locator(".ts-list li").count(), 12);
    assert.match(await page.textContent("#status"), /12 events · Timescope JSON/);
    assert.equal(await page.textContent(".ts-title"), "Calm before the storm in Idlib");
    const first = await page.locator(".ts-list li").first().textContent();
    assert.match(first, /2017/);
    await page.screenshot({ path: `test-results/demo-${name}.png`, fullPage: true });
    assert.deepEqual(problems, [], "no console errors or CSP violations");
    assert.deepEqual(offsite, [], "no request leaves the origin");
    await page.close();
  });
}

test("an example with mistakes loads its good events and lists the warnings", async () => {
  const { page, problems } = await open(1280, 900);
  await page.getByRole("button", { name: "A file with mistakes" }).click();
  await page.waitForFunction(() => document.querySelectorAll("#warnings li").length > 0);
  assert.equal(await page.locator(".ts-list li").count(), 3);
  const warnings = await page.locator("#warnings li").allTextContents();
  assert.equal(warnings.length, 4);
  assert.match(warnings[0], /^events\[1\]\.start_date\.month: 13 is not a valid month/);
  assert.ok(await page.locator("#warnings-box").isVisible());
  await page.screenshot({ path: "test-results/demo-warnings.png", fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test("every TimelineJS3 example loads", async () => {
  const { page, problems } = await open(1280, 900);
  const expected = { "Women in computing (JSON)": 10, "Women in computing (CSV)": 10, "Cosmology": 7,
    "Light, cosmic and human": 11, "Eras": 20, "Houston": 18, "Mark Twain": 17 };
  for (const [name, n] of Object.entries(expected)) {
    await page.getByRole("button", { name, exact: true }).click();
    await page.waitForFunction((t) => document.getElementById("status").textContent.startsWith(t), name);
    assert.equal(await page.locator(".ts-list li").count(), n, name);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("a file the reader opens is loaded, and a broken one says where", async () => {
  const { page } = await open(1280, 900);
  await page.setInputFiles("#file", { name: "mine.csv", mimeType: "text/csv",
    buffer: Buffer.from("Year,Month,Day,Headline\n2020,1,2,One\n2021,,,Two\n") });
  await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("mine.csv"));
  assert.equal(await page.locator(".ts-list li").count(), 2);
  await page.setInputFiles("#file", { name: "broken.json", mimeType: "application/json",
    buffer: Buffer.from('{"events": [\n  {"start": "2020",}\n]}') });
  await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("broken.json"));
  assert.match(await page.textContent("#status"), /line 2, column 20/);
  assert.equal(await page.locator(".ts-list li").count(), 2, "the previous timeline stays");
  await page.close();
});

const range = (page) => page.evaluate(() => window.timeline.range());
const box = (page) => page.locator(".ts-canvas").boundingBox();

test("the canvas is drawn, and wheel and drag change the visible range", async () => {
  const { page, problems } = await open(1280, 900);
  await page.waitForFunction(() => document.querySelector(".ts-canvas").height > 100);
  assert.ok(await colours(page) > 20, "the canvas shows the timeline");
  const b = await box(page);
  const r0 = await range(page);
  await page.mouse.move(b.x + b.width * 0.3, b.y + b.height / 2);
  await page.mouse.wheel(0, -400);
  await page.waitForTimeout(100);
  const r1 = await range(page);
  assert.ok(r1[1] - r1[0] < (r0[1] - r0[0]) * 0.8, "wheel up zooms in");
  await page.mouse.move(b.x + 600, b.y + b.height - 46);
  await page.mouse.down();
  await page.mouse.move(b.x + 400, b.y + b.height - 46, { steps: 8 });
  await page.mouse.up();
  await page.waitForTimeout(100);
  const r2 = await range(page);
  assert.ok(r2[0] > r1[0], "dragging left shows later times");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a click opens the detail card and the keyboard walks the events", async () => {
  const { page, problems } = await open(1280, 900);
  await page.waitForFunction(() => document.querySelector(".ts-canvas").height > 100);
  await page.locator(".ts-stage").focus();
  await page.keyboard.press("Home");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".ts-card:not([hidden])");
  assert.match(await page.textContent(".ts-card-title"), /Turkey, Russia and Iran agree/);
  assert.equal(await page.evaluate(() => window.timeline.selected()), "de-escalation-agreement");
  const ids = [];
  for (let k = 0; k < 11; k++) {
    await page.keyboard.press("ArrowRight");
    ids.push(await page.evaluate(() => window.timeline.selected()));
  }
  assert.equal(new Set(ids).size, 11, "each → reaches a new event");
  assert.match(await page.textContent(".ts-live"), /Event 12 of 12/);
  assert.equal(await page.locator(".ts-list [aria-current]").count(), 1);
  await page.keyboard.press("Escape");
  assert.ok(await page.locator(".ts-card").isHidden());
  // Clicking a marker: find one through the public API's layout by selecting nothing and
  // clicking where an event is drawn (the first lane of the first band, at its x).
  await page.evaluate(() => window.timeline.select(null));
  const b = await box(page);
  const hit = await page.evaluate(([w]) => {
    const r = window.timeline.range();
    // "Air strikes" is the first band; its first event starts 2018-09-01.
    const t = Date.UTC(2018, 8, 1);
    return (t - r[0]) / (r[1] - r[0]) * w;
  }, [b.width]);
  await page.mouse.click(b.x + hit, b.y + 48 + 22 + 15);
  await page.waitForSelector(".ts-card:not([hidden])");
  assert.match(await page.textContent(".ts-card-title"), /air raids|Air|Syrian/i);
  await page.screenshot({ path: "test-results/demo-card.png" });
  assert.deepEqual(problems, []);
  await page.close();
});

test("script in event text never runs, and allowed markup survives", async () => {
  const { page, problems } = await open(1280, 900);
  const payload = JSON.stringify({ events: [{ start: "2020-01-01", headline: "<img src=x onerror=window.pwned=1>Payload headline",
    text: "<p>ok <b>bold</b> <a href=\"javascript:window.pwned=2\">bad</a> <a href=\"https://example.org\">good</a></p>" +
      "<script>window.pwned=3</script><img src=x onerror=\"window.pwned=4\"><iframe src=\"javascript:window.pwned=5\"></iframe>" +
      "<span style=\"color:red\" onclick=\"window.pwned=6\">styled</span>" }] });
  await page.evaluate((t) => window.timeline.load(t), payload);
  await page.locator(".ts-stage").focus();
  await page.keyboard.press("Enter");
  await page.waitForSelector(".ts-card:not([hidden])");
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  const html = await page.innerHTML(".ts-card-text");
  assert.match(html, /<b>bold<\/b>/);
  assert.match(html, /href="https:\/\/example.org\/"/);
  assert.doesNotMatch(html, /javascript:|onerror|onclick|<script|<iframe|style=|<img/i);
  assert.equal(await page.textContent(".ts-card-title"), "Payload headline");
  assert.deepEqual(problems, []);
  await page.close();
});

test("axe-core finds no accessibility violations", async () => {
  const { page } = await open(1280, 900);
  await page.waitForFunction(() => document.querySelector(".ts-canvas").height > 100);
  await page.locator(".ts-stage").focus();
  await page.keyboard.press("Enter");
  await page.waitForSelector(".ts-card:not([hidden])");
  // Injected by the test runner (not part of the page): axe from node_modules.
  const axe = readFileSync("node_modules/axe-core/axe.min.js", "utf8");
  await page.evaluate(axe);
  const result = await page.evaluate(() => window.axe.run(document));
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`);
  assert.deepEqual(summary, []);
  await page.close();
});
