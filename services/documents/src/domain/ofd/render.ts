// The OFD of an official document as published: the print's layout (no 份号, no recipient, the red banner), the
// seal's image left to the signature's 签章 (its box kept for the StampAnnot), written as the package's files.
import { layoutOfficialDocument, type PrintableDocument, type SealBox } from '../print-layout.ts';
import { type OfdAttachment, type OfdFiles, type OfdInfo, writeOfdFiles } from './package.ts';

export interface RenderedOfd extends OfdFiles {
  /** Where the issuer's seal stands (the first box: the lead unit's), if the document is stamped. */
  sealBox: SealBox | null;
  /** 联合行文: every issuer's seal's place, the lead's first, then each co-issuer's in the banner's order (`coSeals`). */
  sealBoxes: SealBox[];
}

/**
 * The document's OFD files. `sealPng`: the issuer's seal image when the document is to carry the seal's signature
 * (its place is laid out as on the print); `signed`: OFD.xml names the signatures (signature.ts adds them);
 * `attachments`: the attached files' originals, carried in the package (Attachs/).
 */
export async function renderOfd(
  doc: PrintableDocument,
  info: OfdInfo,
  opts: { sealPng?: Buffer | null; signed?: boolean; attachments?: OfdAttachment[]; coSeals?: number } = {},
): Promise<RenderedOfd> {
  const laid = await layoutOfficialDocument(doc, {
    withinQuota: true,
    seal: opts.sealPng ? { png: opts.sealPng, note: '本件电子印章见版式文件的电子签章' } : undefined,
    sealBoxesOnly: true,
  });
  // 联合行文: the place over each co-issuer's 署名 too (§7.3.5.1), for its own seal's 签章, as the print lays the seals
  // out; read from a second layout with every co-issuer's seal placed (the pages kept are the first's: the same text and
  // boxes, without a note per co-issuer in the platform's last line, which would claim a seal a co-issuer may not have).
  const boxes =
    opts.sealPng && opts.coSeals
      ? (
          await layoutOfficialDocument(doc, {
            withinQuota: true,
            seal: { png: opts.sealPng, note: '' },
            coSeals: Array.from({ length: opts.coSeals }, () => ({ png: opts.sealPng as Buffer, note: '' })),
            sealBoxesOnly: true,
          })
        ).sealBoxes
      : laid.sealBoxes;
  const out = writeOfdFiles(laid, info, { signed: opts.signed, attachments: opts.attachments });
  return { ...out, sealBox: laid.sealBoxes[0] ?? null, sealBoxes: boxes };
}
