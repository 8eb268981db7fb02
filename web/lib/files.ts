// Handing content to and from the browser: one place for the object-URL dance, a seal's SVG, and a chosen file as base64.

/** Opens (download: false) or saves a blob under a file name; the object URL is released a minute later. */
export function handOver(blob: Blob, filename: string, opts: { download?: boolean } = {}) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  if (opts.download !== false) a.download = filename;
  else a.target = '_blank';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves text or bytes the page already holds (a CSR, a CSV, a package) as a file. */
export const saveFile = (filename: string, content: BlobPart, type: string) => handOver(new Blob([content], { type }), filename);

/** The bytes of a base64 string, as the platform returns file content. */
export const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

/** An SVG (a seal's image) as an <img> source; UTF-8 safe, for the characters around the star. */
export const svgDataUri = (svg: string) => `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;

/** Bytes as base64. In slices: one String.fromCharCode over a large file's bytes would overflow the call stack. */
export function bytesToBase64(data: ArrayBuffer | ArrayLike<number>): string {
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : Uint8Array.from(data);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** A file chosen in the browser, as base64 for a GraphQL input (archive packages, a 信息's images). */
export const fileToBase64 = async (file: Blob): Promise<string> => bytesToBase64(await file.arrayBuffer());
