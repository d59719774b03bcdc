// End-to-end tests of media in the card, with TimelineJS's own all-media-types.json: players,
// maps, documents and posts ask nothing of their provider until the reader presses the
// placeholder's button (page.on("request") watches), then load in a sandboxed frame that gets
// the focus; `embeds: "auto"` loads them with their card and `embeds: "off"` shows links under
// the strict policy with no violation. The players' module (the providers' table) is fetched
// only when a card shows media that may be a player, never with `embeds: "off"`. No network
// here: the providers' answers are faked by page.route, so what is checked is what the page
// asks for.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { FRAME_SRC, PLAYERS_CSP, serve } from "../../scripts/serve.mjs";
import { useBrowser } from "./browser.mjs";

const env = useBrowser();
mkdirSync("test-results", { recursive: true });
const MEDIA = readFileSync("tests/fixtures/timelinejs3/all-media-types.json", "utf8");
const providers = FRAME_SRC.map((o) => new URL(o).host);

/** The iframe embed page showing all-media-types.json with `embeds` (none: the default),
 * served with `csp`. Records requests to the providers' frame hosts, CSP violations and
 * errors. */
async function open({ embeds, csp = PLAYERS_CSP, width = 1280, height = 900 } = {}) {
  const server = await serve({ port: 0, quiet: true, csp });
  const base = `http://127.0.0.1:${server.address().port}`;
  const context = await env.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const asked = [], problems = [], ours = [];
  const expected = /ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ERR_FAILED|404 \(Not Found\)/;
  page.on("console", (m) => {
    if ((m.type() === "error" || m.type() === "warning") && !expected.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("request", (r) => {
    const host = new URL(r.url()).host;
    if (providers.includes(host)) asked.push(r.url());
    if (r.url().includes("timescope_media")) ours.push(r.url());
  });
  // The data's file, and the providers answering with a page of their own (an empty player).
  await context.route(`${base}/media.json`, (r) => r.fulfill({ contentType: "application/json", body: MEDIA }));
  await context.route((u) => providers.includes(u.host), (r) =>
    r.fulfill({ contentType: "text/html", body: "<!doctype html><title>player</title><p>player</p>" }));
  // Everything else off-site (images, files) is left unanswered: there is no network.
  await context.route((u) => u.origin !== base && !providers.includes(u.host), (r) => r.abort());
  await context.addInitScript(() => {
    window.violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${base}/embed.html?src=media.json${embeds ? `&embeds=${embeds}` : ""}`);
  await page.waitForFunction(() => window.timeline?.eventCount() > 0);
  const atLoad = ours.length;
  // Every event's id, in time order (most have none in the file: the widget makes them).
  await page.focus(".ts-stage");
  await page.keyboard.press("Home");
  const ids = [];
  for (let id; (id = await page.evaluate(() => window.timeline.selected())) && !ids.includes(id);) {
    ids.push(id);
    await page.keyboard.press("ArrowRight");
  }
  const close = async () => { await context.close(); server.close(); };
  return { page, asked, problems, close, ids, ours, atLoad };
}

/** Lets the players' module answer (its import, then a task). */
const answered = (page) => page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => setTimeout(r, 0)), 0)));

/** Opens the card of event `id` (the first through the keyboard, the rest by `select`). */
async function card(page, id) {
  await page.evaluate((id) => window.timeline.select(id), id);
  if (await page.locator(".ts-card").isHidden()) {
    await page.focus(".ts-stage");
    await page.keyboard.press("Enter");
  }
  await page.waitForFunction((id) => window.timeline.selected() === id && !document.querySelector(".ts-card").hidden, id);
  await answered(page);
  return page.locator(".ts-card-media");
}

test("no provider is asked for anything until the reader presses Load; then a sandboxed frame plays with the focus", async () => {
  const { page, asked, problems, close, ids, ours, atLoad } = await open();
  assert.equal(atLoad, 0, "the players' module was fetched with the page");
  // The first event is YouTube's: its card fetches the players' module, whose answer shows
  // the placeholder.
  await (await card(page, ids[0])).locator("button.ts-load").waitFor();
  const loaded = [];
  const images = [];
  for (const id of ids) {
    const media = await card(page, id);
    for (const img of await media.locator("figure > img").all()) images.push(await img.getAttribute("src"));
    const button = media.locator("button.ts-load");
    if (!(await button.count())) continue;
    assert.equal(await media.locator("iframe").count(), 0, `${id}: a frame before the click`);
    assert.deepEqual(asked, [], `${id}: asked a provider before any click`);
    const words = await button.textContent();
    assert.match(words, /^Load (video|audio|map|document|post|photo) from \S/, id);
    assert.match(await media.locator(".ts-embed-note").textContent(), /^This loads content from [a-z0-9.-]+\.$/, id);
    loaded.push([id, words]);
  }
  assert.deepEqual(ours.map((u) => new URL(u).pathname).sort(), ["/pkg/timescope_media.js", "/pkg/timescope_media_bg.wasm"],
    "the players' module, once");
  // Wikimedia Commons File: pages show as their images (the module's answer), never as an
  // image of the page itself.
  assert.ok(images.some((u) => u.startsWith("https://commons.wikimedia.org/wiki/Special:FilePath/")), images.join(" "));
  assert.ok(!images.some((u) => u.includes("/wiki/File:")), images.join(" "));
  // Every kind of player in the file has a placeholder.
  const said = loaded.map(([, w]) => w);
  for (const w of ["Load video from YouTube", "Load video from Vimeo", "Load video from Dailymotion",
    "Load post from TikTok", "Load audio from SoundCloud", "Load audio from Spotify", "Load video from Wistia",
    "Load map from Google Maps", "Load document from Google Docs", "Load document from Google Drive",
    "Load document from DocumentCloud", "Load post from X", "Load post from Instagram", "Load post from Bluesky",
    "Load photo from Flickr"]) {
    assert.ok(said.includes(w), `no "${w}" among ${said.join(", ")}`);
  }
  // Load one: the YouTube video.
  const [id] = loaded.find(([, w]) => w === "Load video from YouTube");
  const media = await card(page, id);
  await media.locator("button.ts-load").click();
  const frame = media.locator("iframe");
  await frame.waitFor();
  assert.equal(await frame.getAttribute("src"), "https://www.youtube-nocookie.com/embed/pi2v1m6gmD8?start=321");
  assert.equal(await frame.getAttribute("sandbox"),
    "allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox");
  assert.equal(await frame.getAttribute("referrerpolicy"), "no-referrer");
  assert.equal(await frame.getAttribute("allow"), "fullscreen; picture-in-picture; encrypted-media");
  assert.equal(await frame.getAttribute("title"), "YouTube video");
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), "IFRAME", "the focus went with the button");
  await page.waitForFunction(() => document.querySelector(".ts-card-media iframe").contentDocument === null);
  assert.ok(asked.some((u) => u.startsWith("https://www.youtube-nocookie.com/embed/")), `asked: ${asked}`);
  assert.ok(asked.every((u) => u.startsWith("https://www.youtube-nocookie.com/")), `asked others: ${asked}`);
  // The frame keeps its 16:9 shape in the card.
  const b = await frame.boundingBox();
  assert.ok(Math.abs(b.width / b.height - 16 / 9) < 0.05, `${b.width}×${b.height}`);
  await page.screenshot({ path: "test-results/media-youtube-1280.png" });
  // Closing the card stops the player (its frame goes).
  await page.keyboard.press("Escape");
  await page.locator(".ts-card").waitFor({ state: "hidden" });
  assert.equal(await page.locator("iframe").count(), 0);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(problems, []);
  await close();
});

test('embeds "auto" loads the player with its card; "off" shows links and passes the strict policy', async () => {
  {
    const { page, asked, problems, close, ids } = await open({ embeds: "auto" });
    const media = await card(page, ids.find((i) => /vimeo/i.test(i)) ?? ids[2]);
    await media.locator("iframe").waitFor();
    assert.equal(await media.locator("button.ts-load").count(), 0);
    assert.match(await media.locator("iframe").getAttribute("src"), /^https:\/\/player\.vimeo\.com\/video\/20839673\?dnt=1$/);
    await page.waitForFunction(() => document.querySelector(".ts-card-media iframe").contentDocument === null);
    assert.ok(asked.length > 0 && asked.every((u) => u.startsWith("https://player.vimeo.com/")), `${asked}`);
    assert.deepEqual(problems, []);
    await close();
  }
  {
    const { page, asked, problems, close, ids, ours } = await open({ embeds: "off", csp: undefined });
    let links = 0;
    for (const id of ids) {
      const media = await card(page, id);
      assert.equal(await media.locator("iframe, button.ts-load").count(), 0, id);
      links += await media.locator("a[href]").count();
    }
    assert.ok(links >= 15, `${links} links`);
    assert.deepEqual(asked, []);
    assert.deepEqual(ours, [], "no players' module with embeds off");
    assert.deepEqual(await page.evaluate(() => window.violations), []);
    assert.deepEqual(problems, []);
    await close();
  }
});

test("a placeholder and a loaded player at phone width and in the dark theme", async () => {
  for (const [width, theme] of [[375, "light"], [1280, "dark"]]) {
    const { page, close, ids } = await open({ width });
    if (theme === "dark") await page.emulateMedia({ colorScheme: "dark" });
    const id = ids.find((i) => /tiktok/i.test(i)) ?? ids[5];
    const media = await card(page, id);
    await media.locator("button.ts-load").waitFor();
    await media.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/media-placeholder-${width}-${theme}.png`, fullPage: true });
    // The placeholder fits the card at either width.
    const m = await media.boundingBox(), c = await page.locator(".ts-card").boundingBox();
    assert.ok(m.width <= c.width && m.x >= c.x, `${JSON.stringify(m)} in ${JSON.stringify(c)}`);
    // Nothing for axe in a card with a placeholder (scoped to the widget: the embed page is
    // a frame's document, whose headings and landmarks are its host's).
    await page.evaluate(readFileSync("node_modules/axe-core/axe.min.js", "utf8"));
    const result = await page.evaluate(() => window.axe.run(".ts"));
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), [], `${width} ${theme}`);
    await close();
  }
});
