// The iframe embed: embed.html?src=<url-encoded data address>&theme=&layout=&locale=&start=&height=&dim&embeds=
// shows one timeline filling the frame, keeps its state in the frame's own URL hash, and
// tells the parent page its height by postMessage({type: "timescope:height", height}) so the
// frame can fit it (the listener is in the README).
import init, { Timeline } from "./pkg/timescope.js";
import { link } from "./link.js";

const p = new URLSearchParams(location.search);
const body = document.body;

function fail(text) {
  const s = document.createElement("p");
  s.className = "ts-status ts-error";
  s.setAttribute("role", "alert");
  s.textContent = text;
  body.replaceChildren(s);
}

// The height, whenever it changes (the card opening, a filter, the frame's width).
if (parent !== window) {
  let last = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) parent.postMessage({ type: "timescope:height", height: (last = height) }, "*");
  }).observe(body);
}

async function main() {
  const src = p.get("src");
  if (!src) return fail("No timeline: the address has no src parameter.");
  let text;
  try {
    const res = await fetch(new URL(src, location.href));
    if (!res.ok) throw new Error(`the server answered ${res.status}`);
    text = await res.text();
  } catch (err) {
    return fail(`The timeline could not be loaded from ${src}: ${err.message}`);
  }
  await init();
  const start = p.get("start");
  const range = start?.split(",").map(Number);
  body.replaceChildren();
  try {
    const tl = new Timeline(body, {
      theme: p.get("theme") || undefined,
      layout: p.get("layout") || undefined,
      locale: p.get("locale") || undefined,
      height: p.get("height") ? Number(p.get("height")) : undefined,
      start: range?.length === 2 && range.every(isFinite) ? range : start || undefined,
      dim: p.has("dim") && p.get("dim") !== "false",
      embeds: p.get("embeds") || undefined,
    });
    tl.load(text);
    link(tl);
    window.timeline = tl;
  } catch (err) {
    fail(`The timeline could not be shown: ${err.message}`);
  }
}

main();
