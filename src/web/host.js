// The DOM half of the web layer: builds the widget's elements, forwards browser events to
// the Rust core as numbers, and shows what the core decided (card, list, announcements).
// Kept in JavaScript because the same plumbing written against web-sys cost ~10 KB gzipped
// of wasm, more than the size budget allows. It decides nothing: every choice (what is
// selected, what the card says, which markup is allowed) is made in Rust; the allow-list
// here mirrors src/sanitize.rs, which is the tested specification.

const KEEP = new Set(["P", "A", "B", "STRONG", "I", "EM", "BR", "UL", "OL", "LI", "BLOCKQUOTE", "SPAN"]);
const DROP = new Set(["SCRIPT", "STYLE", "IFRAME", "FRAME", "FRAMESET", "OBJECT", "EMBED", "APPLET",
  "TEMPLATE", "NOSCRIPT", "SVG", "MATH", "HEAD", "TITLE", "META", "LINK", "BASE", "TEXTAREA",
  "SELECT", "BUTTON", "INPUT", "FORM"]);
const MAX_DEPTH = 24;
// Event kinds shared with src/web/mod.rs.
const K = { down: 0, move: 1, up: 2, cancel: 3, leave: 4, wheel: 5, dbl: 6, key: 7, focus: 8,
  blur: 9, cardKey: 10, prev: 11, next: 12, close: 13, pick: 14, resize: 15, frame: 16, prefs: 17,
  query: 18, match: 19, chip: 20, ready: 21 };
// Event names of `on`/`off`, by the number Rust fires them with.
const EVENTS = ["select", "rangechange", "filterchange", "load"];
let ids = 0;
const utf8 = new TextEncoder();

function el(doc, tag, cls, parent, text) {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  if (parent) parent.append(e);
  return e;
}

/** A link target from data if it is http(s) or mailto (as src/sanitize.rs `href`). */
function safeHref(url) {
  const u = String(url).replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
  return /^(https?|mailto):/i.test(u) ? u : null;
}

/** Copies the allowed part of an inert parsed node into `to`. */
function copy(doc, from, to, depth) {
  for (const n of from.childNodes) {
    if (n.nodeType === 3) to.append(doc.createTextNode(n.data));
    if (n.nodeType !== 1 || DROP.has(n.tagName.toUpperCase())) continue;
    if (depth >= MAX_DEPTH) { to.append(doc.createTextNode(n.textContent)); continue; }
    const tag = n.tagName.toUpperCase();
    if (!KEEP.has(tag)) { copy(doc, n, to, depth + 1); continue; }
    const out = doc.createElement(tag.toLowerCase());
    if (tag === "A") {
      const h = safeHref(n.getAttribute("href") || "");
      if (h) { out.href = h; out.rel = "noopener noreferrer"; out.target = "_blank"; }
    }
    copy(doc, n, out, depth + 1);
    to.append(out);
  }
}

/** Rich text from data, rebuilt from an inert DOMParser document through the allow-list. */
function rich(doc, html, to) {
  to.replaceChildren();
  if (!/[<&]/.test(html)) { to.textContent = html; return; }
  // Rename event-handler and style attributes before parsing: the parsed document is inert
  // and they are dropped below anyway, but parsing them under the page's CSP would log a
  // violation report for each. (Anything this misses is still dropped by the allow-list.)
  const quiet = html.replace(/([\s/"'])(on[a-z]+|style)(\s*=)/gi, "$1data-x$2$3");
  copy(doc, new DOMParser().parseFromString(quiet, "text/html").body, to, 0);
}

const THEMES = ["auto", "light", "dark", "contrast"];
// The display list's fonts, in the order of src/draw.rs `Font`.
const FONTS = ["12px", "600 12px", "13px", "600 13px", "600 11px"].map((f) =>
  `${f} system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`);
// The axis labels' Intl.DateTimeFormat options, by the tick kind src/web/paint.rs asks for.
const N = "numeric", S = "short", D2 = "2-digit";
const DATES = [{ year: N }, { month: S }, { month: "long", year: N }, { day: N }, { day: N, month: S, year: N },
  { hour: D2, minute: D2 }, { hour: D2, minute: D2, second: D2 }, { day: N, month: S, year: N, hour: D2, minute: D2 }];
const css = (c) => `#${(c >>> 0).toString(16).padStart(8, "0")}`;

/** Checks the options of `new Timeline` and turns them into the numbers and strings Rust
 * reads (`opt`); throws a TypeError that names the option that is wrong. */
function options(o) {
  o ??= {};
  if (typeof o !== "object") throw TypeError("Timescope options must be an object");
  const bad = (k, what) => { throw TypeError(`invalid Timescope options: ${k} must be ${what}`); };
  const whole = (k) => {
    const v = o[k];
    if (v != null && !(Number.isInteger(v) && v >= 0 && v < 2 ** 32)) bad(k, "a whole number");
    return v ?? -1;
  };
  const theme = THEMES.indexOf(o.theme ?? "auto");
  if (theme < 0) bad("theme", "auto, light, dark or contrast");
  const flag = (k, on, bit) => {
    if (o[k] != null && typeof o[k] !== "boolean") bad(k, "true or false");
    return o[k] === on ? bit : 0;
  };
  const groups = o.groups ?? [];
  if (!Array.isArray(groups)) bad("groups", "an array of names or {name, color}");
  const start = o.start ?? "";
  const range = Array.isArray(start) && start.length === 2 && start.every(Number.isFinite);
  if (typeof start !== "string" && !range) bad("start", `"first", "last", an event id or [from, to]`);
  return {
    // theme, flags, height, maxEvents, maxBytes, start range
    n: [theme, flag("controls", false, 1) | flag("overview", false, 2) | flag("clustering", false, 4) |
      flag("reducedMotion", true, 8) | flag("reducedMotion", false, 16) | flag("dim", true, 32), Math.max(0, whole("height")),
    whole("maxEvents"), whole("maxBytes"), range ? start[0] : NaN, range ? start[1] : NaN],
    // groups as `name \u2 colour` joined by \u1; start as text
    s: [groups.map((g) => `${g?.name ?? g}\u0002${g?.color ?? g?.colour ?? ""}`).join("\u0001"),
      range ? "" : start],
    locale: o.locale,
  };
}

/** Builds the widget in `container`; `send(kind, a, b, c, d, time)` reaches Rust and returns
 * its effect bits (16 = handled: the browser's default action is prevented). */
export function mount(container, send, opts) {
  const o = options(opts);
  const controls = !(o.n[1] & 1), height = o.n[2];
  const doc = container.ownerDocument;
  const ac = new AbortController();
  const on = (t, name, f) => t.addEventListener(name, f, { signal: ac.signal, passive: false });
  const root = el(doc, "div", "ts", container);
  const title = el(doc, "p", "ts-title", root);
  // The search box, its count and match buttons, and the group and tag chips.
  const bar = el(doc, "div", "ts-bar", root);
  bar.hidden = !controls;
  bar.setAttribute("role", "search");
  const q = el(doc, "input", "ts-q", bar);
  q.type = "search";
  q.placeholder = "Search";
  q.autocomplete = "off";
  q.setAttribute("aria-label", "Search events");
  const found = el(doc, "span", "ts-n", bar);
  found.setAttribute("role", "status");
  const chips = el(doc, "div", "ts-chips", root);
  chips.setAttribute("role", "group");
  chips.setAttribute("aria-label", "Show only these groups and tags");
  const stage = el(doc, "div", "ts-stage", root);
  stage.tabIndex = 0;
  stage.setAttribute("role", "application");
  if (height) {
    stage.style.maxHeight = `${height}px`;
    stage.classList.add("ts-fixed");
  }
  const canvas = el(doc, "canvas", "ts-canvas", stage);
  canvas.setAttribute("role", "img");
  const card = el(doc, "section", "ts-card", root);
  card.hidden = true;
  card.setAttribute("aria-label", "Event details");
  const btn = (parent, text, label, kind, a = 0) => {
    const b = el(doc, "button", "", parent, text);
    b.type = "button";
    if (label) b.setAttribute("aria-label", label);
    b.addEventListener("click", () => send(kind, a, 0, 0, 0), { signal: ac.signal });
    return b;
  };
  btn(bar, "‹", "Previous match", K.match, -1);
  btn(bar, "›", "Next match", K.match, 1);
  on(q, "input", () => send(K.query, 0, 0, 0, 0));
  // Searching needs an index of the folded text: made when the reader comes to the box,
  // before the first keystroke, rather than slowing every load.
  on(q, "focus", () => send(K.ready, 0, 0, 0, 0));
  on(q, "keydown", (e) => {
    if (e.key === "Enter") { e.preventDefault(); send(K.match, e.shiftKey ? -1 : 1, 0, 0, 0); }
  });
  on(chips, "click", (e) => {
    const b = e.target.closest("button");
    if (b) send(K.chip, [...chips.children].indexOf(b), 0, 0, 0);
  });
  const subs = EVENTS.map(() => new Set());
  const close = btn(card, "×", "Close details", K.close);
  close.className = "ts-close";
  const date = el(doc, "p", "ts-card-date", card);
  const head = el(doc, "h2", "ts-card-title", card);
  const body = el(doc, "div", "ts-card-text", card);
  const media = el(doc, "div", "ts-card-media", card);
  const meta = el(doc, "p", "ts-card-meta", card);
  const nav = el(doc, "div", "ts-card-nav", card);
  const prev = btn(nav, "← Previous", "Previous event", K.prev);
  const count = el(doc, "span", "ts-card-count", nav);
  const next = btn(nav, "Next →", "Next event", K.next);
  const sr = el(doc, "div", "ts-sr", root);
  const help = el(doc, "p", "", sr, "Left and right arrow keys move between events, plus and minus " +
    "zoom, 0 shows everything, Enter opens the details and Escape closes them.");
  help.id = `ts-help-${++ids}`;
  stage.setAttribute("aria-describedby", help.id);
  const note = el(doc, "p", "", sr);
  const list = el(doc, "ol", "ts-list", sr);
  list.setAttribute("aria-label", "Events in time order");
  const live = el(doc, "div", "ts-live", sr);
  live.setAttribute("aria-live", "polite");

  const pos = (e) => {
    const r = canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };
  const pass = (e, bits) => { if (bits & 16 && e.cancelable) e.preventDefault(); };
  const pointer = (kind) => (e) => {
    if (kind === K.down) {
      if (e.pointerType === "mouse" && e.button !== 0) return;
      stage.setPointerCapture(e.pointerId);
    }
    const [x, y] = pos(e);
    pass(e, send(kind, x, y, e.pointerId, e.pointerType === "mouse" ? 0 : 1, e.timeStamp));
  };
  on(stage, "pointerdown", pointer(K.down));
  on(stage, "pointermove", pointer(K.move));
  on(stage, "pointerup", pointer(K.up));
  on(stage, "pointercancel", pointer(K.cancel));
  on(stage, "pointerleave", pointer(K.leave));
  on(stage, "wheel", (e) => {
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? canvas.clientWidth : 1;
    let dx = e.deltaX * unit, dy = e.deltaY * unit;
    if (e.shiftKey && !dx) [dx, dy] = [dy, 0];
    const [x] = pos(e);
    pass(e, send(K.wheel, x, dx, dy, 0));
  });
  on(stage, "dblclick", (e) => { const [x, y] = pos(e); pass(e, send(K.dbl, x, y, 0, 0)); });
  const keys = ["ArrowLeft", "ArrowRight", "Home", "End", "+", "=", "-", "_", "0", "Enter", " ", "Escape", "Esc"];
  const key = (kind) => (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const k = keys.indexOf(e.key);
    if (k >= 0) pass(e, send(kind, k, 0, 0, 0));
  };
  on(stage, "keydown", key(K.key));
  on(card, "keydown", key(K.cardKey));
  on(stage, "focus", () => send(K.focus, 0, 0, 0, 0));
  on(stage, "blur", () => send(K.blur, 0, 0, 0, 0));
  on(list, "click", (e) => {
    const b = e.target.closest("button[data-i]");
    if (b) send(K.pick, Number(b.dataset.i), 0, 0, 0);
  });
  const mq = (q) => matchMedia(q);
  const queries = [mq("(prefers-color-scheme: dark)"), mq("(prefers-contrast: more)"),
    mq("(prefers-reduced-motion: reduce)")];
  for (const q of queries) on(q, "change", () => send(K.prefs, 0, 0, 0, 0));
  const ro = new ResizeObserver(() => send(K.resize, stage.clientWidth, 0, 0, 0));
  ro.observe(stage);
  let raf = 0;
  const ctx = canvas.getContext("2d");
  const dtf = [];
  // Canvas state last set (resizing the canvas resets it): font, fill, stroke, line width.
  let st = [];
  let pieces = [];
  const stamps = new Map();
  const set = (k, v, f) => { if (st[k] !== v) { st[k] = v; f(v); } };
  const font = (i) => set(0, i, () => { ctx.font = FONTS[i]; });
  const fill = (c) => set(1, c, () => { ctx.fillStyle = css(c); });
  const stroke = (c, w) => {
    set(2, c, () => { ctx.strokeStyle = css(c); });
    set(3, w, () => { ctx.lineWidth = w; });
  };

  return {
    opt: (k) => o.n[k],
    optS: (k) => o.s[k],
    date(kind, ms) {
      if (!(kind in dtf)) {
        try { dtf[kind] = new Intl.DateTimeFormat(o.locale, { timeZone: "UTC", ...DATES[kind] }); } catch { dtf[kind] = null; }
      }
      return dtf[kind]?.format(ms) ?? "";
    },
    /** A setFilter object as `text \u1 groups \u1 tags`; from and to become options 7, 8. */
    filter(f) {
      f ??= {};
      const names = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === "string").join("\u0002") : "");
      const num = (v) => (typeof v === "number" ? v : NaN);
      [o.n[7], o.n[8]] = [num(f.from), num(f.to)];
      return `${typeof f.text === "string" ? f.text.replace(/[\u0001\u0002]/g, " ") : ""}\u0001${names(f.groups)}\u0001${names(f.tags)}`;
    },
    report(s) {
      const [format, events, eras, title, ...w] = s.split("\u0001");
      return { format, events: +events, eras: +eras, title: title === "\u0003" ? null : title,
        warnings: w.map((x) => { const [path, message] = x.split("\u0002"); return { path, message }; }) };
    },
    measure(text, f) {
      font(f);
      return ctx.measureText(text).width;
    },
    /** Replays a display list encoded by src/web/paint.rs `encode`. */
    paint(o, joined, dpr) {
      const texts = joined.split("\u0001");
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.textBaseline = "middle";
      for (let i = 0, t = 0; i < o.length;) {
        const op = o[i];
        const x = o[i + 1], y = o[i + 2], w = o[i + 3], h = o[i + 4];
        if (op === 1) {
          fill(o[i + 5]);
          ctx.fillRect(x, y, w, h);
          i += 6;
        } else if (op === 2) {
          const r = Math.max(0, Math.min(o[i + 5], w / 2, h / 2)), f = o[i + 6], s = o[i + 7], lw = o[i + 8];
          if (!s || w > 48 || h > 48) {
            ctx.beginPath();
            ctx.roundRect(x, y, w, h, r);
            if (f) { fill(f); ctx.fill(); }
            if (s) { stroke(s, lw); ctx.stroke(); }
          } else {
            // Outlined markers and count pills (a few looks, many copies): drawn once per
            // look into a small canvas and stamped at whole device pixels. Without a GPU,
            // their anti-aliased paths and outlines were most of a dense frame's raster.
            const k = [w, h, r, f, s, lw, dpr].join();
            let b = stamps.get(k);
            if (!b) {
              if (stamps.size > 500) stamps.clear();
              b = doc.createElement("canvas");
              b.width = b.height = Math.ceil((Math.max(w, h) + 2 * lw) * dpr) + 1;
              const g = b.getContext("2d");
              g.scale(dpr, dpr);
              g.roundRect(lw, lw, w, h, r);
              if (f) { g.fillStyle = css(f); g.fill(); }
              if (s) { g.strokeStyle = css(s); g.lineWidth = lw; g.stroke(); }
              stamps.set(k, b);
            }
            const px = (v) => Math.round((v - lw) * dpr) / dpr;
            ctx.drawImage(b, px(x), px(y), b.width / dpr, b.height / dpr);
          }
          i += 9;
        } else {
          font(o[i + 4]);
          ctx.textAlign = o[i + 5] ? "center" : "left";
          fill(w);
          ctx.fillText(texts[t++], x, y);
          i += 6;
        }
      }
    },
    width: () => stage.clientWidth,
    dpr: () => devicePixelRatio || 1,
    prefs: () => queries.reduce((bits, q, i) => bits | (q.matches ? 1 << i : 0), 0),
    frame() {
      if (!raf) raf = requestAnimationFrame((t) => { raf = 0; send(K.frame, t, 0, 0, 0); });
    },
    later() { setTimeout(() => raf < 0 || send(K.ready, 1, 0, 0, 0)); },
    now: () => performance.now(),
    split(text) {
      // Never between the two halves of a surrogate pair.
      for (let a = 0, b; a < text.length; a = b) {
        b = Math.min(text.length, a + 2 ** 20);
        if ((text.charCodeAt(b - 1) & 0xfc00) === 0xd800 && b < text.length) b--;
        pieces.push(text.slice(a, b));
      }
      // Its length in UTF-8 (a lone surrogate becomes U+FFFD), from the browser's encoder
      // into a scratch buffer: a loop here ran cold, in the interpreter, on a page's first
      // load (~5 ms for 5,000 events). Counted here: a Blob would move the string out of the
      // JavaScript heap.
      const scratch = new Uint8Array(Math.min(text.length, 2 ** 20) * 3);
      return pieces.reduce((n, p) => n + utf8.encodeInto(p, scratch).written, 0);
    },
    piece: (k) => pieces[k] ?? (pieces = [], ""),
    status(text) { found.textContent = text; },
    size(w, h, cssH) {
      if (canvas.width !== w) canvas.width = w;
      if (canvas.height !== h) canvas.height = h;
      st = [];
      canvas.style.height = `${cssH}px`;
    },
    theme(name) { root.className = `ts ts-${name}`; },
    focus() { stage.focus(); },
    hot(on) { stage.classList.toggle("ts-hot", on); },
    load(titleText, summary, items, start, total) {
      title.textContent = titleText;
      title.hidden = !titleText;
      stage.setAttribute("aria-label", summary);
      canvas.setAttribute("aria-label", summary);
      card.hidden = true;
      live.textContent = "";
      this.list(items, start, total);
    },
    list(joined, start, total) {
      const items = joined ? joined.split("\u0001") : [];
      list.start = start + 1;
      // Items are reused (a search changes the list at every keystroke: new nodes would
      // each need styling again); one that now says something else is rewritten.
      const kids = list.children;
      items.forEach((item, k) => {
        const [i, text] = item.split("\u0002");
        if (!kids[k]) {
          const b = el(doc, "button", "", el(doc, "li", "", list));
          b.type = "button";
          b.tabIndex = -1;
        }
        const b = kids[k].firstChild;
        if (b.dataset.i !== i || b.textContent !== text) {
          b.dataset.i = i;
          b.textContent = text;
          b.removeAttribute("aria-current");
        }
      });
      while (kids.length > items.length) list.lastChild.remove();
      note.textContent = items.length < total
        ? `Events ${start + 1} to ${start + items.length} of ${total}; the arrow keys reach the others.`
        : "";
    },
    select(i, say) {
      for (const b of list.querySelectorAll("[aria-current]")) b.removeAttribute("aria-current");
      const b = list.querySelector(`[data-i="${i}"]`);
      if (b) b.setAttribute("aria-current", "true");
      live.textContent = say;
    },
    card(open, d, t, text, image, alt, caption, link, linkText, m, n, isFirst, isLast) {
      if (!open) {
        if (card.contains(doc.activeElement)) stage.focus();
        card.hidden = true;
        return 0;
      }
      date.textContent = d;
      head.textContent = t;
      rich(doc, text, body);
      media.replaceChildren();
      if (image) {
        const fig = el(doc, "figure", "", media);
        const img = el(doc, "img", "", fig);
        img.alt = alt;
        img.loading = "lazy";
        img.referrerPolicy = "no-referrer";
        img.src = image;
        if (caption) el(doc, "figcaption", "", fig, caption);
      } else if (link) {
        const a = el(doc, "a", "", el(doc, "p", "", media), linkText);
        a.href = link;
        a.rel = "noopener noreferrer";
        a.target = "_blank";
      }
      meta.textContent = m;
      meta.hidden = !m;
      count.textContent = n;
      prev.disabled = isFirst;
      next.disabled = isLast;
      if (doc.activeElement === prev && isFirst) close.focus();
      if (doc.activeElement === next && isLast) close.focus();
      card.hidden = false;
      // Wide layouts float the card over the canvas's right side: that part is covered.
      const s = stage.getBoundingClientRect(), c = card.getBoundingClientRect();
      return c.left < s.right && c.top < s.bottom && c.bottom > s.top ? s.right - c.left : 0;
    },
    q: () => q.value,
    setQ(text) { q.value = text; },
    /** The count, and the chips: `pressed \u2 name \u2 count \u2 colour` joined by \u1. */
    bar(count, joined) {
      found.textContent = count;
      const items = joined ? joined.split("\u0001") : [];
      chips.hidden = !controls || !items.length;
      // Updated in place while the chips stay the same, so a focused chip keeps its focus.
      if (chips.children.length !== items.length) {
        chips.replaceChildren(...items.map(() => {
          const b = el(doc, "button", "ts-chip");
          b.type = "button";
          el(doc, "span", "ts-dot", b);
          b.append("");
          el(doc, "span", "ts-chip-n", b);
          return b;
        }));
      }
      items.forEach((item, i) => {
        const [pressed, name, n, colour] = item.split("\u0002");
        const b = chips.children[i];
        b.setAttribute("aria-pressed", pressed === "1");
        b.childNodes[1].data = name;
        b.lastChild.textContent = n;
        b.firstChild.hidden = !colour;
        b.firstChild.style.background = colour;
      });
    },
    on(k, f) { subs[k].add(f); },
    off(k, f) { subs[k].delete(f); },
    /** Tells the page's listeners, after the current call returns (they may call back). */
    fire(k, a, b, s, v) {
      if (!subs[k].size) return;
      let detail = v;
      if (k === 0) detail = { id: s || null };
      if (k === 1) detail = { start: a, end: b };
      if (k === 2) {
        const [text, g, t] = s.split("\u0001");
        const list = (x) => (x ? x.split("\u0002") : []);
        detail = { shown: a, total: b, filter: { text, groups: list(g), tags: list(t) } };
      }
      const fs = [...subs[k]];
      queueMicrotask(() => {
        for (const f of fs) {
          // A listener that throws is reported like any uncaught error; the others still run.
          try { f(detail); } catch (err) { reportError(err); }
        }
      });
    },
    png: () => new Promise((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(Error("Timescope could not make a PNG"))), "image/png")),
    destroy() {
      for (const s of subs) s.clear();
      ac.abort();
      ro.disconnect();
      cancelAnimationFrame(raf);
      raf = -1; // and no frame is asked for again
      canvas.width = canvas.height = 0;
      root.remove();
    },
  };
}
