// A PNG made here, encoded with zlib as the format states (signature, IHDR, IDAT, IEND): the demo's scan of a paper
// seal impression (a red ring with a star), and the images tests need without the seals service (test/support/png.ts).
import zlib from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Buffer) => {
  let c = 0xffffffff;
  for (const x of b) c = (crcTable[(c ^ x) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** A `size` × `size` RGBA PNG, each pixel inked in `rgb` where `on(x, y)` (pixel centres, from the top left), clear elsewhere. */
export function inkedPng(size: number, rgb: readonly [number, number, number], on: (x: number, y: number) => boolean): Buffer {
  const row = size * 4 + 1;
  const raw = Buffer.alloc(row * size);
  for (let y = 0; y < size; y++) {
    raw[y * row] = 0;
    for (let x = 0; x < size; x++) {
      const o = y * row + 1 + x * 4;
      raw[o] = rgb[0];
      raw[o + 1] = rgb[1];
      raw[o + 2] = rgb[2];
      raw[o + 3] = on(x + 0.5, y + 0.5) ? 255 : 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Whether (x, y) is inside the five-pointed star of outer radius `r` centred on (cx, cy), point up. */
function inStar(x: number, y: number, cx: number, cy: number, r: number): boolean {
  const points = Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const d = i % 2 ? r * 0.382 : r;
    return [cx + d * Math.cos(a), cy + d * Math.sin(a)] as const;
  });
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i] as readonly [number, number];
    const [xj, yj] = points[j] as readonly [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A paper seal's impression as a scan shows it: a red ring with a star at its centre, `size` pixels across. */
export function impressionPng(size = 240): Buffer {
  const c = size / 2;
  return inkedPng(size, [200, 22, 29], (x, y) => {
    const d = Math.hypot(x - c, y - c);
    return (d <= c - 2 && d >= c - size / 24) || inStar(x, y, c, c, size / 5);
  });
}
