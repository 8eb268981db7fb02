// The self-describing package (DA/T 48 style) of an archived record: its files, its metadata as XML in DA/T 46
// element names, its events, its stamp and verification, its four-property report, and a manifest of every part's
// SHA-256, itself digested. Zipped (fflate). Reading one back checks every digest before anything is restored.
import { URGENCY_WORDS, type Urgency } from '@yizhan/common';
import { sha256Hex } from '@yizhan/kernel';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { ComponentRole } from './checks.ts';
import { RECORD_ROLES, RETENTIONS, type RecordRole, type Retention, ROLE_SERIES } from './retention.ts';

export const PACKAGE_FORMAT = 'yizhan-archive-package/1';

export interface PackageFile {
  path: string;
  role: ComponentRole;
  name: string;
  contentType: string;
  sha256: string;
  size: number;
}

export interface Manifest {
  format: typeof PACKAGE_FORMAT;
  recordId: string;
  documentId: string;
  archivalNumber: string;
  fonds: string;
  year: number;
  itemNo: number;
  retention: string;
  role: RecordRole;
  orgName: string;
  metadata: Record<string, unknown>;
  canonical: string | null;
  /** The record's fixity where it was archived. */
  fixity?: string;
  files: PackageFile[];
  /** SHA-256 of each descriptive part. */
  parts: Record<string, string>;
}

export interface RecordForPackage {
  manifest: Omit<Manifest, 'format' | 'files' | 'parts'>;
  files: (Omit<PackageFile, 'path'> & { content: Buffer })[];
  events: unknown;
  stamp: unknown;
  checkReport: unknown;
}

const sha256 = sha256Hex;
const xml = (s: unknown) =>
  String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** What a record that carries no 密级 is (DA/T 46 密级): the seeds call what this platform carries 不涉密 / 非涉密 (003
 * 第二條, 004 一(一)), and documents refuses any 密级. Not 公开: that is a word of 公开属性, which a record may say
 * otherwise (不予公开). */
export const UNCLASSIFIED_WORD = '非密';

/** 紧急程度 in words: the grade the document carried, 平件 when it had none (URGENCY_WORDS, the regulations' word) — a
 * 信息 is graded by nothing, so it is 平件 too. Never empty, which a records clerk reads as not recorded. */
export const urgencyWord = (urgency: unknown): string =>
  typeof urgency === 'string' && urgency.trim() ? (URGENCY_WORDS[urgency as Urgency] ?? urgency) : URGENCY_WORDS.NORMAL;

/** 密级 in words: the one the record names, else 非密. */
export const classificationWord = (classification: unknown): string =>
  typeof classification === 'string' && classification.trim() ? classification.trim() : UNCLASSIFIED_WORD;

/** The record's metadata in DA/T 46 element names (文书类电子文件元数据). An element the record does not have is left out
 * (a 信息's 文件编号, 主送 and 抄送, a document's 抄送 when it had none; the signature's time and signer of a record not
 * stamped), not written empty: DA/T 46 makes them conditional, and empty reads as not recorded. */
export function metadataXml(m: Omit<Manifest, 'format' | 'parts'>, stamp: { valid?: boolean; signedAt?: string; sealOrgName?: string } | null): string {
  const md = m.metadata as Record<string, string | null>;
  const retention = { PERMANENT: '永久', Y30: '30年', Y10: '10年' }[m.retention] ?? m.retention;
  const document = m.role !== 'INFORMATION';
  /** One conditional element of 内容描述, on its own line; nothing for one the record does not have. */
  const element = (name: string, value: unknown) => (typeof value === 'string' && value.trim() ? `\n    <${name}>${xml(value)}</${name}>` : '');
  return `<?xml version="1.0" encoding="UTF-8"?>
<电子文件元数据 标准="DA/T 46-2009">
  <聚合层次>件</聚合层次>
  <来源>
    <立档单位名称>${xml(m.orgName)}</立档单位名称>
  </来源>
  <档号>
    <全宗号>${xml(m.fonds)}</全宗号>
    <年度>${m.year}</年度>
    <保管期限>${xml(retention)}</保管期限>
    <机构或问题>${ROLE_SERIES[m.role].zh}</机构或问题>
    <件号>${m.itemNo}</件号>
    <档号全文>${xml(m.archivalNumber)}</档号全文>
  </档号>
  <内容描述>
    <题名>${xml(md.title)}</题名>${element('文件编号', md.docNumber)}
    <责任者>${xml(md.orgName)}</责任者>
    <日期>${xml(md.docDate ?? md.sentAt)}</日期>
    <文种>${xml(md.docType)}</文种>
    <紧急程度>${xml(urgencyWord(md.urgency))}</紧急程度>${element('主送', md.mainTo)}${element('抄送', md.ccTo)}
    <密级>${xml(classificationWord(md.classification))}</密级>
    <保管期限>${xml(retention)}</保管期限>
  </内容描述>
  <形式特征>
    <文件组合类型>单件</文件组合类型>
    <件数>${m.files.length}</件数>
  </形式特征>
  <电子属性>
${m.files
  .map(
    (f) => `    <计算机文件>
      <计算机文件名>${xml(f.name)}</计算机文件名>
      <格式信息>${xml(f.contentType)}</格式信息>
      <计算机文件大小>${f.size}</计算机文件大小>
      <数字摘要 算法="SHA-256">${f.sha256}</数字摘要>
    </计算机文件>`,
  )
  .join('\n')}
  </电子属性>
  <电子签名>${
    stamp
      ? `
    <签名规则>GB/T 38540</签名规则>
    <签名时间>${xml(stamp.signedAt ?? '')}</签名时间>
    <签名人>${xml(stamp.sealOrgName ?? '')}</签名人>`
      : ''
  }
    <签名结果>${stamp ? (stamp.valid ? '验证通过' : '验证未通过') : document ? '未签章' : '信息不加盖印章'}</签名结果>
  </电子签名>
</电子文件元数据>
`;
}

export function buildPackage(r: RecordForPackage): Uint8Array {
  const files: PackageFile[] = r.files.map((f, i) => ({
    path: `content/${String(i + 1).padStart(2, '0')}-${f.name}`,
    role: f.role,
    name: f.name,
    contentType: f.contentType,
    sha256: f.sha256,
    size: f.size,
  }));
  const stamp = r.stamp as { verification?: { valid?: boolean; signedAt?: string; sealOrgName?: string } } | null;
  const parts: Record<string, Uint8Array> = {
    'metadata.xml': strToU8(metadataXml({ format: PACKAGE_FORMAT, ...r.manifest, files } as never, stamp?.verification ?? null)),
    'events.json': strToU8(JSON.stringify(r.events, null, 2)),
    'stamps.json': strToU8(JSON.stringify(r.stamp, null, 2)),
    'check-report.json': strToU8(JSON.stringify(r.checkReport, null, 2)),
  };
  const manifest: Manifest = { format: PACKAGE_FORMAT, ...r.manifest, files, parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, sha256(v)])) };
  const manifestBytes = strToU8(JSON.stringify(manifest, null, 2));
  const entries: Record<string, Uint8Array> = {
    'manifest.json': manifestBytes,
    'manifest.sha256': strToU8(`${sha256(manifestBytes)}  manifest.json\n`),
    ...parts,
  };
  r.files.forEach((f, i) => {
    entries[files[i]?.path as string] = new Uint8Array(f.content);
  });
  return zipSync(entries, { level: 6 });
}

export interface ReadPackage {
  manifest: Manifest | null;
  files: Map<string, Buffer>;
  parts: Record<string, string>;
  problems: string[];
}

/** Opens a package and checks every digest; `problems` names each that does not hold. */
export function readPackage(zip: Uint8Array): ReadPackage {
  const problems: string[] = [];
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch {
    return { manifest: null, files: new Map(), parts: {}, problems: ['not a ZIP package'] };
  }
  const manifestBytes = entries['manifest.json'];
  if (!manifestBytes) return { manifest: null, files: new Map(), parts: {}, problems: ['manifest.json is missing'] };
  const declared = strFromU8(entries['manifest.sha256'] ?? new Uint8Array()).split(/\s+/)[0];
  if (declared !== sha256(manifestBytes)) problems.push('manifest.json does not match manifest.sha256');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(strFromU8(manifestBytes)) as Manifest;
  } catch {
    return { manifest: null, files: new Map(), parts: {}, problems: ['manifest.json is not JSON'] };
  }
  // Read as a package's manifest only if it has a manifest's shape: an object, its files a list of objects, its parts
  // an object (a package of anything else is refused as such, never read into).
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(manifest)) return { manifest: null, files: new Map(), parts: {}, problems: ['manifest.json is not a manifest'] };
  if (!Array.isArray(manifest.files ?? []) || !(manifest.files ?? []).every(isObject) || !isObject(manifest.parts ?? {}))
    return { manifest: null, files: new Map(), parts: {}, problems: ['manifest.json lists its files or parts in a form it cannot'] };
  if (manifest.format !== PACKAGE_FORMAT) problems.push(`unknown package format ${manifest.format}`);
  // What the record's archival number is made of: a package naming another would restore a record no series holds.
  if (!RECORD_ROLES.includes(manifest.role)) problems.push(`unknown record role ${String(manifest.role).slice(0, 40)}`);
  if (!RETENTIONS.includes(manifest.retention as Retention)) problems.push(`unknown retention ${String(manifest.retention).slice(0, 40)}`);
  const files = new Map<string, Buffer>();
  for (const f of manifest.files ?? []) {
    const content = entries[f.path];
    if (!content) problems.push(`${f.path} is missing`);
    else if (sha256(content) !== f.sha256 || content.length !== f.size) problems.push(`${f.path}: its SHA-256 does not match the manifest`);
    else files.set(f.sha256, Buffer.from(content));
  }
  const parts: Record<string, string> = {};
  for (const [name, digest] of Object.entries(manifest.parts ?? {})) {
    const content = entries[name];
    if (!content) problems.push(`${name} is missing`);
    else if (sha256(content) !== digest) problems.push(`${name}: its SHA-256 does not match the manifest`);
    else parts[name] = strFromU8(content);
  }
  return { manifest, files, parts, problems };
}

/** A year's packages in one ZIP: each record's package under its archival number, and a list. */
export function buildYearPackage(year: number, packages: { archivalNumber: string; zip: Uint8Array }[]): Uint8Array {
  const entries: Record<string, Uint8Array> = Object.fromEntries(packages.map((p) => [`${p.archivalNumber}.zip`, p.zip]));
  entries['year.json'] = strToU8(
    JSON.stringify(
      { format: `${PACKAGE_FORMAT}+year`, year, records: packages.map((p) => ({ archivalNumber: p.archivalNumber, sha256: sha256(p.zip) })) },
      null,
      2,
    ),
  );
  return zipSync(entries, { level: 0 });
}

/** Opens a year's package: every record's package checked; `problems` names each that does not hold, by record. */
export function readYearPackage(zip: Uint8Array): { records: ReadPackage[]; problems: string[] } {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch {
    return { records: [], problems: ['not a ZIP package'] };
  }
  const list = entries['year.json'];
  if (!list) return { records: [], problems: ['year.json is missing: not a year package'] };
  const problems: string[] = [];
  const records: ReadPackage[] = [];
  let listed: { archivalNumber: string; sha256: string }[] = [];
  try {
    listed = (JSON.parse(strFromU8(list)) as { records: { archivalNumber: string; sha256: string }[] }).records ?? [];
  } catch {
    return { records: [], problems: ['year.json is not JSON'] };
  }
  if (!Array.isArray(listed) || !listed.every((r) => typeof r?.archivalNumber === 'string' && typeof r.sha256 === 'string'))
    return { records: [], problems: ['year.json does not list its records as archival numbers with their SHA-256'] };
  for (const r of listed) {
    const inner = entries[`${r.archivalNumber}.zip`];
    if (!inner) {
      problems.push(`${r.archivalNumber}.zip is missing`);
      continue;
    }
    if (sha256(inner) !== r.sha256) problems.push(`${r.archivalNumber}.zip: its SHA-256 does not match year.json`);
    const read = readPackage(inner);
    problems.push(...read.problems.map((p) => `${r.archivalNumber}: ${p}`));
    records.push(read);
  }
  return { records, problems };
}
