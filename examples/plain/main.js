// Timescope's JavaScript API from the npm package, in plain HTML with no bundler: the
// browser loads the ES module and the wasm beside it.
import init, { Timeline } from "./node_modules/timescope/timescope.js";

await init();
const tl = new Timeline(document.getElementById("timeline"), { theme: "auto", start: "last" });
tl.on("filterchange", ({ shown, total }) => {
  document.getElementById("count").textContent = `${shown} of ${total} events shown`;
});
const report = tl.load(await (await fetch("events.json")).text());
for (const w of report.warnings) console.warn(`${w.path}: ${w.message}`);
tl.setFilter({ groups: ["Diplomacy"] });
window.timeline = tl;
