// Shortens the names the wasm module and its JavaScript glue share (imports such as
// `__wbg_fillRect_e3c4…` with a 16-digit hash, and exports such as `timeline_setFilter`)
// to two or three characters, in the wasm's import and export sections and in the glue
// alike. The hashes do not compress: this saves ~2 KB gzipped. Part of the size budget.
//
// usage: node scripts/shorten.mjs <dir with timescope_bg.wasm and timescope.js>
import { readFileSync, writeFileSync, existsSync } from "node:fs";

const dir = process.argv[2];
const wasmPath = `${dir}/timescope_bg.wasm`;
const jsPath = `${dir}/timescope.js`;
const wasm = readFileSync(wasmPath);
let js = readFileSync(jsPath, "utf8");

// --- reading and writing LEB128 and names -------------------------------------------------
function uleb(buf, pos) {
  let result = 0, shift = 0, b;
  do {
    b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [result, pos];
}
function ulebBytes(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
}
function name(buf, pos) {
  const [len, p] = uleb(buf, pos);
  return [buf.subarray(p, p + len).toString("utf8"), p + len];
}
const nameBytes = (s) => {
  const b = Buffer.from(s, "utf8");
  return Buffer.concat([ulebBytes(b.length), b]);
};

// --- the names: every import field and export the glue names as a whole word --------------
const wordIn = (s, text) => new RegExp(`(?<![\\w$])${s.replace(/\$/g, "\\$")}(?![\\w$])`).test(text);
const mapping = new Map();
let counter = 0;
const shortFor = (old) => {
  if (!mapping.has(old)) mapping.set(old, `$${(counter++).toString(36)}`);
  return mapping.get(old);
};

const out = [wasm.subarray(0, 8)];
let pos = 8;
while (pos < wasm.length) {
  const id = wasm[pos];
  const [size, start] = uleb(wasm, pos + 1);
  const end = start + size;
  if (id !== 2 && id !== 7) {
    out.push(wasm.subarray(pos, end));
    pos = end;
    continue;
  }
  const [count, p0] = uleb(wasm, start);
  let p = p0;
  const parts = [ulebBytes(count)];
  for (let i = 0; i < count; i++) {
    if (id === 2) {
      const [mod, p1] = name(wasm, p);
      const [field, p2] = name(wasm, p1);
      // The import descriptor: kind byte, then a type index, table/memory limits or a
      // global type. Copy it as it is.
      const kind = wasm[p2];
      let q = p2 + 1;
      if (kind === 0) [, q] = uleb(wasm, q);
      else if (kind === 1) {
        q += 1;
        const flags = wasm[q++];
        [, q] = uleb(wasm, q);
        if (flags & 1) [, q] = uleb(wasm, q);
      } else if (kind === 2) {
        const flags = wasm[q++];
        [, q] = uleb(wasm, q);
        if (flags & 1) [, q] = uleb(wasm, q);
      } else if (kind === 3) q += 2;
      else throw new Error(`unknown import kind ${kind}`);
      const renamed = wordIn(field, js) ? shortFor(field) : field;
      parts.push(nameBytes(mod), nameBytes(renamed), wasm.subarray(p2, q));
      p = q;
    } else {
      const [field, p1] = name(wasm, p);
      let q = p1 + 1;
      [, q] = uleb(wasm, q);
      // `memory` is also a word in the glue's own code; it stays.
      const renamed = field !== "memory" && wordIn(field, js) ? shortFor(field) : field;
      parts.push(nameBytes(renamed), wasm.subarray(p1, q));
      p = q;
    }
  }
  if (p !== end) throw new Error(`section ${id} did not parse to its end`);
  const body = Buffer.concat(parts);
  out.push(Buffer.from([id]), ulebBytes(body.length), body);
  pos = end;
}

// Longest names first, so no name is replaced inside a longer one.
const olds = [...mapping.keys()].sort((a, b) => b.length - a.length);
for (const old of olds) {
  const re = new RegExp(`(?<![\\w$])${old.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
  js = js.replace(re, () => mapping.get(old));
}
// wasm-bindgen's loader warns in long sentences (a deprecated way to call init, a server
// that does not send application/wasm): the same warnings in a few words (~0.1 KB).
const warnings = [[/^using deprecated parameters/, "Timescope: init() takes one object"],
  [/^`WebAssembly.instantiateStreaming` failed/, "Timescope: serve .wasm as application/wasm"]];
js = js.replace(/console\.warn\("((?:[^"\\]|\\.)*)"/g, (all, text) => {
  const w = warnings.find(([re]) => re.test(text));
  return w ? `console.warn("${w[1]}"` : all;
});
writeFileSync(wasmPath, Buffer.concat(out));
writeFileSync(jsPath, js);
// The type declarations that name the wasm's exports.
for (const dts of [`${dir}/timescope_bg.wasm.d.ts`, `${dir}/timescope.d.ts`]) {
  if (!existsSync(dts)) continue;
  let t = readFileSync(dts, "utf8");
  for (const old of olds) t = t.split(` ${old}:`).join(` ${JSON.stringify(mapping.get(old))}:`);
  writeFileSync(dts, t);
}
console.log(`shortened ${mapping.size} names shared by the wasm and its glue`);
