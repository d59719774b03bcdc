// The npm package (scripts/package.sh, run by scripts/test.sh before these tests) installed
// into a fresh folder with examples/plain: used from plain HTML with no bundler, under the CSP.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

const ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"];
const dir = mkdtempSync(join(tmpdir(), "timescope-npm-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("the npm package installs and works from plain HTML without a bundler", async () => {
  const tgz = readdirSync("target/npm").find((f) => f.endsWith(".tgz"));
  assert.ok(tgz, "scripts/package.sh made a tarball");
  cpSync("examples/plain", dir, { recursive: true });
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", resolve("target/npm", tgz)], { cwd: dir, stdio: "pipe" });
  const server = await serve({ port: 0, quiet: true, dir });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(m.text()); });
    page.on("pageerror", (e) => problems.push(e.message));
    await page.addInitScript(() => {
      window.violations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.violations.push(e.violatedDirective));
    });
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForSelector("time-scope .ts-list li", { state: "attached" });
    await page.waitForFunction(() => /of 12 events shown/.test(document.getElementById("count").textContent));
    assert.equal(await page.evaluate(() => window.timeline.selected()), "no-all-out-offensive-yet", "start: last");
    assert.equal(await page.textContent("#count"), "3 of 12 events shown");
    assert.deepEqual(await page.evaluate(() => window.violations), []);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: "test-results/npm-example.png", fullPage: true });
  } finally {
    await browser.close();
    server.close();
  }
});
