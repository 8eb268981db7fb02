// 四性检测 (GB/T 18894, DA/T 70): authenticity, integrity, usability and security of a record, at ingest and on
// demand. Plain functions over what the record holds; the caller supplies the stamp verification, the numbering and
// the malware scanner. A failed check quarantines the record with its reasons.
import { FORMAT_WORDS, FORMAT_WORDS_ZH, formatOfContentType, formatProblem } from '@yizhan/common';
import { STAMP_CHECK_WORDS } from '@yizhan/contracts/seals';
import { type MalwareScanner, sha256Hex } from '@yizhan/kernel';

/** What a record's file is: the body, an attachment, the 版式文件 (OFD) the send laid it out as, the office's form
 * filed with it (发文稿纸 or 收文处理单, PDF), the sender's signed approvals (JSON). */
export type ComponentRole = 'BODY' | 'ATTACHMENT' | 'LAYOUT' | 'FORM' | 'APPROVALS';

export interface Component {
  role: ComponentRole;
  name: string;
  contentType: string;
  sha256: string;
  size: number;
}

export interface Finding {
  ok: boolean;
  check: string;
  detail: string;
  /** The same in Chinese, as the archivist reads it (a report made before it was kept has only `detail`). */
  zh: string;
}

export interface PropertyResult {
  ok: boolean;
  findings: Finding[];
}

export interface CheckReport {
  at: string;
  passed: boolean;
  authenticity: PropertyResult;
  integrity: PropertyResult;
  usability: PropertyResult;
  security: PropertyResult;
}

type RecordMetadata = { title: string; docType: string; orgName: string; classification?: string | null };

export interface CheckInput {
  metadata: RecordMetadata;
  /**
   * The metadata as archived, before any correction (更正元数据), and each correction's changes since, in order, as the
   * evidence chain recorded them. The content is compared with the metadata it was archived with, and the metadata now
   * with that one corrected as recorded: a correction is the archivist's recorded act, a change beside them is not.
   * Without them the metadata now is compared with the content.
   */
  archived?: RecordMetadata;
  changes?: Record<string, unknown>[];
  components: Component[];
  /** Each component's bytes as the archive holds them now; null when missing. */
  read: (c: Component) => Promise<Buffer | null>;
  /** The document's canonical content as archived (its elements and file digests), base64. */
  canonical: string | null;
  /** The seal verification (null when the document carries no stamp). */
  stamp: { valid: boolean; checks: { check: string; ok: boolean; reason: string | null }[] } | null;
  /** The unit's item numbers of the record's year; null for a record imported with the number it had at its origin. */
  items: number[] | null;
  scan: MalwareScanner;
}

const sha256 = sha256Hex;

/** Whether bytes open as their declared format: the documents and images whole as common's file-formats reads them,
 * text as UTF-8. */
export function opensAs(contentType: string, b: Buffer): { ok: boolean; detail: string; zh: string } {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const format = formatOfContentType(type);
  if (format) {
    const found = formatProblem(format, b);
    if (!found) return { ok: true, detail: `${FORMAT_WORDS[format]}, whole`, zh: `${FORMAT_WORDS_ZH[format]}，完整` };
    return found.problem === 'NOT'
      ? { ok: false, detail: `not ${FORMAT_WORDS[format]}`, zh: `不是 ${FORMAT_WORDS_ZH[format]}` }
      : { ok: false, detail: `${FORMAT_WORDS[format]} that is not whole: ${found.detail}`, zh: `${FORMAT_WORDS_ZH[format]}不完整：${found.zh}` };
  }
  switch (type) {
    case 'text/plain':
    case 'text/html':
    case 'text/csv':
    case 'application/json':
    case 'application/xml':
    case 'text/xml':
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b);
        return { ok: true, detail: 'UTF-8 text', zh: 'UTF-8 文本' };
      } catch {
        return { ok: false, detail: 'not UTF-8 text', zh: '不是 UTF-8 文本' };
      }
    default:
      return { ok: b.length > 0, detail: `no format check for ${type || 'unknown type'}; present`, zh: `${type || '未知类型'}不作格式检测；文件存在` };
  }
}

const CLASSIFIED = /(绝密|机密|秘密)\s*★/;

/** The catalogue's elements a check compares, as the archivist names them. */
const METADATA_ZH = { title: '题名', docType: '文种', orgName: '责任者' } as const;

export async function fourPropertyCheck(input: CheckInput, now = new Date()): Promise<CheckReport> {
  const authenticity: Finding[] = [];
  const integrity: Finding[] = [];
  const usability: Finding[] = [];
  const security: Finding[] = [];
  const contents = new Map<Component, Buffer | null>();
  for (const c of input.components) contents.set(c, await input.read(c));

  // Authenticity: the stamp verifies (when there is one), and the metadata says what the content says.
  if (input.stamp) {
    const failed = input.stamp.checks.filter((c) => !c.ok);
    authenticity.push({
      ok: input.stamp.valid,
      check: 'SEAL',
      detail: input.stamp.valid ? 'the seal verifies' : failed.map((c) => `${c.check}: ${c.reason}`).join('; '),
      zh: input.stamp.valid ? '电子印章验证通过' : `电子印章验证未通过：${failed.map((c) => STAMP_CHECK_WORDS[c.check] ?? c.check).join('、')}`,
    });
  } else if (input.metadata.docType === '信息') authenticity.push({ ok: true, check: 'SEAL', detail: 'a 信息 carries no seal', zh: '信息不加盖印章' });
  else authenticity.push({ ok: true, check: 'SEAL', detail: 'not stamped (the sending unit had no seal in use)', zh: '未盖章（发文单位无启用的电子印章）' });
  let canonical: Record<string, unknown> | null = null;
  try {
    canonical = input.canonical ? (JSON.parse(Buffer.from(input.canonical, 'base64').toString('utf8')) as Record<string, unknown>) : null;
  } catch {
    canonical = null;
  }
  // A 信息 is published, not sent, and its attachments are its images: the findings say so.
  const information = input.metadata.docType === '信息';
  const archived = input.archived ?? input.metadata;
  for (const field of ['title', 'docType', 'orgName'] as const) {
    const ok = !!canonical && canonical[field] === archived[field];
    authenticity.push({
      ok,
      check: `METADATA_${field.toUpperCase()}`,
      detail: ok ? `${field} matches the content` : `${field} in the metadata differs from the ${information ? 'item' : 'document'}`,
      zh: ok ? `${METADATA_ZH[field]}与内容一致` : `元数据中的${METADATA_ZH[field]}与${information ? '信息' : '公文'}不一致`,
    });
  }
  if (input.changes?.length) {
    const corrected: Record<string, unknown> = Object.assign({}, archived, ...input.changes);
    const differs = (['title', 'docType', 'orgName'] as const).filter((f) => corrected[f] !== input.metadata[f]);
    const n = input.changes.length;
    authenticity.push({
      ok: differs.length === 0,
      check: 'METADATA_CORRECTED',
      detail: differs.length
        ? `${differs.join(', ')} in the metadata differ from the ${n} recorded correction(s)`
        : `corrected ${n} time(s) since it was archived, each recorded with its reason; the metadata is the archived one so corrected`,
      zh: differs.length
        ? `元数据中的${differs.map((f) => METADATA_ZH[f]).join('、')}与记录的 ${n} 次更正不符`
        : `归档后更正 ${n} 次，每次均记录原因；元数据即归档时的元数据经这些更正所得`,
    });
  }
  const body = input.components.find((c) => c.role === 'BODY');
  const bodyOk = !!canonical && !!body && canonical.body === body.sha256;
  authenticity.push({
    ok: bodyOk,
    check: 'CONTENT',
    detail: bodyOk
      ? `the body is the one ${information ? 'published' : 'sent'}`
      : `the body is not the one the ${information ? 'item was published' : 'document was sent'} with`,
    zh: bodyOk ? (information ? '正文即发布的正文' : '正文即发出的正文') : information ? '正文与发布时的正文不一致' : '正文与发文时的正文不一致',
  });

  // Integrity: every component present with its digest; the item numbers of the year without gaps.
  for (const c of input.components) {
    const b = contents.get(c);
    if (!b) integrity.push({ ok: false, check: 'PRESENT', detail: `${c.name} is missing`, zh: `${c.name}缺失` });
    else {
      const ok = sha256(b) === c.sha256 && b.length === c.size;
      integrity.push({
        ok,
        check: 'DIGEST',
        detail: ok ? `${c.name}: SHA-256 matches` : `${c.name}: SHA-256 does not match what was archived`,
        zh: ok ? `${c.name}：SHA-256 摘要一致` : `${c.name}：SHA-256 摘要与归档时不一致`,
      });
    }
  }
  const listed = Array.isArray(canonical?.attachments) ? (canonical.attachments as { sha256: string }[]).map((a) => a.sha256) : [];
  const missing = listed.filter((sha) => !input.components.some((c) => c.role === 'ATTACHMENT' && c.sha256 === sha));
  integrity.push({
    ok: missing.length === 0,
    check: 'ATTACHMENTS',
    detail: missing.length
      ? `${missing.length} attachment(s) of the ${information ? 'item' : 'document'} are not in the record`
      : 'every attachment is in the record',
    zh: missing.length
      ? information
        ? `信息的 ${missing.length} 张图片不在档案中`
        : `公文的 ${missing.length} 个附件不在档案中`
      : information
        ? '图片齐全'
        : '附件齐全',
  });
  if (input.items) {
    const gaps = numberingGapsOf(input.items);
    integrity.push({
      ok: gaps.length === 0,
      check: 'NUMBERING',
      detail: gaps.length ? `item numbers missing: ${gaps.join(', ')}` : 'item numbers without gaps',
      zh: gaps.length ? `缺少件号：${gaps.join('、')}` : '件号连续',
    });
  } else integrity.push({ ok: true, check: 'NUMBERING', detail: 'imported: numbered where it was archived', zh: '导入的档案：件号为原归档处所编' });

  // Usability: each file opens as its declared format.
  for (const c of input.components) {
    const b = contents.get(c);
    if (!b) continue;
    const r = opensAs(c.contentType, b);
    usability.push({
      ok: r.ok,
      check: 'FORMAT',
      detail: `${c.name}: ${r.ok ? r.detail : `does not open as ${c.contentType} (${r.detail})`}`,
      zh: `${c.name}：${r.ok ? r.zh : `无法按 ${c.contentType} 打开（${r.zh}）`}`,
    });
  }

  // Security: no classified marking anywhere (this platform holds none), and the malware scan.
  const marked = !!input.metadata.classification || input.components.some((c) => CLASSIFIED.test(contents.get(c)?.toString('utf8') ?? ''));
  security.push({
    ok: !marked,
    check: 'CLASSIFICATION',
    detail: marked ? 'a classification marking (密级) was found' : 'no classification marking',
    zh: marked ? '发现密级标志（本平台不处理涉密公文）' : '无密级标志',
  });
  for (const c of input.components) {
    const b = contents.get(c);
    if (!b) continue;
    const found = await input.scan(c.name, b);
    security.push({
      ok: !found,
      check: 'MALWARE',
      detail: found ? `${c.name}: ${found}` : `${c.name}: clean`,
      zh: found ? `${c.name}：发现恶意代码（${found}）` : `${c.name}：未发现恶意代码`,
    });
  }

  const result = (f: Finding[]): PropertyResult => ({ ok: f.every((x) => x.ok), findings: f });
  const report = {
    at: now.toISOString(),
    authenticity: result(authenticity),
    integrity: result(integrity),
    usability: result(usability),
    security: result(security),
  };
  return { ...report, passed: report.authenticity.ok && report.integrity.ok && report.usability.ok && report.security.ok };
}

function numberingGapsOf(items: number[]): number[] {
  const have = new Set(items);
  const gaps: number[] = [];
  for (let i = 1; i <= Math.max(0, ...items); i++) if (!have.has(i)) gaps.push(i);
  return gaps;
}
