// End-to-end: the served demo in Debian's Chromium, driven by playwright-core.
// Run by scripts/test.sh (node --test tests/e2e/). Screenshots go to test-results/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { serve, CSP } from "../../scripts/serve.mjs";

const ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];
let server, browser, base;

before(async () => {
  server = await serve({ port: 0, quiet: true });
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
  mkdirSync("test-results", { recursive: true });
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function open(width, height) {
  const page = await browser.newPage({ viewport: { width, height } });
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
  const offsite = [];
  page.on("request", (r) => { if (!r.url().startsWith(base) && !r.url().startsWith("data:")) offsite.push(r.url()); });
  const res = await page.goto(base + "/");
  assert.equal(res.headers()["content-security-policy"], CSP);
  await page.waitForFunction(() => document.querySelectorAll("li.ts-event").length > 0);
  return { page, problems, offsite };
}

for (const [width, height, name] of [[375, 800, "phone"], [1280, 900, "desktop"]]) {
  test(`the demo shows the Idlib timeline at ${width}px with no errors`, async () => {
    const { page, problems, offsite } = await open(width, height);
    assert.equal(await page.locator("li.ts-event").count(), 12);
    assert.match(await page.textContent("#status"), /12 events · Timescope JSON/);
    assert.equal(await page.textContent(".ts-title"), "Calm before the storm in Idlib");
    const first = await page.locator("li.ts-event").first().textContent();
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
  assert.equal(await page.locator("li.ts-event").count(), 3);
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
    assert.equal(await page.locator("li.ts-event").count(), n, name);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("a file the reader opens is loaded, and a broken one says where", async () => {
  const { page } = await open(1280, 900);
  await page.setInputFiles("#file", { name: "mine.csv", mimeType: "text/csv",
    buffer: Buffer.from("Year,Month,Day,Headline\n2020,1,2,One\n2021,,,Two\n") });
  await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("mine.csv"));
  assert.equal(await page.locator("li.ts-event").count(), 2);
  await page.setInputFiles("#file", { name: "broken.json", mimeType: "application/json",
    buffer: Buffer.from('{"events": [\n  {"start": "2020",}\n]}') });
  await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("broken.json"));
  assert.match(await page.textContent("#status"), /line 2, column 20/);
  assert.equal(await page.locator("li.ts-event").count(), 2, "the previous timeline stays");
  await page.close();
});
