// Writes Ward's app icons (public/icons/icon-192.png, icon-512.png, maskable-512.png) as plain PNGs:
// a full-bleed brand square with a white shield inside the maskable safe zone. Run once; the PNGs
// are committed. `node server/pwa/make-icons.mjs`
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const root = path.resolve(import.meta.dirname, "../..");
const brand = [0x0f, 0x62, 0xfe];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Inside a shield: flat top, straight sides down to mid-height, then a curve to a point. */
function inShield(x, y, size, scale) {
  const w = size * scale;
  const cx = size / 2;
  const top = (size - w * 1.15) / 2;
  const dy = y - top;
  if (dy < 0 || dy > w * 1.15) return false;
  const half = dy < w * 0.5 ? w / 2 : (w / 2) * Math.sqrt(Math.max(0, 1 - ((dy - w * 0.5) / (w * 0.65)) ** 2));
  return Math.abs(x - cx) <= half;
}

function png(size, scale) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const white = inShield(x + 0.5, y + 0.5, size, scale);
      const [r, g, b] = white ? [255, 255, 255] : brand;
      row.set([r, g, b, 255], 1 + x * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(Buffer.concat(rows), { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

const out = path.join(root, "public/icons");
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, "icon-192.png"), png(192, 0.5));
fs.writeFileSync(path.join(out, "icon-512.png"), png(512, 0.5));
// Maskable: the shield stays within the central 80 % safe zone whatever the launcher's mask.
fs.writeFileSync(path.join(out, "maskable-512.png"), png(512, 0.4));
console.log("icons written to public/icons");
