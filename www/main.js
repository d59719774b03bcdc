// The demo page: loads the wasm build, shows the Idlib timeline, and lets a reader open their
// own file or one of the TimelineJS3 examples. All text from data goes in through textContent.
import init, { Timeline } from "./pkg/timescope.js";
import { link } from "./link.js";

const examples = [
  ["Idlib 2018", "data/idlib-2018.json"],
  ["Women in computing (JSON)", "data/examples/women_in_computing.json"],
  ["Women in computing (CSV)", "data/examples/women_in_computing.csv"],
  ["Cosmology", "data/examples/cosmo.json"],
  ["Light, cosmic and human", "data/examples/cosmo-mixed.json"],
  ["Eras", "data/examples/eras.json"],
  ["Houston", "data/examples/houston.json"],
  ["Mark Twain", "data/examples/twain-marktwain.json"],
  ["A file with mistakes", "data/examples/with-mistakes.json"],
];
const formats = { timelinejs3: "TimelineJS3 JSON", csv: "TimelineJS CSV", native: "Timescope JSON" };

const $ = (id) => document.getElementById(id);
const status = $("status");
const box = $("warnings-box");
const list = $("warnings");
const summary = $("warnings-summary");

function showReport(name, report) {
  const n = report.events;
  status.textContent = `${name}: ${n} event${n === 1 ? "" : "s"}` +
    (report.eras ? `, ${report.eras} era${report.eras === 1 ? "" : "s"}` : "") +
    ` · ${formats[report.format] || report.format}`;
  list.replaceChildren();
  for (const w of report.warnings) {
    const li = document.createElement("li");
    const code = document.createElement("code");
    code.textContent = w.path;
    li.append(code, ": ", w.message);
    list.append(li);
  }
  summary.textContent = `${report.warnings.length} warning${report.warnings.length === 1 ? "" : "s"}`;
  box.hidden = report.warnings.length === 0;
  box.open = report.warnings.length > 0 && report.warnings.length <= 20;
}

// The embed code for the data shown (an example's address, or one the reader types for
// their own file) and the chosen options: the element and the iframe.
let dataUrl = "";
function embedCode() {
  const pkg = new URL("pkg/", location.href).href;
  const src = $("embed-src").value.trim() || "https://…/your-timeline.json";
  const theme = $("embed-theme").value;
  const layout = $("embed-layout").value;
  const height = Math.max(200, Number($("embed-height").value) || 480);
  const attr = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  const dim = $("embed-dim").checked;
  const embeds = $("embed-embeds").value;
  const t = (layout === "story" ? ' layout="story"' : "") + (theme === "auto" ? "" : ` theme="${theme}"`) + (dim ? " dim" : "") +
    (embeds === "click" ? "" : ` embeds="${embeds}"`);
  $("embed-element").textContent = `<script type="module" src="${pkg}time-scope.js"></script>\n` +
    `<time-scope src="${attr(src)}"${t} height="${height}"></time-scope>`;
  const q = `src=${encodeURIComponent(src)}${layout === "story" ? "&layout=story" : ""}` +
    `${theme === "auto" ? "" : `&theme=${theme}`}${dim ? "&dim" : ""}${embeds === "click" ? "" : `&embeds=${embeds}`}`;
  $("embed-iframe").textContent = `<iframe class="timescope" src="${new URL("embed.html", location.href).href}?${attr(q)}" ` +
    `title="Timeline" loading="lazy" style="width:100%;height:${height + 120}px;border:0"></iframe>\n<script>\n` +
    `addEventListener("message", (e) => { for (const f of document.querySelectorAll("iframe.timescope"))\n` +
    `  if (e.source === f.contentWindow && e.data?.type === "timescope:height") f.style.height = e.data.height + "px"; });\n</script>`;
}

function showError(name, err) {
  status.textContent = `${name} could not be loaded: ${err.message}`;
  status.classList.add("error");
}

async function main() {
  await init();
  // The demo's timeline in the layout the embed code is for (a layout is fixed for a
  // timeline's life: a new one replaces it, with the same data).
  let timeline, unlink = () => {}, shown = null;
  const make = () => {
    unlink();
    timeline?.destroy();
    timeline = window.timeline = new Timeline($("timeline"), { layout: $("embed-layout").value });
    timeline.setDim($("embed-dim").checked);
    if (shown) load(...shown);
  };
  const load = (name, text) => {
    shown = [name, text];
    status.classList.remove("error");
    try {
      showReport(name, timeline.load(text));
    } catch (err) {
      showError(name, err);
    }
  };
  make();
  const fetchAndLoad = async (name, url) => {
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      load(name, await res.text());
      $("embed-src").value = new URL(url, location.href).href;
      embedCode();
    } catch (err) {
      showError(name, err);
    }
  };
  const host = $("examples");
  examples.forEach(([name, url], i) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = name;
    b.addEventListener("click", () => fetchAndLoad(name, url));
    host.append(b);
    if (i < examples.length - 1) host.append(" ");
  });
  $("file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (file) load(file.name, await file.text());
    $("embed-src").value = "";
    embedCode();
  });
  // Drag and drop anywhere on the page.
  addEventListener("dragover", (e) => e.preventDefault());
  addEventListener("drop", async (e) => {
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    e.preventDefault();
    load(file.name, await file.text());
    $("embed-src").value = "";
    embedCode();
  });
  for (const id of ["embed-src", "embed-layout", "embed-theme", "embed-height", "embed-dim", "embed-embeds"]) $(id).addEventListener("input", embedCode);
  $("embed-layout").addEventListener("change", () => { make(); unlink = link(timeline); });
  $("embed-dim").addEventListener("change", (e) => timeline.setDim(e.target.checked));
  await fetchAndLoad("Idlib 2018", examples[0][1]);
  // What the reader sees lives in the URL hash: a shared link opens the same view.
  unlink = link(timeline);
}

main().catch((err) => showError("Timescope", err));
