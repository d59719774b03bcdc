// End-to-end tests of media in the card, with TimelineJS's own all-media-types.json in the
// iframe embed under the strict policy: audio and video files wait behind a play button (so
// that nothing is fetched, and the page's media-src is not consulted, before the reader asks)
// and then play in the browser's own player; a <blockquote> given as the media is
// shown as sanitised rich text; with `embeds: "off"` the providers' pages are links that
// load nothing. No
// network here: the page's requests are watched, and everything off-site is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { useBrowser } from "./browser.mjs";

const env = useBrowser();
mkdirSync("test-results", { recursive: true });
const MEDIA = readFileSync("tests/fixtures/timelinejs3/all-media-types.json", "utf8");

test("files play in the browser's own controls and fetch nothing before play; quotes are rich text", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [], asked = [];
  const expected = /ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ERR_FAILED/;
  page.on("console", (m) => {
    if ((m.type() === "error" || m.type() === "warning") && !expected.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("request", (r) => { if (!r.url().startsWith(env.base) && r.resourceType() !== "image") asked.push(r.url()); });
  await context.route(`${env.base}/media.json`, (r) => r.fulfill({ contentType: "application/json", body: MEDIA }));
  await context.route((u) => u.origin !== env.base, (r) => r.abort());
  await context.addInitScript(() => {
    window.violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  // Players off: the providers' media stay links here (media.test.mjs tests the players).
  await page.goto(`${env.base}/embed.html?src=media.json&embeds=off`);
  await page.waitForFunction(() => window.timeline?.eventCount() > 0);
  // Every event, by the keyboard, with its card open.
  await page.focus(".ts-stage");
  await page.keyboard.press("Home");
  await page.keyboard.press("Enter");
  const n = await page.evaluate(() => window.timeline.eventCount());
  const players = [], quotes = [];
  let links = 0;
  for (let k = 0; k < n; k++) {
    if (k) await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => !document.querySelector(".ts-card").hidden);
    const media = page.locator(".ts-card-media");
    assert.equal(await media.locator("audio, video").count(), 0, "a player before the click");
    for (const b of await media.locator("button.ts-play").all()) {
      players.push([await b.textContent(), await b.getAttribute("data-src"), k]);
    }
    for (const q of await media.locator(".ts-quote").all()) quotes.push(await q.innerHTML());
    links += await media.locator("a[href^='http']").count();
    assert.equal(await media.locator("iframe, script, [onload], [onerror]").count(), 0);
  }
  assert.deepEqual(players.map(([t]) => t).sort(), ["Play the audio from soundcite.knightlab.com",
    "Play the video from file-examples.com", "Play the video from uploads.knightlab.com"]);
  assert.ok(players.every(([, src]) => /^https:\/\/.+\.(mp3|mp4|webm)$/.test(src)), JSON.stringify(players));
  assert.ok(quotes.includes("<blockquote>This is a block quote.</blockquote>"), quotes.join(" | "));
  assert.ok(links >= 20, `${links} links to the providers' pages`);
  // The tweet's quoted text keeps its link but not the provider's script.
  assert.ok(quotes.some((q) => q.includes("<blockquote>") && q.includes('href="https://twitter.com/')), quotes.join(" | "));
  assert.deepEqual(asked, [], "nothing but images was fetched from elsewhere");
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(problems, []);
  // The reader presses play on the audio: the browser's player takes the button's place,
  // with the focus, and asks for the file (which this strict page's policy then refuses).
  const [, src, at] = players.find(([t]) => t.startsWith("Play the audio"));
  await page.keyboard.press("Home");
  for (let k = 0; k < at; k++) await page.keyboard.press("ArrowRight");
  await page.locator("button.ts-play").click();
  const audio = page.locator(".ts-card-media audio");
  await audio.waitFor();
  assert.equal(await audio.getAttribute("src"), src);
  assert.ok(await audio.evaluate((a) => a.controls && a.autoplay));
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "AUDIO");
  await page.screenshot({ path: "test-results/card-audio-1280.png" });
  // A filter that keeps the event changes the card's count but not its player.
  const playing = await audio.elementHandle();
  await page.evaluate(() => window.timeline.setFilter({ text: "audio" }));
  await page.waitForFunction(() => !/ of 41$/.test(document.querySelector(".ts-card-count").textContent));
  assert.ok(await playing.evaluate((a) => a.isConnected), "the filter made the player again");
  await page.waitForFunction(() => window.violations.length > 0);
  assert.deepEqual(await page.evaluate(() => window.violations), [`media-src ${src}`]);
  // Closing the card stops it: the player goes with the card.
  await page.keyboard.press("Escape");
  await page.locator(".ts-card").waitFor({ state: "hidden" });
  assert.equal(await page.locator("audio, video").count(), 0);
  await context.close();
});
