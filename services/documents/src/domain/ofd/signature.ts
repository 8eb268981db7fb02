// The seal applied to the OFD package as its electronic signature (GB/T 33190-2016 §18, with the GB/T 38540 stamp):
//
//   Doc_0/Signs/Signatures.xml          MaxSignId and one Signature (Type "Seal") naming its file
//   Doc_0/Signs/Sign_0/Signature.xml    SignedInfo: Provider, SignatureMethod, SignatureDateTime, References
//                                       (CheckMethod: SM3 or SHA-256; one Reference per file of the package but the
//                                       signatures' own, with the file's digest), StampAnnot (the seal's page and
//                                       box, where the print presses it); SignedValue naming the file below
//   Doc_0/Signs/Sign_0/SignedValue.dat  the SES_Signature (GB/T 38540) whose dataHash is the digest of Signature.xml
//                                       as written, propertyInfo that file's path
//
// The signing itself is the seal's (two custodians' PINs, the seals service): this file writes what is signed and
// checks a signed package. A changed byte of any referenced file, of Signature.xml or of the stamp breaks it.
import { digest, OID, type Suite, verifySesSignature } from '@yizhan/crypto';
import type { SealBox } from '../print-layout.ts';
import { OFD_FILES } from './package.ts';
import { el, num, xmlDocument } from './xml.ts';

export const SIGN_FILES = {
  signature: 'Doc_0/Signs/Sign_0/Signature.xml',
  value: 'Doc_0/Signs/Sign_0/SignedValue.dat',
} as const;

/** The digest algorithms' object identifiers (CheckMethod). */
export const CHECK_METHOD = { SM2: '1.2.156.10197.1.401', RSA: '2.16.840.1.101.3.4.2.1' } as const;

const MM_PER_PT = 25.4 / 72;
const isSignatureFile = (name: string) => name.startsWith('Doc_0/Signs/');
/** yyyyMMddHHmmssZ (UTC), as OFD's SignatureDateTime. */
const signatureTime = (d: Date) => `${d.toISOString().slice(0, 19).replace(/[-T:]/g, '')}Z`;

export interface SignatureSpec {
  suite: Suite;
  signedAt: Date;
  /** The seal's place on the print (print-layout.ts), and the ID of its page in Document.xml. */
  box: SealBox;
  pageId: number;
}

/**
 * Signature.xml for the package's files as they are (the signatures' own excepted) and the digest the seal signs
 * (the TBS_Sign's dataHash), hex. `files` must already be written with `signed: true`.
 */
export function signatureToSign(files: Map<string, Buffer>, spec: SignatureSpec): { signatureXml: Buffer; dataHash: string; propertyInfo: string } {
  const b = spec.box;
  const signatureXml = xmlDocument(
    el(
      'Signature',
      {},
      el(
        'SignedInfo',
        {},
        el('Provider', { ProviderName: 'Yizhan 驿站', Company: 'Yizhan', Version: '1.0' }),
        el('SignatureMethod', {}, spec.suite === 'SM2' ? OID.sm2WithSm3 : OID.sha256WithRSA),
        el('SignatureDateTime', {}, signatureTime(spec.signedAt)),
        el(
          'References',
          { CheckMethod: CHECK_METHOD[spec.suite] },
          ...[...files.keys()]
            .filter((name) => !isSignatureFile(name))
            .map((name) =>
              el(
                'Reference',
                { FileRef: `/${name}` },
                el('CheckValue', {}, Buffer.from(digest(spec.suite, files.get(name) as Buffer), 'hex').toString('base64')),
              ),
            ),
        ),
        el('StampAnnot', {
          ID: '1',
          PageRef: spec.pageId,
          Boundary: `${num(b.x * MM_PER_PT)} ${num(b.y * MM_PER_PT)} ${num(b.size * MM_PER_PT)} ${num(b.size * MM_PER_PT)}`,
        }),
      ),
      el('SignedValue', {}, `/${SIGN_FILES.value}`),
    ),
  );
  return { signatureXml, dataHash: digest(spec.suite, signatureXml), propertyInfo: `/${SIGN_FILES.signature}` };
}

/** The package with its signature: the signatures' list, Signature.xml as signed and the seal's SES_Signature. */
export function withSignature(files: Map<string, Buffer>, signatureXml: Buffer, signedValue: Uint8Array): Map<string, Buffer> {
  const out = new Map(files);
  out.set(
    OFD_FILES.signatures,
    xmlDocument(el('Signatures', {}, el('MaxSignId', {}, '1'), el('Signature', { ID: '1', Type: 'Seal', BaseLoc: `/${SIGN_FILES.signature}` }))),
  );
  out.set(SIGN_FILES.signature, signatureXml);
  out.set(SIGN_FILES.value, Buffer.from(signedValue));
  return out;
}

export interface OfdSignatureCheck {
  check: 'SIGNED' | 'REFERENCES' | 'ALL_FILES_REFERENCED' | 'SIGNED_VALUE';
  ok: boolean;
  reason: string | null;
}

/**
 * Verifies the package's seal signature: it has one; each referenced file's digest is as recorded; every file but
 * the signatures' own is referenced; the SES_Signature verifies (GB/T 38540: its signature, the seal listing the
 * signer, the maker's signature, the seal's period) over the digest of Signature.xml. The checks are read from the
 * files themselves (a plain reading of the XML: this service wrote it). Every check is named, none stops the others.
 */
export function verifyOfdSignature(files: Map<string, Buffer>): { valid: boolean; checks: OfdSignatureCheck[]; signedAt: Date | null } {
  const checks: OfdSignatureCheck[] = [];
  const add = (check: OfdSignatureCheck['check'], ok: boolean, reason: string) => checks.push({ check, ok, reason: ok ? null : reason });
  const xml = files.get(SIGN_FILES.signature)?.toString('utf8');
  const value = files.get(SIGN_FILES.value);
  add('SIGNED', Boolean(xml && value && files.get(OFD_FILES.signatures)), 'the package carries no seal signature');
  if (!xml || !value) return { valid: false, checks, signedAt: null };
  const method = /CheckMethod="([^"]+)"/.exec(xml)?.[1];
  const suite: Suite | null = method === CHECK_METHOD.SM2 ? 'SM2' : method === CHECK_METHOD.RSA ? 'RSA' : null;
  const refs = [...xml.matchAll(/<ofd:Reference FileRef="\/([^"]+)"><ofd:CheckValue>([^<]*)<\/ofd:CheckValue><\/ofd:Reference>/g)].map((m) => ({
    name: m[1] as string,
    value: m[2] as string,
  }));
  const changed = refs.filter((r) => {
    const bytes = files.get(r.name);
    return !suite || !bytes || Buffer.from(digest(suite, bytes), 'hex').toString('base64') !== r.value;
  });
  add(
    'REFERENCES',
    Boolean(suite) && refs.length > 0 && !changed.length,
    `changed or missing since signed: ${changed.map((r) => r.name).join(', ') || method}`,
  );
  const referenced = new Set(refs.map((r) => r.name));
  const unreferenced = [...files.keys()].filter((n) => !isSignatureFile(n) && !referenced.has(n));
  add('ALL_FILES_REFERENCED', !unreferenced.length, `files the signature does not cover: ${unreferenced.join(', ')}`);
  const ses = verifySesSignature(value, { dataHash: suite ? digest(suite, Buffer.from(xml, 'utf8')) : '' });
  const failed = ses.checks.filter((c) => !c.ok);
  add('SIGNED_VALUE', ses.valid, `the seal's signature does not verify: ${failed.map((c) => `${c.check} ${c.reason ?? ''}`).join('; ')}`);
  return { valid: checks.every((c) => c.ok), checks, signedAt: ses.signedAt };
}
