// Keeps what a reader sees in the page's URL hash, so a link shares it and opening the link
// restores it: #event=<id>&q=<text>&groups=<a,b>&tags=<c>&from=<date>&to=<date>. `from` and
// `to` are the visible range (what the overview's window shows). A new selection or filter
// is a new history entry (Back undoes it); moving the range replaces the current one.
// Names are percent-encoded, so a comma in a name is %2C and a bare comma separates names.

const enc = encodeURIComponent;

/** A time for the hash: an ISO date (time only when it is not midnight), or ms when Date
 * cannot show it (cosmological years). */
function when(ms) {
  const d = new Date(Math.round(ms));
  return isNaN(d) ? String(Math.round(ms)) : d.toISOString().replace(/(T00:00:00)?\.000Z$/, (m, t) => (t ? "" : "Z"));
}

/** Milliseconds from a hash time (ISO date or a number of ms); NaN when neither. */
const ms = (s) => (/^-?\d+(\.\d+)?(e\d+)?$/.test(s) ? Number(s) : Date.parse(s));

/** Percent-decoding that keeps text it cannot decode as it is. */
const dec = (s) => { try { return decodeURIComponent(s.replace(/\+/g, " ")); } catch { return s; } };

/** The state in a hash: {event, q, groups, tags, from, to}. */
export function read(hash) {
  const out = { event: null, q: "", groups: [], tags: [], from: NaN, to: NaN };
  for (const part of hash.replace(/^#/, "").split("&")) {
    const [k, v = ""] = part.split("=");
    if (k === "event") out.event = dec(v) || null;
    if (k === "q") out.q = dec(v);
    if (k === "groups" || k === "tags") out[k] = v.split(",").filter(Boolean).map(dec);
    if (k === "from" || k === "to") out[k] = ms(dec(v));
  }
  return out;
}

/** The hash for a state (empty parts left out). */
export function write(s) {
  const parts = [];
  if (s.event) parts.push(`event=${enc(s.event)}`);
  if (s.q) parts.push(`q=${enc(s.q)}`);
  for (const k of ["groups", "tags"]) if (s[k].length) parts.push(`${k}=${s[k].map(enc).join(",")}`);
  if (isFinite(s.from) && isFinite(s.to)) parts.push(`from=${when(s.from)}`, `to=${when(s.to)}`);
  return parts.length ? `#${parts.join("&")}` : "";
}

/** Links `tl` to `win`'s URL hash: restores it now (call after the first load) and on
 * Back/Forward, and writes every change. Returns a function that unlinks. */
export function link(tl, win = window) {
  const { location: loc, history: hist } = win;
  let filter = { text: "", groups: [], tags: [] };
  let quiet = false, push = false, timer = 0;
  const state = () => {
    const [from, to] = tl.range();
    return { event: tl.selected(), q: filter.text, groups: filter.groups, tags: filter.tags, from, to };
  };
  const save = () => {
    timer = 0;
    const h = write(state());
    if (h !== loc.hash && !(h === "" && loc.hash === "#")) {
      const url = `${loc.pathname}${loc.search}${h || "#"}`;
      if (push) hist.pushState(null, "", url); else hist.replaceState(null, "", url);
    }
    push = false;
  };
  // Changes come in bursts (a drag, typing): one write when they settle.
  const later = (p) => () => {
    if (quiet) return;
    push ||= p;
    clearTimeout(timer);
    timer = setTimeout(save, 300);
  };
  const restore = () => {
    const s = read(loc.hash);
    quiet = true;
    filter = { text: s.q, groups: s.groups, tags: s.tags };
    tl.setFilter(filter);
    if (isFinite(s.from) && isFinite(s.to) && s.to > s.from) tl.setRange(s.from, s.to);
    tl.select(s.event);
    // The timeline's own events for these changes arrive in microtasks; then listen again.
    setTimeout(() => { quiet = false; }, 0);
  };
  const onFilter = (d) => { filter = d.filter; later(true)(); };
  const onSelect = later(true), onRange = later(false);
  const onLoad = () => { filter = { text: "", groups: [], tags: [] }; later(true)(); };
  tl.on("filterchange", onFilter);
  tl.on("select", onSelect);
  tl.on("rangechange", onRange);
  tl.on("load", onLoad);
  win.addEventListener("popstate", restore);
  if (loc.hash.length > 1) restore();
  return () => {
    clearTimeout(timer);
    win.removeEventListener("popstate", restore);
    tl.off("filterchange", onFilter);
    tl.off("select", onSelect);
    tl.off("rangechange", onRange);
    tl.off("load", onLoad);
  };
}
