// <time-scope src="events.json" theme="dark" layout="story" locale="fr" height="480" embeds="click"></time-scope>
//
// The custom element: one <script type="module" src=".../time-scope.js"> on the page, then
// any number of elements, each with its own timeline. It fetches `src` (showing a loading
// line, then the timeline or a readable error), follows attribute changes, and removes its
// listeners and elements when it leaves the page. `el.timeline` is the JavaScript API
// (setFilter, select, on, …); the element also dispatches `load` ({detail: report}) and
// `error` ({detail: message}).
import init, { Timeline } from "./pkg/timescope.js";

const ready = init();
const ATTRS = ["src", "theme", "layout", "locale", "height", "start", "controls", "overview", "clustering", "dim", "embeds"];

// The widget's style sheet, beside the module, added to the page once.
const sheet = new URL("./pkg/timescope.css", import.meta.url).href;
function addSheet(doc) {
  if ([...doc.querySelectorAll("link[rel=stylesheet]")].some((l) => l.href === sheet)) return;
  const l = doc.createElement("link");
  l.rel = "stylesheet";
  l.href = sheet;
  doc.head.append(l);
}

class TimeScope extends HTMLElement {
  static observedAttributes = ATTRS;
  #tl = null;
  #text = null;
  #fetched = null;
  #abort = null;
  #pending = false;

  /** The Timeline (null while loading or after an error). */
  get timeline() { return this.#tl; }

  connectedCallback() { this.#later(); }

  disconnectedCallback() {
    this.#abort?.abort();
    this.#abort = null;
    this.#tl?.destroy();
    this.#tl = null;
    this.replaceChildren();
  }

  attributeChangedCallback() { if (this.isConnected) this.#later(); }

  // Several attribute changes in one task make one update.
  #later() {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => { this.#pending = false; if (this.isConnected) this.#update(); });
  }

  #status(text, error) {
    this.#tl?.destroy();
    this.#tl = null;
    const p = document.createElement("p");
    p.className = error ? "ts-status ts-error" : "ts-status";
    p.setAttribute("role", error ? "alert" : "status");
    p.textContent = text;
    this.replaceChildren(p);
    if (error) this.dispatchEvent(new CustomEvent("error", { detail: text }));
  }

  async #update() {
    addSheet(this.ownerDocument);
    const src = this.getAttribute("src");
    if (!src) return this.#status("No timeline: the src attribute is empty.", true);
    if (src !== this.#fetched) {
      this.#abort?.abort();
      const abort = (this.#abort = new AbortController());
      this.#status("Loading the timeline…");
      let text;
      try {
        const res = await fetch(new URL(src, this.baseURI), { signal: abort.signal });
        if (!res.ok) throw new Error(`the server answered ${res.status} ${res.statusText}`.trim());
        text = await res.text();
      } catch (err) {
        if (abort.signal.aborted) return;
        return this.#status(`The timeline could not be loaded from ${src}: ${err.message}`, true);
      }
      if (abort.signal.aborted) return;
      this.#text = text;
      this.#fetched = src;
    }
    try {
      await ready;
      if (!this.isConnected) return;
      const a = (k) => this.getAttribute(k);
      const flag = (k) => (this.hasAttribute(k) ? a(k) !== "false" : undefined);
      const start = a("start");
      const range = start?.split(",").map(Number);
      const options = {
        theme: a("theme") || undefined,
        layout: a("layout") || undefined,
        locale: a("locale") || undefined,
        height: a("height") ? Number(a("height")) : undefined,
        start: range?.length === 2 && range.every(isFinite) ? range : start || undefined,
        controls: flag("controls"),
        overview: flag("overview"),
        clustering: flag("clustering"),
        dim: flag("dim"),
        embeds: a("embeds") || undefined,
      };
      this.#tl?.destroy();
      this.replaceChildren();
      this.#tl = new Timeline(this, options);
      const report = this.#tl.load(this.#text);
      this.dispatchEvent(new CustomEvent("load", { detail: report }));
    } catch (err) {
      this.#status(`The timeline could not be shown: ${err.message}`, true);
    }
  }
}

if (!customElements.get("time-scope")) customElements.define("time-scope", TimeScope);
