// The evidence package (docs/evidence-package.md): a self-describing zip, ASiC-like, that proves what happened to
// one document without the platform. Written by whoever assembles one (documents, in a later step; the verifier's
// tests now) and read by the offline verifier; the format lives here so that both sides share it.
import crypto from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';

export const EVIDENCE_MIMETYPE = 'application/vnd.yizhan.evidence+zip';
export const EVIDENCE_FORMAT = 'yizhan-evidence';
export const EVIDENCE_VERSION = 1;
export const MANIFEST_PATH = 'META-INF/manifest.json';

/** What an item is, and so how the verifier checks it. */
export type EvidenceKind =
  | 'canonical'
  | 'body'
  | 'attachment'
  /** The OFD 版式 file as sent (GB/T 33190): checked against the digest the receipts name. */
  | 'ofd'
  | 'stamp'
  | 'receipt'
  | 'approval'
  | 'events'
  | 'event-contents'
  | 'timestamp'
  | 'certificate'
  | 'crl';

export interface ManifestItem {
  path: string;
  kind: EvidenceKind;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  size: number;
  /** For a timestamp: what it time-stamps — a file of the package (its digest), or the head of the events' chain. */
  covers?: { path: string } | { eventsHead: string };
  /** For a certificate: ROOT, ISSUING, SEAL_MAKER, TSA, SEAL …; for a CRL: the suite. Informational. */
  role?: string;
  suite?: 'RSA' | 'SM2';
  /** For an attachment: its media type as its sender kept it (the canonical content names files by SHA-256 only). */
  contentType?: string;
}

export interface Manifest {
  format: typeof EVIDENCE_FORMAT;
  version: number;
  documentId: string;
  title?: string;
  /** The 发文字号 the send gave it: not signed (numbering follows the seal, as on paper), said for the reader. */
  docNumber?: string;
  createdAt: string;
  /** The events' chain: the hash before the first entry (the genesis, or the head before this slice) and the head. */
  chain?: { start: string; head: string };
  items: ManifestItem[];
}

export const sha256Hex = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

/** A package from its files: the manifest lists each with its digest; the mimetype comes first, stored. */
export function buildEvidencePackage(
  meta: Omit<Manifest, 'format' | 'version' | 'items'>,
  files: (Omit<ManifestItem, 'sha256' | 'size'> & { bytes: Uint8Array })[],
): Uint8Array {
  const items: ManifestItem[] = files.map(({ bytes, ...f }) => ({ ...f, sha256: sha256Hex(bytes), size: bytes.length }));
  const manifest: Manifest = { format: EVIDENCE_FORMAT, version: EVIDENCE_VERSION, ...meta, items };
  return zipEvidence(manifest, new Map(files.map((f) => [f.path, f.bytes])));
}

/** Writes a package as given (a tool, or a test that tampers, may pass a manifest that does not match). */
export function zipEvidence(manifest: Manifest, files: Map<string, Uint8Array>): Uint8Array {
  const entries: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = { mimetype: [strToU8(EVIDENCE_MIMETYPE), { level: 0 }] };
  entries[MANIFEST_PATH] = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
  for (const [path, bytes] of files) entries[path] = bytes;
  return zipSync(entries);
}

/** The files of a package, by path; throws when it is not a zip. Paths are taken as they are, never as file names. */
export function unzipEvidence(zip: Uint8Array): Map<string, Uint8Array> {
  // A folder's own entry (a name ending in "/", nothing in it) is how most zip tools store the folders of a package
  // unpacked and zipped again: it is no file, and the package's files are checked whatever tool last zipped them.
  return new Map(Object.entries(unzipSync(zip)).filter(([name, content]) => !(name.endsWith('/') && content.length === 0)));
}
