// The OFD of an official document as published: the print's layout (no 份号, no recipient, the red banner), the
// seal's image left to the signature's 签章 (its box kept for the StampAnnot), written as the package's files.
import { layoutOfficialDocument, type PrintableDocument, type SealBox } from '../print-layout.ts';
import { type OfdFiles, type OfdInfo, writeOfdFiles } from './package.ts';

export interface RenderedOfd extends OfdFiles {
  /** Where the issuer's seal stands (the first box: the lead unit's), if the document is stamped. */
  sealBox: SealBox | null;
}

/**
 * The document's OFD files. `sealPng`: the issuer's seal image when the document is to carry the seal's signature
 * (its place is laid out as on the print); `signed`: OFD.xml names the signatures (signature.ts adds them).
 */
export async function renderOfd(doc: PrintableDocument, info: OfdInfo, opts: { sealPng?: Buffer | null; signed?: boolean } = {}): Promise<RenderedOfd> {
  const laid = await layoutOfficialDocument(doc, {
    withinQuota: true,
    seal: opts.sealPng ? { png: opts.sealPng, note: '本件电子印章见版式文件的电子签章' } : undefined,
    sealBoxesOnly: true,
  });
  const out = writeOfdFiles(laid, info, { signed: opts.signed });
  return { ...out, sealBox: laid.sealBoxes[0] ?? null };
}
