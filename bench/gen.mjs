// Deterministic test timelines for the benchmark: `n` events over `years` from 1 January
// 2020, in 8 groups, with tags, headlines and short texts; a fifth of them are ranges (up
// to 30 days), the rest points, times to the minute. The same seed gives the same text in
// Node and in the browser (a 32-bit PRNG, no Math.random). Written in the three formats
// newsrooms have: TimelineJS3 JSON, the TimelineJS Google Sheets CSV, and Timescope JSON;
// plus the items vis-timeline takes.
//
//   node bench/gen.mjs 100000 [years] [timelinejs|csv|native] > events.json

const GROUPS = ["Diplomacy", "Air strikes", "Humanitarian", "Military build-up", "US–Russia",
  "Economy", "Elections", "Courts"];
const TAGS = ["Turkey", "Russia", "Iran", "UN", "Syria", "EU", "Idlib", "Aleppo", "Geneva", "Ankara"];
const WHO = ["Ministers", "Envoys", "Observers", "Rebels", "Aid groups", "Courts", "Voters", "Banks",
  "Generals", "Mayors", "Students", "Doctors"];
const DID = ["meet in", "warn about", "return to", "report on", "leave", "vote in", "appeal in",
  "rebuild", "count losses in", "open talks in", "close roads in", "reach"];
const WHERE = ["Geneva", "İdlib", "Aleppo", "Ankara", "Sochi", "Hama", "Latakia", "Damascus",
  "Tehran", "Moscow", "New York", "Brussels", "Raqqa", "Homs", "Deir ez-Zor", "Afrin"];

const YEAR_MS = 365.25 * 864e5;
const T0 = Date.UTC(2020, 0, 1);

/** A 32-bit PRNG (mulberry32): floats in [0, 1). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` events as plain objects: {start, end (ms or null), headline, text, group, tags}. */
export function events(n, years = 1, seed = 1) {
  const rnd = prng(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    // Whole minutes, so every format holds the same instant.
    const start = T0 + Math.floor(rnd() * years * YEAR_MS / 6e4) * 6e4;
    const end = rnd() < 0.2 ? start + Math.ceil(rnd() * 30 * 1440) * 6e4 : null;
    const where = pick(WHERE);
    out[i] = {
      start,
      end,
      headline: `${pick(WHO)} ${pick(DID)} ${where}`,
      text: `Report ${i + 1}: ${pick(WHO).toLowerCase()} in ${where} say the situation is ${rnd() < 0.5 ? "calm" : "tense"}.`,
      group: GROUPS[i % GROUPS.length],
      tags: [pick(TAGS), pick(TAGS)].filter((t, k, a) => a.indexOf(t) === k),
    };
  }
  return out;
}

const iso = (ms) => new Date(ms).toISOString().slice(0, 16);
const parts = (ms) => {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes() };
};

/** TimelineJS3 JSON text: `{"events": [{start_date, end_date, text: {headline, text}, group}]}`. */
export function timelinejs(list) {
  return JSON.stringify({
    events: list.map((e) => ({
      start_date: parts(e.start),
      ...(e.end === null ? {} : { end_date: parts(e.end) }),
      text: { headline: e.headline, text: `<p>${e.text}</p>` },
      group: e.group,
    })),
  });
}

/** Timescope JSON text: an array of `{start, end, headline, text, group, tags}`. */
export function native(list) {
  return JSON.stringify(list.map((e) => ({
    start: iso(e.start),
    ...(e.end === null ? {} : { end: iso(e.end) }),
    headline: e.headline,
    text: e.text,
    group: e.group,
    tags: e.tags,
  })));
}

/** The TimelineJS Google Sheets CSV (its 18 columns; no tags, which it does not have). */
export function csv(list) {
  const q = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const date = (ms) => {
    if (ms === null) return ",,,";
    const p = parts(ms);
    return `${p.year},${p.month},${p.day},${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
  };
  const rows = ["Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media," +
    "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background"];
  for (const e of list) {
    rows.push(`${date(e.start)},${date(e.end)},,${q(e.headline)},${q(e.text)},,,,,,${q(e.group)},`);
  }
  return rows.join("\n") + "\n";
}

/** vis-timeline's items: `{id, start, end?, content, group}` (groups by name). */
export function visItems(list) {
  return list.map((e, id) => ({
    id,
    start: e.start,
    ...(e.end === null ? {} : { end: e.end }),
    content: e.headline,
    group: e.group,
  }));
}

/** vis-timeline's groups. */
export const visGroups = GROUPS.map((g) => ({ id: g, content: g }));

if (typeof process !== "undefined" && process.argv[1]?.endsWith("gen.mjs")) {
  const [n = "1000", years = "1", format = "native"] = process.argv.slice(2);
  const list = events(Number(n), Number(years));
  process.stdout.write({ timelinejs, csv, native }[format](list));
}
