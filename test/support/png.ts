// Images made here for tests that need one without the seals service (a seal's, a 信息's): a PNG of a red ring on
// transparency (scripts/lib/png.ts encodes it), and the smallest whole JPEG.
import { inkedPng } from '../../scripts/lib/png.ts';

/** A `size` × `size` red ring (a stand-in for a seal's image), transparent elsewhere. */
export function ringPng(size = 64, rgb: [number, number, number] = [200, 22, 29]): Buffer {
  const r0 = size / 2;
  return inkedPng(size, rgb, (x, y) => {
    const d = Math.hypot(x - r0, y - r0);
    return d <= r0 - 1 && d >= r0 - 6;
  });
}

/** The smallest well-formed JPEG stream a checker reads as whole: start, an APP0 segment, a scan, the end marker (not a
 * picture any decoder would draw; for tests of what is accepted and named, not shown). */
export const tinyJpeg = (scanBytes = 32): Buffer =>
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...new Array(14).fill(0), 0xff, 0xda, 0x00, 0x02, ...new Array(scanBytes).fill(7), 0xff, 0xd9]);
