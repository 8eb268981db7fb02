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
import { digest, OID, type Suite, type TrustMaterial, verifySesSignature } from '@yizhan/crypto';
import type { SealBox } from '../print-layout.ts';
import { OFD_FILES } from './package.ts';
import { el, num, xmlDocument } from './xml.ts';

export const SIGN_FILES = {
  signature: 'Doc_0/Signs/Sign_0/Signature.xml',
  value: 'Doc_0/Signs/Sign_0/SignedValue.dat',
} as const;

/**
 * 联合行文: each issuer's seal signs the package as a signature of its own (GB/T 33190 §18.1: Signatures lists them),
 * the lead's Sign_0, each co-issuer's Sign_<its position>. Each covers the package's files but the signatures' own,
 * so the issuers sign the same layout in any order and none covers another's.
 */
export const signFiles = (index: number) => ({
  signature: `Doc_0/Signs/Sign_${index}/Signature.xml`,
  value: `Doc_0/Signs/Sign_${index}/SignedValue.dat`,
});

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
  /** Which of the package's signatures (signFiles): 0, the lead's, unless given. */
  index?: number;
}

/**
 * Signature.xml for the package's files as they are (the signatures' own excepted) and the digest the seal signs
 * (the TBS_Sign's dataHash), hex. `files` must already be written with `signed: true`.
 */
export function signatureToSign(files: Map<string, Buffer>, spec: SignatureSpec): { signatureXml: Buffer; dataHash: string; propertyInfo: string } {
  const b = spec.box;
  const at = signFiles(spec.index ?? 0);
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
      el('SignedValue', {}, `/${at.value}`),
    ),
  );
  return { signatureXml, dataHash: digest(spec.suite, signatureXml), propertyInfo: `/${at.signature}` };
}

/** One issuer's signature of the package: which one (signFiles), Signature.xml as signed, its SES_Signature. */
export interface PackageSignature {
  index: number;
  signatureXml: Buffer;
  signedValue: Uint8Array;
}

/** The package with every issuer's signature (联合行文): the signatures' list, and each one's Signature.xml and value. */
export function withSignatures(files: Map<string, Buffer>, signed: PackageSignature[]): Map<string, Buffer> {
  const out = new Map(files);
  const list = [...signed].sort((a, b) => a.index - b.index);
  out.set(
    OFD_FILES.signatures,
    xmlDocument(
      el(
        'Signatures',
        {},
        el('MaxSignId', {}, String(list.length)),
        ...list.map((s, i) => el('Signature', { ID: String(i + 1), Type: 'Seal', BaseLoc: `/${signFiles(s.index).signature}` })),
      ),
    ),
  );
  for (const s of list) {
    out.set(signFiles(s.index).signature, s.signatureXml);
    out.set(signFiles(s.index).value, Buffer.from(s.signedValue));
  }
  return out;
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
  check: 'SIGNED' | 'REFERENCES' | 'ALL_FILES_REFERENCED' | 'SIGNED_VALUE' | 'TIME_STAMP';
  ok: boolean;
  reason: string | null;
}

/**
 * Verifies the package's seal signature: it has one; each referenced file's digest is as recorded; every file but
 * the signatures' own is referenced; the SES_Signature verifies (GB/T 38540: its signature, the seal listing the
 * signer, the maker's signature, the seal's period) over the digest of Signature.xml. The checks are read from the
 * files themselves (a plain reading of the XML: this service wrote it). Every check is named, none stops the others.
 */
export function verifyOfdSignature(
  files: Map<string, Buffer>,
  opts: OfdVerifyOptions = {},
): { valid: boolean; checks: OfdSignatureCheck[]; signedAt: Date | null; signer: string | null } {
  return verifySignatureAt(files, SIGN_FILES, opts);
}

/**
 * With `trust` (the CA's roots, issuing CAs and CRLs) the SES_Signature's certificates are chained too and its time
 * stamp (GB/T 38540 timeStamp: the TSA's RFC 3161 token over the signature value) verified; `requireTimeStamp`: a
 * signature without one fails. Without `trust` the time stamp is not checked (there is nothing to check its TSA by).
 */
export interface OfdVerifyOptions {
  trust?: TrustMaterial;
  requireTimeStamp?: boolean;
}

/** One signature of the package checked (verifyOfdSignature's checks), by its Signature.xml and SignedValue.dat. */
function verifySignatureAt(
  files: Map<string, Buffer>,
  at: { signature: string; value: string },
  opts: OfdVerifyOptions,
): { valid: boolean; checks: OfdSignatureCheck[]; signedAt: Date | null; signer: string | null } {
  const checks: OfdSignatureCheck[] = [];
  const add = (check: OfdSignatureCheck['check'], ok: boolean, reason: string) => checks.push({ check, ok, reason: ok ? null : reason });
  const xml = files.get(at.signature)?.toString('utf8');
  const value = files.get(at.value);
  add('SIGNED', Boolean(xml && value && files.get(OFD_FILES.signatures)), 'the package carries no seal signature');
  if (!xml || !value) return { valid: false, checks, signedAt: null, signer: null };
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
  const ses = verifySesSignature(value, {
    dataHash: suite ? digest(suite, Buffer.from(xml, 'utf8')) : '',
    trust: opts.trust,
    requireTimeStamp: opts.requireTimeStamp,
  });
  // The time stamp is checked only against a TSA the caller trusts (opts.trust); on its own line (TIME_STAMP).
  const sesChecks = ses.checks.filter((c) => c.check !== 'TIMESTAMP');
  const failed = sesChecks.filter((c) => !c.ok);
  add('SIGNED_VALUE', !failed.length, `the seal's signature does not verify: ${failed.map((c) => `${c.check} ${c.reason ?? ''}`).join('; ')}`);
  const stamped = ses.checks.find((c) => c.check === 'TIMESTAMP');
  if (opts.trust && stamped) add('TIME_STAMP', stamped.ok, `the signature's time stamp does not verify: ${stamped.reason ?? ''}`);
  return { valid: checks.every((c) => c.ok), checks, signedAt: ses.signedAt, signer: ses.facts?.seal.property.name ?? null };
}

/** Each signature the package lists (Signatures.xml), checked on its own: which (its Sign_<n>), whose seal, the checks. */
export function verifyOfdSignatures(
  files: Map<string, Buffer>,
  opts: OfdVerifyOptions = {},
): { valid: boolean; signatures: { index: number; signer: string | null; valid: boolean; checks: OfdSignatureCheck[]; signedAt: Date | null }[] } {
  const list = files.get(OFD_FILES.signatures)?.toString('utf8') ?? '';
  const indexes = [...list.matchAll(/BaseLoc="\/?Doc_0\/Signs\/Sign_(\d+)\/Signature\.xml"/g)].map((m) => Number(m[1]));
  const signatures = indexes.map((index) => ({ index, ...verifySignatureAt(files, signFiles(index), opts) }));
  return { valid: signatures.length > 0 && signatures.every((s) => s.valid), signatures };
}
