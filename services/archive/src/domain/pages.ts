// 页数 (DA/T 22 著录项): how many pages the record's 版式文件 has, counted from the OFD itself (GB/T 33190: OFD.xml
// names each document's root, whose Document.xml lists its pages). A record without a layout has no count.
import { strFromU8, unzipSync } from 'fflate';

/** The pages of an OFD's first document, or null when the bytes are not an OFD that says. */
export function ofdPageCount(ofd: Uint8Array): number | null {
  let entries: Record<string, Uint8Array>;
  try {
    // Only the two small XML files are inflated, not the fonts and images.
    entries = unzipSync(ofd, { filter: (f) => f.name === 'OFD.xml' || f.name.endsWith('Document.xml') });
  } catch {
    return null;
  }
  const main = entries['OFD.xml'];
  if (!main) return null;
  const root = /<(?:\w+:)?DocRoot>\s*\/?([^<\s]+)\s*<\/(?:\w+:)?DocRoot>/.exec(strFromU8(main))?.[1];
  const document = root ? entries[root] : undefined;
  if (!document) return null;
  const pages = /<(?:\w+:)?Pages>([\s\S]*?)<\/(?:\w+:)?Pages>/.exec(strFromU8(document))?.[1];
  if (pages === undefined) return null;
  return (pages.match(/<(?:\w+:)?Page[\s/>]/g) ?? []).length;
}
