// Reads a PDF back as a reader would (pdf.js): each page's text pieces with their position (points from the page's
// top and left), size and embedded font name, so tests check where GB/T 9704 puts things, not how pdfkit wrote them.
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextPiece {
  str: string;
  /** Left edge, points from the page's left. */
  x: number;
  /** Baseline, points from the page's top. */
  y: number;
  width: number;
  size: number;
  font: string;
}

export interface PdfPage {
  number: number;
  height: number;
  pieces: TextPiece[];
  /** The page's text in reading order, one line per baseline. */
  lines: string[];
}

export async function readPdf(pdf: Buffer | Uint8Array): Promise<PdfPage[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const height = page.view[3] as number;
    const content = await page.getTextContent();
    await page.getOperatorList();
    const pieces: TextPiece[] = [];
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const font = (page.commonObjs.get(item.fontName) as { name?: string } | undefined)?.name ?? item.fontName;
      pieces.push({ str: item.str, x: item.transform[4], y: height - item.transform[5], width: item.width, size: item.transform[0], font });
    }
    const byLine = new Map<number, TextPiece[]>();
    for (const p of pieces) {
      const key = Math.round(p.y);
      byLine.set(key, [...(byLine.get(key) ?? []), p]);
    }
    const lines = [...byLine.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, ps]) =>
        ps
          .sort((a, b) => a.x - b.x)
          .map((p) => p.str)
          .join(''),
      );
    pages.push({ number: n, height, pieces, lines });
  }
  await doc.destroy();
  return pages;
}

/** The piece whose text contains `text` (the first, in page order), or undefined. */
export const pieceWith = (page: PdfPage, text: string) => page.pieces.find((p) => p.str.includes(text));

/** An image drawn on a page: its box in points from the page's top and left. */
export interface PdfImage {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every image painted on every page, placed by the page's transformation matrices as a reader places them. */
export async function readImages(pdf: Buffer | Uint8Array): Promise<PdfImage[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  const images: PdfImage[] = [];
  type M = [number, number, number, number, number, number];
  const times = (m: M, n: M): M => [
    n[0] * m[0] + n[1] * m[2],
    n[0] * m[1] + n[1] * m[3],
    n[2] * m[0] + n[3] * m[2],
    n[2] * m[1] + n[3] * m[3],
    n[4] * m[0] + n[5] * m[2] + m[4],
    n[4] * m[1] + n[5] * m[3] + m[5],
  ];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const height = page.view[3] as number;
    const ops = await page.getOperatorList();
    let ctm: M = [1, 0, 0, 1, 0, 0];
    const stack: M[] = [];
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.save) stack.push(ctm);
      else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
      else if (fn === OPS.transform) ctm = times(ctm, args as M);
      else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) {
        const xs = [ctm[4], ctm[0] + ctm[4]];
        const ys = [ctm[5], ctm[3] + ctm[5]];
        images.push({ page: n, x: Math.min(...xs), y: height - Math.max(...ys), width: Math.abs(ctm[0]), height: Math.abs(ctm[3]) });
      }
    });
  }
  await doc.destroy();
  return images;
}
