#!/usr/bin/env node
// Draws Hookscope's app icon and tray icons (one per state, 1x and 2x, plus macOS "Template" variants) as PNGs with
// nothing but Node: shapes are sampled 4×4 per pixel for smooth edges, then written with zlib. Run it after changing
// a shape: `node scripts/make-icons.mjs` (outputs to build/icons/, which is committed).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build', 'icons');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Renders layers ([inside(x, y) in unit coordinates 0..1, [r, g, b]]) painted in order. */
function render(size, layers) {
  const rgba = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const [inside, color] of layers) {
        let hits = 0;
        for (let sy = 0; sy < samples; sy++) {
          for (let sx = 0; sx < samples; sx++) {
            if (inside((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) hits++;
          }
        }
        const coverage = hits / (samples * samples);
        if (coverage === 0) continue;
        if (color === null) {
          a *= 1 - coverage; // a cut-out
          continue;
        }
        const outA = coverage + a * (1 - coverage);
        r = (color[0] * coverage + r * a * (1 - coverage)) / outA;
        g = (color[1] * coverage + g * a * (1 - coverage)) / outA;
        b = (color[2] * coverage + b * a * (1 - coverage)) / outA;
        a = outA;
      }
      const i = (py * size + px) * 4;
      rgba[i] = Math.round(r);
      rgba[i + 1] = Math.round(g);
      rgba[i + 2] = Math.round(b);
      rgba[i + 3] = Math.round(a * 255);
    }
  }
  return encodePng(size, rgba);
}

const dist = (x, y, cx, cy) => Math.hypot(x - cx, y - cy);
const disc = (r) => (x, y) => dist(x, y, 0.5, 0.5) <= r;
const ring = (outer, inner) => (x, y) => {
  const d = dist(x, y, 0.5, 0.5);
  return d <= outer && d >= inner;
};
/** A ring with a gap at the top right: "trying to connect". */
const brokenRing = (outer, inner) => (x, y) => {
  const angle = Math.atan2(0.5 - y, x - 0.5);
  return ring(outer, inner)(x, y) && !(angle > 0.15 && angle < 1.35);
};
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const either = (...shapes) => (x, y) => shapes.some((shape) => shape(x, y));

// Shapes differ per state so the monochrome macOS template icons still say which state it is.
const STATES = {
  online: [[disc(0.4), [34, 197, 94]]],
  idle: [[ring(0.4, 0.26), [148, 163, 184]]],
  reconnecting: [[brokenRing(0.4, 0.26), [245, 158, 11]]],
  error: [
    [disc(0.44), [239, 68, 68]],
    [either(rect(0.43, 0.2, 0.57, 0.6), (x, y) => dist(x, y, 0.5, 0.74) <= 0.075), null],
  ],
  paused: [[either(rect(0.22, 0.15, 0.42, 0.85), rect(0.58, 0.15, 0.78, 0.85)), [100, 116, 139]]],
};

fs.mkdirSync(path.join(out, 'tray'), { recursive: true });
for (const [state, layers] of Object.entries(STATES)) {
  const black = layers.map(([shape, color]) => [shape, color === null ? null : [0, 0, 0]]);
  for (const [suffix, size] of [['', 16], ['@2x', 32]]) {
    fs.writeFileSync(path.join(out, 'tray', `${state}${suffix}.png`), render(size, layers));
    fs.writeFileSync(path.join(out, 'tray', `${state}Template${suffix}.png`), render(size, black));
  }
}

// App icon: a dark rounded square, a hook-like open ring and a delivery dot.
const roundedSquare = (x, y) => {
  const r = 0.18;
  const cx = Math.min(Math.max(x, r + 0.04), 0.96 - r);
  const cy = Math.min(Math.max(y, r + 0.04), 0.96 - r);
  return dist(x, y, cx, cy) <= r;
};
const appLayers = [
  [roundedSquare, [15, 23, 42]],
  [brokenRing(0.3, 0.2), [45, 212, 191]],
  [(x, y) => dist(x, y, 0.5, 0.5) <= 0.09, [248, 250, 252]],
];
for (const size of [512, 256]) {
  fs.writeFileSync(path.join(out, size === 512 ? 'icon.png' : `${size}x${size}.png`), render(size, appLayers));
}
console.log(`icons written to ${path.relative(process.cwd(), out) || out}`);
