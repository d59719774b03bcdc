// The benchmark page's side: one adapter per timeline, a few lines each, so that
// bench/run.mjs drives Timescope, TimelineJS3 and vis-timeline through the same calls:
//   load(text)      shows the data (returns when the tool says it has; the runner then waits
//                   for the next frame to be drawn)
//   step(k)         one pan step (k-th), or null when the tool has no such control
//   zoom(k)         one zoom step
//   destroy()       removes the timeline
// The peers come from bench/node_modules (dev-only, never shipped).
import * as gen from "./gen.mjs";

const tool = new URLSearchParams(location.search).get("tool");
const host = document.getElementById("host");
const script = (src) => new Promise((ok, fail) => {
  const s = document.createElement("script");
  s.src = src;
  s.onload = ok;
  s.onerror = () => fail(new Error(`could not load ${src}`));
  document.head.append(s);
});
const sheet = (href) => {
  const l = document.createElement("link");
  l.rel = "stylesheet";
  l.href = href;
  document.head.append(l);
  return new Promise((ok) => { l.onload = ok; });
};
const YEAR = 365.25 * 864e5;
const T0 = Date.UTC(2020, 0, 1);
/** The k-th pan step of a year view: 2 % of the span, back and forth. */
const panned = (k) => {
  const d = YEAR * 0.02 * (k % 20 < 10 ? k % 10 : 10 - (k % 10));
  return [T0 + d, T0 + YEAR + d];
};
/** The k-th zoom step: in by 1.25 four times, then out again, around the middle. */
const zoomed = (k) => {
  const f = 1.25 ** (k % 8 < 4 ? k % 4 : 4 - (k % 4));
  const mid = T0 + YEAR / 2, half = YEAR / 2 / f;
  return [mid - half, mid + half];
};

const adapters = {
  async timescope() {
    const [{ default: init, Timeline }] = await Promise.all([
      import("/www/pkg/timescope.js"), sheet("/www/pkg/timescope.css")]);
    const wasm = await init();
    let tl = null;
    return {
      // Small timelines come as newsrooms have them; large ones in Timescope's own format.
      format: (n) => (n <= 10000 ? "timelinejs" : "native"),
      load(text) {
        tl = new Timeline(host, {});
        tl.load(text);
        tl.setRange(T0, T0 + YEAR);
      },
      step: (k) => tl.setRange(...panned(k)),
      zoom: (k) => tl.setRange(...zoomed(k)),
      search: () => host.querySelector(".ts-q"),
      destroy() { tl.destroy(); tl = null; },
      wasmBytes: () => wasm.memory.buffer.byteLength,
      // Canvas drawing is rasterized lazily; reading a pixel makes it happen now.
      raster: () => host.querySelector("canvas")?.getContext("2d").getImageData(0, 0, 1, 1),
    };
  },

  async timelinejs() {
    const base = "/bench/node_modules/@knight-lab/timelinejs/dist";
    await Promise.all([script(`${base}/js/timeline.js`), sheet(`${base}/css/timeline.css`)]);
    let tl = null;
    return {
      format: () => "timelinejs",
      load(text) {
        // As its embed does it: the JSON object, default options (its analytics are off
        // without a ga_property_id). Its "loaded" event fires once the slides are built.
        return new Promise((ok) => {
          tl = new window.TL.Timeline(host, JSON.parse(text), { hash_bookmark: false });
          tl.on("loaded", ok);
          if (tl._loaded || host.querySelector(".tl-timenav-item-container")) setTimeout(ok, 0);
        });
      },
      // It has no pan or range call: the reader's steps are "next slide" and zoom buttons.
      step: () => tl.goToNext(),
      zoom: (k) => (k % 8 < 4 ? tl.zoomIn() : tl.zoomOut()),
      destroy() { host.replaceChildren(); tl = null; },
    };
  },

  async vis() {
    const base = "/bench/node_modules/vis-timeline";
    await Promise.all([script(`${base}/standalone/umd/vis-timeline-graph2d.min.js`),
      sheet(`${base}/styles/vis-timeline-graph2d.min.css`)]);
    let tl = null;
    return {
      format: () => "vis",
      load(text) {
        const items = new window.vis.DataSet(JSON.parse(text));
        tl = new window.vis.Timeline(host, items, gen.visGroups, {
          start: T0, end: T0 + YEAR, height: 600,
        });
      },
      step: (k) => tl.setWindow(...panned(k), { animation: false }),
      zoom: (k) => tl.setWindow(...zoomed(k), { animation: false }),
      destroy() { tl.destroy(); tl = null; },
    };
  },
};

/** The text the tool loads: `n` generated events over `years`. */
function text(a, n, years) {
  const list = gen.events(n, years);
  const f = a.format(n);
  return f === "vis" ? JSON.stringify(gen.visItems(list)) : gen[f](list);
}

window.bench = { ready: adapters[tool]().then((a) => (window.tool = a)), text, gen };
