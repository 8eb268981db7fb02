// The OFD 版式 file (GB/T 33190-2016) of an official document, written from the print's own layout
// (print-layout.ts): the same pages, text, rules and faces as the PDF, in millimetres from each page's top left.
//
//   OFD.xml                        DocInfo (DocID, Title, Author, Subject, CreationDate, Creator, CustomDatas),
//                                  DocRoot and, once signed, Signatures
//   Doc_0/Document.xml             CommonData (MaxUnitID, PageArea 210 × 297 mm, PublicRes, DocumentRes), Pages
//   Doc_0/PublicRes.xml            Fonts: each face the pages use, its subset embedded (font-subset.ts) in Res/
//   Doc_0/DocumentRes.xml          MultiMedias: the images (PNG) in Res/
//   Doc_0/Pages/Page_N/Content.xml one Body layer: TextObject (TextCode with X, Y of the baseline and DeltaX, each
//                                  character's advance), PathObject (rules and table lines), ImageObject
//   Doc_0/Attachs/Attachments.xml  the document's attached files (GB/T 33190 §20: Attachment with ID, Name, Format,
//                                  CreationDate, Size in KB, Visible, and FileLoc), named from Document.xml's Attachments
//   Doc_0/Attachs/attach_N.ext     each attachment's original file, byte for byte
//   Doc_0/Signs/…                  the seal's signature (signature.ts)
//
// Every file of the package is returned by name so the signature can digest each; packOfd zips them.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { beijingDate, beijingDateTime } from '@yizhan/common';
import { PAGE } from '../gbt9704.ts';
import { openFont } from '../print-fonts.ts';
import type { LaidOutDocument, PrintOp } from '../print-layout.ts';
import { unzip, zip } from '../zip.ts';
import { subsetFont } from './font-subset.ts';
import { el, type Node, num, xmlDocument } from './xml.ts';

/** Millimetres per point: the layout is in points (1/72 inch), OFD in millimetres. */
const MM_PER_PT = 25.4 / 72;
const mm = (pt: number) => pt * MM_PER_PT;

export const OFD_FILES = {
  entry: 'OFD.xml',
  document: 'Doc_0/Document.xml',
  publicRes: 'Doc_0/PublicRes.xml',
  documentRes: 'Doc_0/DocumentRes.xml',
  signatures: 'Doc_0/Signs/Signatures.xml',
  attachments: 'Doc_0/Attachs/Attachments.xml',
} as const;

export const pageFile = (i: number) => `Doc_0/Pages/Page_${i}/Content.xml`;

export interface OfdInfo {
  /** The document's id (a UUID): the DocID, 32 hex digits. */
  documentId: string;
  title: string;
  /** The issuing unit. */
  author: string;
  /** The 发文字号, as the Subject. */
  subject?: string | null;
  createdAt: Date;
  /** Named values kept in DocInfo's CustomDatas (发文字号, 文种, 成文日期 …). */
  custom?: [string, string][];
}

/** An attached file of the document (its original bytes), carried in the package as an OFD attachment. */
export interface OfdAttachment {
  /** The name the drafter gave it (附件名称). */
  name: string;
  bytes: Buffer;
}

/** The package's files in order, and what a signature needs: the pages' IDs. */
export interface OfdFiles {
  files: Map<string, Buffer>;
  pageIds: number[];
}

const rgb = (color: string): string => {
  const hex = color === 'black' ? '000000' : color.replace(/^#/, '');
  return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(' ');
};

/** A file name's extension, lower case, as the attachment's Format and its file's suffix; null when it has none. */
const extensionOf = (name: string): string | null => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? null;

/** An instant as xs:dateTime in China time (the OFD's own dates are Beijing dates). */
const beijingXsDateTime = (at: Date): string => beijingDateTime(at).replace(' ', 'T');

/** A PNG's width and height in pixels (IHDR). */
function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.readUInt32BE(12) !== 0x49484452) return { width: 1, height: 1 };
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * The package's files for a laid-out document. `signed`: OFD.xml names the signatures' list (signature.ts adds it
 * and the signature), so that OFD.xml is digested as it will stay. `attachments`: the document's attached files, in
 * order, carried whole (dated as the package is, so the same document gives the same bytes).
 */
export function writeOfdFiles(laid: LaidOutDocument, info: OfdInfo, opts: { signed?: boolean; attachments?: OfdAttachment[] } = {}): OfdFiles {
  let id = 0;
  const next = () => ++id;

  // Fonts: each registered name the pages draw with, embedded as the subset of the characters drawn in it.
  const chars = new Map<string, Set<string>>();
  for (const op of laid.pages.flat()) {
    if (op.kind !== 'text') continue;
    const set = chars.get(op.font) ?? new Set<string>();
    for (const c of op.text) set.add(c);
    chars.set(op.font, set);
  }
  const fontIds = new Map<string, number>();
  const resources = new Map<string, Buffer>();
  const fontNodes: Node[] = [];
  for (const [name, used] of chars) {
    const file = laid.fonts.get(name) as Buffer;
    const font = openFont({ name, file });
    const fid = next();
    fontIds.set(name, fid);
    const fileName = `font_${fid}.ttf`;
    resources.set(`Doc_0/Res/${fileName}`, subsetFont(font, file, used));
    fontNodes.push(el('Font', { ID: fid, FontName: font.postscriptName, FamilyName: font.familyName }, el('FontFile', {}, fileName)));
  }

  // Images, once each by content.
  const imageIds = new Map<string, number>();
  const mediaNodes: Node[] = [];
  for (const op of laid.pages.flat()) {
    if (op.kind !== 'image') continue;
    const sha = crypto.createHash('sha256').update(op.png).digest('hex');
    if (imageIds.has(sha)) continue;
    const mid = next();
    imageIds.set(sha, mid);
    const fileName = `image_${mid}.png`;
    resources.set(`Doc_0/Res/${fileName}`, op.png);
    mediaNodes.push(el('MultiMedia', { ID: mid, Type: 'Image', Format: 'PNG' }, el('MediaFile', {}, fileName)));
  }

  const pageIds = laid.pages.map(() => next());
  const pages = laid.pages.map((ops) => {
    const layer = next();
    return xmlDocument(
      el(
        'Page',
        {},
        el(
          'Content',
          {},
          el(
            'Layer',
            { ID: layer, Type: 'Body' },
            // An attachment's own pages are the print's: the OFD carries the attachment's file itself (Attachs/).
            ...ops.filter((op): op is DrawnOp => op.kind !== 'page').map((op) => objectOf(op, next(), fontIds, imageIds)),
          ),
        ),
      ),
    );
  });

  // Attachments (附件): each original file under Attachs/, listed in Attachments.xml; IDs from the same counter.
  const attached = (opts.attachments ?? []).map((a) => {
    const aid = next();
    const format = extensionOf(a.name);
    return { a, aid, format, fileName: `attach_${aid}${format ? `.${format}` : ''}` };
  });

  const files = new Map<string, Buffer>();
  files.set(
    OFD_FILES.entry,
    xmlDocument(
      el(
        'OFD',
        { Version: '1.0', DocType: 'OFD' },
        el(
          'DocBody',
          {},
          el(
            'DocInfo',
            {},
            el('DocID', {}, info.documentId.replace(/-/g, '')),
            el('Title', {}, info.title),
            el('Author', {}, info.author),
            info.subject ? el('Subject', {}, info.subject) : null,
            el('CreationDate', {}, beijingDate(info.createdAt)),
            el('Creator', {}, 'Yizhan 驿站'),
            el('CreatorVersion', {}, '1.0'),
            info.custom?.length ? el('CustomDatas', {}, ...info.custom.map(([k, v]) => el('CustomData', { Name: k }, v))) : null,
          ),
          el('DocRoot', {}, OFD_FILES.document),
          opts.signed ? el('Signatures', {}, OFD_FILES.signatures) : null,
        ),
      ),
    ),
  );
  files.set(
    OFD_FILES.document,
    xmlDocument(
      el(
        'Document',
        {},
        el(
          'CommonData',
          {},
          el('MaxUnitID', {}, String(id)),
          el('PageArea', {}, el('PhysicalBox', {}, `0 0 ${num(mm(PAGE.width))} ${num(mm(PAGE.height))}`)),
          el('PublicRes', {}, 'PublicRes.xml'),
          el('DocumentRes', {}, 'DocumentRes.xml'),
        ),
        el('Pages', {}, ...pageIds.map((pid, i) => el('Page', { ID: pid, BaseLoc: `Pages/Page_${i}/Content.xml` }))),
        attached.length ? el('Attachments', {}, 'Attachs/Attachments.xml') : null,
      ),
    ),
  );
  files.set(OFD_FILES.publicRes, xmlDocument(el('Res', { BaseLoc: 'Res' }, el('Fonts', {}, ...fontNodes))));
  files.set(OFD_FILES.documentRes, xmlDocument(el('Res', { BaseLoc: 'Res' }, mediaNodes.length ? el('MultiMedias', {}, ...mediaNodes) : null)));
  pages.forEach((p, i) => {
    files.set(pageFile(i), p);
  });
  for (const [name, bytes] of resources) files.set(name, bytes);
  if (attached.length) {
    files.set(
      OFD_FILES.attachments,
      xmlDocument(
        el(
          'Attachments',
          {},
          ...attached.map(({ a, aid, format, fileName }) =>
            el(
              'Attachment',
              {
                ID: aid,
                Name: a.name,
                Format: format ?? undefined,
                CreationDate: beijingXsDateTime(info.createdAt),
                Size: num(a.bytes.length / 1024),
                Visible: 'true',
              },
              el('FileLoc', {}, fileName),
            ),
          ),
        ),
      ),
    );
    for (const { a, fileName } of attached) files.set(`Doc_0/Attachs/${fileName}`, a.bytes);
  }
  return { files, pageIds };
}

/** One drawing operation as an OFD graphic unit, its Boundary in page millimetres and its contents relative to it. */
type DrawnOp = Exclude<PrintOp, { kind: 'page' }>;

function objectOf(op: DrawnOp, oid: number, fontIds: Map<string, number>, imageIds: Map<string, number>): Node {
  if (op.kind === 'text') {
    const width = op.advances.reduce((a, b) => a + b, 0);
    // The box from an em above the baseline to a third of one below; the TextCode's baseline an em from its top.
    const top = op.y - op.size;
    return el(
      'TextObject',
      {
        ID: oid,
        Boundary: `${num(mm(op.x))} ${num(mm(top))} ${num(mm(width + op.size))} ${num(mm(op.size * 1.34))}`,
        Font: fontIds.get(op.font),
        Size: num(mm(op.size)),
      },
      el('FillColor', { Value: rgb(op.color) }),
      el(
        'TextCode',
        {
          X: 0,
          Y: num(mm(op.size)),
          DeltaX:
            [...op.text].length > 1
              ? op.advances
                  .slice(0, -1)
                  .map((a) => num(mm(a)))
                  .join(' ')
              : undefined,
        },
        op.text,
      ),
    );
  }
  if (op.kind === 'line') {
    const pad = op.width;
    const x = Math.min(op.x0, op.x1) - pad;
    const y = Math.min(op.y0, op.y1) - pad;
    const w = Math.abs(op.x1 - op.x0) + 2 * pad;
    const h = Math.abs(op.y1 - op.y0) + 2 * pad;
    return el(
      'PathObject',
      { ID: oid, Boundary: `${num(mm(x))} ${num(mm(y))} ${num(mm(w))} ${num(mm(h))}`, LineWidth: num(mm(op.width)), Stroke: 'true', Fill: 'false' },
      el('StrokeColor', { Value: rgb(op.color) }),
      el('AbbreviatedData', {}, `M ${num(mm(op.x0 - x))} ${num(mm(op.y0 - y))} L ${num(mm(op.x1 - x))} ${num(mm(op.y1 - y))}`),
    );
  }
  if (op.kind === 'rect') {
    const pad = op.width;
    const [w, h] = [mm(op.w), mm(op.h)];
    const p = mm(pad);
    return el(
      'PathObject',
      {
        ID: oid,
        Boundary: `${num(mm(op.x - pad))} ${num(mm(op.y - pad))} ${num(w + 2 * p)} ${num(h + 2 * p)}`,
        LineWidth: num(mm(op.width)),
        Stroke: 'true',
        Fill: 'false',
      },
      el('StrokeColor', { Value: rgb(op.color) }),
      el('AbbreviatedData', {}, `M ${num(p)} ${num(p)} L ${num(p + w)} ${num(p)} L ${num(p + w)} ${num(p + h)} L ${num(p)} ${num(p + h)} C`),
    );
  }
  const size = pngSize(op.png);
  const w = mm(op.width);
  const h = (w * size.height) / size.width;
  const mid = imageIds.get(crypto.createHash('sha256').update(op.png).digest('hex'));
  return el('ImageObject', { ID: oid, Boundary: `${num(mm(op.x))} ${num(mm(op.y))} ${num(w)} ${num(h)}`, CTM: `${num(w)} 0 0 ${num(h)} 0 0`, ResourceID: mid });
}

/**
 * Whether a file is not worth deflating: a large one whose first 64 KB deflate by less than a tenth (an attachment that
 * is itself compressed — PDF, .docx, images — costs tens of milliseconds to deflate for nothing). A function of the
 * bytes alone, so the package stays the same for the same files.
 */
const incompressible = (data: Buffer): boolean =>
  data.length > 256 * 1024 && zlib.deflateRawSync(data.subarray(0, 64 * 1024), { level: 1 }).length > 0.9 * 64 * 1024;

/** The package as a zip archive (OFD is a zip of these files); attachments already compressed are stored as they are. */
export const packOfd = (files: Map<string, Buffer>, at?: Date): Buffer =>
  zip(
    [...files].map(([name, data]) => ({ name, data, store: name.startsWith('Doc_0/Attachs/') && incompressible(data) })),
    at,
  );

/** The package's files, by name, read back from its zip. */
export const unpackOfd = (ofd: Buffer): Map<string, Buffer> => unzip(ofd);
