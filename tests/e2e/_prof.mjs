import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";
const server = await serve({ port: 0, quiet: true, dir: process.cwd(), csp: null });
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto(`${base}/bench/page.html?tool=timescope`);
await page.evaluate(() => window.bench.ready);
for (const n of [5000, 5000, 100000]) {
  const r = await page.evaluate(async (n) => {
    const text = window.bench.text(window.tool, n, 1);
    const host = document.getElementById("host");
    const { Timeline } = await import("/www/pkg/timescope.js");
    const t0 = performance.now();
    const tl = new Timeline(host, {});
    const t1 = performance.now();
    tl.load(text);
    const t2 = performance.now();
    await new Promise((r) => requestAnimationFrame(() => r()));
    const t3 = performance.now();
    host.querySelector("canvas").getContext("2d").getImageData(0, 0, 1, 1);
    const t4 = performance.now();
    tl.destroy();
    return { construct: t1 - t0, load: t2 - t1, toFrame: t3 - t2, raster: t4 - t3, len: text.length };
  }, n);
  console.log(n, r);
}
await browser.close(); server.close();
