// Shared by the end-to-end tests: serves www/ (with the CSP) on a free port and starts
// Debian's Chromium headless through playwright-core (never a downloaded browser).
import { before, after } from "node:test";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

const ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

/** Registers before/after hooks; the returned object gets `server`, `browser` and `base`
 * once `await env.ready()` (also called by the before hook) has resolved. */
export function useBrowser() {
  let started;
  const env = {
    ready: () => started ??= (async () => {
      env.server = await serve({ port: 0, quiet: true });
      env.base = `http://127.0.0.1:${env.server.address().port}`;
      env.browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
    })(),
  };
  before(() => env.ready());
  after(async () => {
    await env.browser?.close();
    env.server?.close();
  });
  return env;
}

/** Distinct colours in a canvas (default: the first timeline's): a drawn timeline has many, a
 * blank one has one. */
export const colours = (page, selector = ".ts-canvas") => page.evaluate((sel) => {
  const c = document.querySelector(sel);
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  const seen = new Set();
  for (let i = 0; i < d.length; i += 16) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
  return seen.size;
}, selector);
