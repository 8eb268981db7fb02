// A unit's seal for the OFD tests, made as the seals service makes one (GB/T 38540 SESeal: the seal's certificate
// under a root, the maker's signature, the ring image), and its key to sign with.
import { generateKeyPair, issueCertificate, makeSesSeal, makeSesSignature, SES_EXT_UNIT_ID, type Suite } from '@yizhan/crypto';
import { ringPng } from '../../../test/support/png.ts';
import { type OfdAttachment, type OfdInfo, renderOfd, signatureToSign, withSignature } from '../src/domain/ofd/index.ts';
import type { PrintableDocument } from '../src/domain/print-layout.ts';

export function sealOf(suite: Suite, name = '西安市人民政府') {
  const now = Date.now();
  const caKey = generateKeyPair(suite);
  const validity = { notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 86_400_000) };
  const ca = issueCertificate({ suite, subject: { commonName: '测试根' }, subjectPublicKey: caKey.publicKey, profile: 'ROOT_CA', ...validity, selfKey: caKey });
  const issued = (profile: 'SEAL' | 'SEAL_MAKER', publicKey: string) =>
    issueCertificate({
      suite,
      subject: { commonName: profile },
      subjectPublicKey: publicKey,
      profile,
      ...validity,
      issuer: { certificate: ca, privateKey: caKey.privateKey },
    });
  const makerKey = generateKeyPair(suite);
  const sealKey = generateKeyPair(suite);
  const certificate = issued('SEAL', sealKey.publicKey);
  const seal = makeSesSeal(
    {
      esID: crypto.randomUUID(),
      type: 1,
      name,
      certificates: [certificate],
      createDate: new Date(now - 1000),
      validStart: new Date(now - 1000),
      validEnd: new Date(now + 86_400_000),
      picture: { type: 'PNG', data: ringPng(256), widthMm: 42, heightMm: 42 },
      extDatas: [{ oid: SES_EXT_UNIT_ID, critical: false, value: new TextEncoder().encode('unit-1') }],
    },
    { suite, certificate: issued('SEAL_MAKER', makerKey.publicKey), privateKey: makerKey.privateKey },
  );
  return { seal, certificate, privateKey: sealKey.privateKey };
}

/** The document's OFD signed by a seal of `suite` (as the seal would at the send): its files and the seal's box. */
export async function signedOfd(doc: PrintableDocument, info: OfdInfo, suite: Suite, opts: { attachments?: OfdAttachment[] } = {}) {
  const s = sealOf(suite, doc.orgName);
  const rendered = await renderOfd(doc, info, { sealPng: ringPng(), signed: true, attachments: opts.attachments });
  if (!rendered.sealBox) throw new Error('a stamped document has its seal’s place');
  const signedAt = new Date();
  const { signatureXml, dataHash, propertyInfo } = signatureToSign(rendered.files, {
    suite,
    signedAt,
    box: rendered.sealBox,
    pageId: rendered.pageIds[rendered.sealBox.page] as number,
  });
  const ses = makeSesSignature({ seal: s.seal, timeInfo: signedAt, dataHash, propertyInfo }, { suite, certificate: s.certificate, privateKey: s.privateKey });
  return { ...rendered, files: withSignature(rendered.files, signatureXml, ses) };
}
