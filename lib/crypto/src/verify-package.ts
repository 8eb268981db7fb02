// The verifier of an evidence package (docs/evidence-package.md): no server, no database, only the package, this
// library, and the trust anchors the reader brings (or, failing those, the package's own roots: then the package is
// shown consistent in itself, not anchored, and the result says so). Every item gets a verdict in Chinese and English;
// nothing stops at the first failure; a failure names what changed.
import { type ApprovalEnvelope, verifyApproval } from './approval.ts';
import { isMerklePath } from './batch-timestamp.ts';
import { type TrustMaterial } from './chain.ts';
import { CHAIN_GENESIS, canonicalJson, firstBrokenLink } from './evidence.ts';
import {
  EVIDENCE_FORMAT,
  EVIDENCE_MIMETYPE,
  EVIDENCE_VERSION,
  MANIFEST_PATH,
  type Manifest,
  type ManifestItem,
  sha256Hex,
  unzipEvidence,
} from './evidence-package.ts';
import { type DeliveriesRecorded, deliveriesRecorded, type HeldReceipt, partName } from './package-summary.ts';
import { type PersonSignatureEnvelope } from './person-signature.ts';
import { type ReceiptEnvelope, verifyReceipt } from './receipt.ts';
import { verifySesSignature } from './ses.ts';
import { publicKeyFromSpki, type Suite } from './suites.ts';
import { type HashAlgorithm, hashHex, readTimestampToken, verifyTimestampToken } from './tsp.ts';
import { fingerprintOf, readCertificate } from './x509.ts';

export interface Verdict {
  /** What was checked: a path in the package, or a named part (manifest, trust, chain). */
  item: string;
  /** The item in the reader's words (回执, 时间戳, 信任根 …), where it has a name. */
  part?: string;
  ok: boolean;
  /**
   * Set on the 'trust anchors' verdict when no roots were given: nothing in the package contradicts it (`ok`), but
   * what it rests on — the package's own roots — is for the reader to compare with the platform's (待核对, not 通过).
   */
  toCheck?: true;
  zh: string;
  en: string;
}

export interface PackageVerification {
  /**
   * Every verdict holds. With roots given, against those roots; without, against the package's own roots only, which
   * anyone can make (`anchored` is false then): consistent in itself, not yet proven the platform's.
   */
  valid: boolean;
  /** Whether the chains were checked against roots the reader gave (`roots`), not the package's own. */
  anchored: boolean;
  verdicts: Verdict[];
  documentId: string | null;
  /** What the document is, from its canonical content: its sender and title (null where that content is unreadable). */
  document: { orgName: string; title: string } | null;
  /**
   * Its 发文字号: as the events' contents record it (the send's event, held against its link of the time-stamped chain)
   * where the package carries them, else as the manifest says it (not signed); null when neither does.
   */
  docNumber: string | null;
  /** How far the document got with the units it went to, as its verified events record it; null without them. */
  deliveries: DeliveriesRecorded | null;
}

/** An instant as a reader in China reads it: Beijing time, to the second. */
const beijingClock = (t: Date) => new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
/** A document as a manifest names it: 《title》 and 发文字号 where it says them, else by its id. */
const listedAs = (m: Manifest, word: string) => {
  const named = `${typeof m.title === 'string' && m.title ? `《${m.title}》` : ''}${typeof m.docNumber === 'string' ? m.docNumber : ''}`;
  return named || `${word} ${m.documentId}`;
};
/** In the Chinese line of a verdict. */
const beijing = (t: Date | null | undefined) => (t ? `${beijingClock(t)}（北京时间）` : '（无时间）');
/** The same in the English line: the two lines of a verdict name one time the same way. */
const beijingEn = (t: Date | null | undefined) => (t ? `${beijingClock(t)} Beijing time (UTC+8)` : '(no time)');

const KNOWN_KINDS = new Set([
  'canonical',
  'body',
  'attachment',
  'ofd',
  'stamp',
  'receipt',
  'approval',
  'events',
  'event-contents',
  'timestamp',
  'certificate',
  'crl',
]);
const text = new TextDecoder('utf-8', { fatal: true });

/** The own signature of the person a receipt or an approval names (base64 in its envelope), decoded; null without one. */
const personOf = (env: { person?: PersonSignatureEnvelope }) => {
  const b = (s: string) => new Uint8Array(Buffer.from(s ?? '', 'base64'));
  return env.person ? { signature: b(env.person.signature), certificate: b(env.person.certificate) } : null;
};

/**
 * Verifies a package. `roots`: the trust anchors (DER) the reader got from the platform by another channel; without
 * them, the package's own ROOT certificates are trusted, the verdict says so with their fingerprints (`toCheck`), and
 * the result is not `anchored`. `zip` is the package, or its files already taken out of it (by path, as
 * `unzipEvidence` gives them) by a reader that needs them too.
 */
export function verifyPackage(zip: Uint8Array | Map<string, Uint8Array>, opts: { roots?: Uint8Array[] } = {}): PackageVerification {
  const verdicts: Verdict[] = [];
  const say = (item: string, ok: boolean, zh: string, en: string) => verdicts.push({ item, ok, zh, en });
  let described: PackageVerification['document'] = null;
  let docNumber: string | null = null;
  let deliveries: DeliveriesRecorded | null = null;
  /** The events' contents once they held against their links (the deliveries are read from them and the receipts). */
  let recordedLines: { seq?: unknown; event?: unknown }[] = [];
  let kindOf: (path: string) => string | undefined = () => undefined;
  // Anchored only by roots the reader brought: an empty list anchors nothing (every chain then fails).
  const anchored = (opts.roots?.length ?? 0) > 0;
  const done = (documentId: string | null): PackageVerification => ({
    valid: verdicts.length > 0 && verdicts.every((v) => v.ok),
    anchored,
    verdicts: verdicts.map((v) => {
      const part = partName(v.item, kindOf);
      return part ? { ...v, part } : v;
    }),
    documentId,
    document: described,
    docNumber,
    deliveries,
  });

  // 1. The container and its manifest.
  let files: Map<string, Uint8Array>;
  try {
    files = zip instanceof Map ? zip : unzipEvidence(zip);
  } catch (e) {
    // The reader is told what to do; the unzip library's own words (zlib's) only in parentheses at the end.
    say(
      '证据包 / package',
      false,
      '不是完整的 zip 证据包：文件可能未下载完整或已损坏，请重新下载后再验证',
      `not a complete zip file: the download may have been cut short, or the file is damaged; download it again and verify again (unzip: ${(e as Error).message})`,
    );
    return done(null);
  }
  const mimetype = files.get('mimetype');
  const manifestBytes = files.get(MANIFEST_PATH);
  let manifest: Manifest;
  try {
    if (!mimetype || text.decode(mimetype) !== EVIDENCE_MIMETYPE) throw new Error(`mimetype is not ${EVIDENCE_MIMETYPE}`);
    if (!manifestBytes) throw new Error(`${MANIFEST_PATH} is missing`);
    manifest = JSON.parse(text.decode(manifestBytes)) as Manifest;
    if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) throw new Error('it is not a JSON object');
    if (manifest.format !== EVIDENCE_FORMAT || manifest.version !== EVIDENCE_VERSION || !Array.isArray(manifest.items)) {
      throw new Error(`not a ${EVIDENCE_FORMAT} version ${EVIDENCE_VERSION} manifest`);
    }
  } catch (e) {
    say(MANIFEST_PATH, false, '证据包格式或清单无法识别', `the package's format or manifest is not recognised: ${(e as Error).message}`);
    return done(null);
  }
  say(
    MANIFEST_PATH,
    true,
    // The document as its manifest names it (its 发文字号 and title, said for the reader, checked further down).
    `证据包清单可读，共 ${manifest.items.length} 项（${listedAs(manifest, '公文')}）`,
    `manifest read: ${manifest.items.length} items (${listedAs(manifest, 'document')})`,
  );

  // 2. Every item against the manifest's digest; nothing unlisted, nothing of an unknown kind.
  const byPath = new Map<string, ManifestItem>();
  kindOf = (path) => byPath.get(path)?.kind;
  for (const item of manifest.items) {
    const bytes = files.get(item.path);
    byPath.set(item.path, item);
    if (!KNOWN_KINDS.has(item.kind)) {
      say(item.path, false, `未知的项目类型 ${item.kind}，无法校验`, `unknown kind ${item.kind}: cannot be checked`);
    } else if (!bytes) {
      say(item.path, false, '清单所列文件缺失', 'listed in the manifest but missing from the package');
    } else if (sha256Hex(bytes) !== item.sha256 || bytes.length !== item.size) {
      say(item.path, false, '文件已被改动：数字摘要与清单不符', `changed: its SHA-256 is not the manifest's (${item.sha256.slice(0, 16)}…)`);
    }
  }
  for (const path of files.keys()) {
    if (path !== 'mimetype' && path !== MANIFEST_PATH && !byPath.has(path)) say(path, false, '清单未列出的多余文件', 'a file the manifest does not list');
  }
  const itemsOf = (kind: string) => manifest.items.filter((i) => i.kind === kind && files.has(i.path));
  const bytesOf = (i: ManifestItem) => files.get(i.path) as Uint8Array;
  const digestsOk = verdicts.every((v) => v.ok);
  if (digestsOk) say('manifest digests', true, '所有文件与清单数字摘要一致', 'every file matches its SHA-256 in the manifest');

  // 3. Trust: the reader's roots, or the package's own (said so).
  const certs = itemsOf('certificate').map((i) => ({ item: i, der: bytesOf(i) }));
  const packageRoots = certs.filter((c) => c.item.role === 'ROOT').map((c) => c.der);
  const roots = opts.roots ?? packageRoots;
  const prints = roots.map((r) => fingerprintOf(r).slice(0, 16));
  if (opts.roots) {
    const foreign = packageRoots.filter((r) => !opts.roots?.some((o) => fingerprintOf(o) === fingerprintOf(r)));
    // A root of a suite none of the given roots is of: most likely only one of the platform's two roots was given.
    const suiteOf = (der: Uint8Array) => {
      try {
        return publicKeyFromSpki(readCertificate(der).spki)?.suite ?? null;
      } catch {
        return null;
      }
    };
    const given = new Set(opts.roots.map(suiteOf));
    const notGiven = [...new Set(foreign.map(suiteOf))].filter((suite): suite is Suite => !!suite && !given.has(suite));
    const hint = notGiven.length ? `未提供${notGiven.map((x) => (x === 'SM2' ? '国密 SM2' : 'RSA')).join('、')}根证书（请用 --root 一并给出）` : null;
    say(
      'trust anchors',
      foreign.length === 0,
      foreign.length ? (hint ?? '证据包中的根证书不是所信任的根证书') : `使用给定的信任根：${prints.join(', ')}`,
      foreign.length
        ? notGiven.length
          ? `no ${notGiven.join(', ')} root was given (pass it with --root too)`
          : 'the package carries a root certificate that is not one of the given trust anchors'
        : `trusting the given roots: ${prints.join(', ')}`,
    );
  } else if (roots.length) {
    // Anyone can make a CA and sign a package under it: the package's own roots prove it consistent, not genuine.
    verdicts.push({
      item: 'trust anchors',
      ok: true,
      toCheck: true,
      zh: `信任证据包自带的根证书（SHA-256 ${prints.join(', ')}），请与平台公布的指纹核对`,
      en: `trusting the package's own roots (SHA-256 ${prints.join(', ')}): compare them with the platform's published fingerprints, or pass --root`,
    });
  } else say('trust anchors', false, '证据包中没有根证书', 'the package carries no root certificate');
  const trust: TrustMaterial = {
    roots,
    intermediates: certs.filter((c) => c.item.role !== 'ROOT').map((c) => c.der),
    crls: itemsOf('crl').map(bytesOf),
  };
  for (const c of certs) {
    try {
      readCertificate(c.der);
    } catch {
      say(c.item.path, false, '不是证书', 'not a certificate');
    }
  }

  // 4. The content: canonical JSON, and the body and attachments it names by their SHA-256.
  const canonicalItem = itemsOf('canonical')[0];
  let canonical: Uint8Array | null = null;
  if (!canonicalItem) say('content', false, '证据包中没有公文签署内容', 'the package has no canonical content');
  else {
    canonical = bytesOf(canonicalItem);
    try {
      const c = JSON.parse(text.decode(canonical)) as {
        documentId?: string;
        orgName?: string;
        title?: string;
        body?: string;
        attachments?: { name: string; sha256: string }[];
      };
      if (typeof c.orgName === 'string' && typeof c.title === 'string') described = { orgName: c.orgName, title: c.title };
      if (c.documentId !== manifest.documentId)
        say(canonicalItem.path, false, '签署内容属于另一份公文', `the canonical content is of another document (${c.documentId})`);
      const body = itemsOf('body')[0];
      if (!body || sha256Hex(bytesOf(body)) !== c.body)
        say(body?.path ?? 'body', false, '正文与签署内容中的数字摘要不符', 'the body does not match the digest the canonical content names');
      else say(body.path, true, '正文与签署内容一致', 'the body matches the canonical content');
      const attachments = itemsOf('attachment');
      for (const a of c.attachments ?? []) {
        const found = attachments.find((x) => sha256Hex(bytesOf(x)) === a.sha256);
        if (found) say(found.path, true, `附件“${a.name}”与签署内容一致`, `attachment “${a.name}” matches the canonical content`);
        else say(`attachment ${a.name}`, false, `附件“${a.name}”缺失或已被改动`, `attachment “${a.name}” is missing or changed`);
      }
    } catch (e) {
      say(canonicalItem.path, false, '签署内容无法读取', `the canonical content cannot be read: ${(e as Error).message}`);
    }
  }

  // 5. The stamp (GB/T 38540 SES_Signature): against the content, the seal's chain, the time stamp.
  for (const stamp of itemsOf('stamp')) {
    const v = verifySesSignature(bytesOf(stamp), { content: canonical ?? undefined, trust, requireTimeStamp: true });
    const failed = v.checks.filter((c) => !c.ok);
    const propertyOk = v.facts?.propertyInfo.includes(`yizhan:document:${manifest.documentId};`) ?? false;
    if (!propertyOk && v.facts) failed.push({ check: 'CONTENT_DIGEST', ok: false, reason: 'the stamp names another document' });
    if (failed.length === 0) {
      say(
        stamp.path,
        true,
        `电子签章有效：${v.facts?.seal.property.name}，签章时间 ${beijing(v.signedAt)}（可信时间戳）`,
        `the stamp is valid: seal of ${v.facts?.seal.property.name}, signed ${beijingEn(v.signedAt)} (trusted time stamp)`,
      );
    } else {
      say(
        stamp.path,
        false,
        `电子签章验证失败：${failed.map((c) => STAMP_WORDS[c.check] ?? c.check).join('；')}`,
        `the stamp fails: ${failed.map((c) => `${c.check} (${c.reason})`).join('; ')}`,
      );
    }
  }
  // A package without a stamp is judged after the receipts (8a): one a recipient signed may attest that none was sent.

  // 6. The events' hash chain: every link, the first broken one named; the head as the manifest says.
  let events: (Record<string, unknown> & { seq?: unknown; type?: unknown; kind?: unknown })[] | null = null;
  for (const ev of itemsOf('events')) {
    try {
      events = text
        .decode(bytesOf(ev))
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l));
    } catch (e) {
      say(ev.path, false, '事件记录无法读取', `the events cannot be read: ${(e as Error).message}`);
      continue;
    }
    const list = events ?? [];
    const broken = firstBrokenLink(list, manifest.chain?.start ?? CHAIN_GENESIS);
    const head = list.length ? (list.at(-1)?.hash as string) : (manifest.chain?.start ?? CHAIN_GENESIS);
    if (broken) {
      const e = list[broken.index] ?? {};
      say(
        ev.path,
        false,
        `事件链在第 ${broken.index + 1} 条（序号 ${String(e.seq)}，${String(e.type ?? e.kind)}）断开：${broken.why === 'prev' ? '与前一条不衔接（前条被删除、插入或调换）' : '该条内容已被改动'}`,
        `the chain breaks at entry ${broken.index + 1} (seq ${String(e.seq)}, ${String(e.type ?? e.kind)}): ${broken.why === 'prev' ? 'it does not follow the entry before it (one removed, inserted or reordered)' : 'the entry itself was changed'}`,
      );
    } else if (manifest.chain && manifest.chain.head !== head) {
      say(
        ev.path,
        false,
        '事件链的末端与清单不符（末尾的事件被删除或添加）',
        'the chain’s head is not the manifest’s (events removed from or added at the end)',
      );
    } else {
      say(ev.path, true, `事件链完整：${list.length} 条，逐条衔接`, `the chain holds: ${list.length} entries, every link intact`);
    }
  }

  // 6b. The events themselves (of the document's own links): each must be what its link's digest says.
  for (const item of itemsOf('event-contents')) {
    let lines: { seq?: unknown; event?: unknown }[];
    try {
      lines = text
        .decode(bytesOf(item))
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l));
    } catch (e) {
      say(item.path, false, '事件内容无法读取', `the events' contents cannot be read: ${(e as Error).message}`);
      continue;
    }
    const bySeq = new Map((events ?? []).map((e) => [e.seq, e]));
    const wrong = lines.find((l) => {
      const link = bySeq.get(l.seq);
      return !link || sha256Hex(new TextEncoder().encode(canonicalJson(l.event))) !== link.digest;
    });
    if (wrong)
      say(
        item.path,
        false,
        `事件内容（序号 ${String(wrong.seq)}）与事件链中的数字摘要不符（事件被改动）`,
        `the event of seq ${String(wrong.seq)} is not what its link's digest says (the event was changed)`,
      );
    else {
      say(item.path, true, `事件内容与事件链一致：${lines.length} 条`, `the events' contents match their links: ${lines.length}`);
      docNumber ??= recordedDocNumber(lines, manifest.documentId);
      recordedLines = lines;
    }
  }
  // The 发文字号 names the document in the verdict: the events' (held above) over the manifest's, which nothing signs
  // and which may not say otherwise.
  const listed = typeof manifest.docNumber === 'string' && manifest.docNumber ? manifest.docNumber : null;
  if (docNumber && listed && listed !== docNumber)
    say(
      MANIFEST_PATH,
      false,
      `清单所记的发文字号“${listed}”与事件记录中的“${docNumber}”不符（清单被改动）`,
      `the manifest's 发文字号 “${listed}” is not the one the events record (“${docNumber}”): the manifest was changed`,
    );
  docNumber ??= listed;

  // 7. Time stamps: each over what it covers, by the platform's TSA.
  for (const ts of itemsOf('timestamp')) {
    const token = bytesOf(ts);
    let digest: string | null = null;
    let what = '';
    let whatZh = '';
    try {
      const h = readTimestampToken(token).hashAlgorithm;
      if (ts.covers && 'path' in ts.covers && h) {
        const covered = files.get(ts.covers.path);
        digest = covered ? hashHex(h, covered) : null;
        what = ts.covers.path;
        whatZh = ts.covers.path;
      } else if (ts.covers && 'eventsHead' in ts.covers) {
        digest = ts.covers.eventsHead;
        what = 'events head';
        whatZh = '事件链末端';
        const head = events?.length ? (events.at(-1)?.hash as string) : null;
        if (head !== ts.covers.eventsHead)
          say(ts.path, false, '时间戳所证明的事件链末端与事件记录不符', 'the chain head it time-stamps is not the events’ head');
      }
    } catch {
      // refused below
    }
    const v = verifyTimestampToken(token, { digest: digest ?? '', trust });
    if (v.valid && digest)
      say(
        ts.path,
        true,
        `时间戳有效：${whatZh}，${beijing(v.genTime)}，${v.tsaSubject}`,
        `time stamp valid: ${what} at ${beijingEn(v.genTime)} by ${v.tsaSubject}`,
      );
    else {
      const failed = v.checks.filter((c) => !c.ok);
      say(
        ts.path,
        false,
        `时间戳验证失败：${failed.map((c) => TIMESTAMP_WORDS[c.check] ?? c.check).join('；') || '不知其所证明的内容'}`,
        `the time stamp fails: ${failed.map((c) => `${c.check} (${c.reason})`).join('; ') || 'what it covers is unknown'}`,
      );
    }
  }

  // 8. Signed receipts: each unit's signature, its certificate's chain at the time stamp's time, the time stamp, and
  // the content, stamp and OFD 版式 file they received against this package's own; and for one the clerk signed too,
  // their own signature and identity certificate.
  const stampItem = itemsOf('stamp')[0];
  const ofdItem = itemsOf('ofd')[0];
  const expected = {
    contentDigest: canonical ? sha256Hex(canonical) : '',
    stampDigest: stampItem ? sha256Hex(bytesOf(stampItem)) : null,
    ofdDigest: ofdItem ? sha256Hex(bytesOf(ofdItem)) : null,
  };
  /** The OFD digests the receipts name (each receipt's signature covers its own). */
  const ofdNamed = new Set<string>();
  /** Receipts that hold: each one signs the stamp's digest as received, or null for a document sent unstamped. */
  let receiptsHeld = 0;
  const heldReceipts: HeldReceipt[] = [];
  for (const r of itemsOf('receipt')) {
    let env: ReceiptEnvelope;
    try {
      env = JSON.parse(text.decode(bytesOf(r))) as ReceiptEnvelope;
      if (!env.receipt || typeof env.signature !== 'string') throw new Error('not a receipt');
    } catch (e) {
      say(r.path, false, '回执无法读取', `the receipt cannot be read: ${(e as Error).message}`);
      continue;
    }
    const b = (s: string) => new Uint8Array(Buffer.from(s ?? '', 'base64'));
    const v = verifyReceipt({
      receipt: env.receipt,
      signature: b(env.signature),
      certificate: b(env.certificate),
      timestamp: env.timestamp ? b(env.timestamp) : null,
      // A receipt time-stamped in a batch carries its signature's path to the root the batch's token covers.
      timestampPath: isMerklePath(env.timestampPath) ? env.timestampPath : null,
      trust,
      expected,
      // A receipt the clerk signed too carries their own signature and identity certificate.
      person: personOf(env),
    });
    const failed = v.checks.filter((c) => !c.ok);
    if (env.receipt.documentId !== manifest.documentId) failed.push({ check: 'CONTENT', ok: false, reason: 'the receipt is of another document' });
    if (typeof env.receipt.ofdDigest === 'string' && v.checks.some((c) => c.check === 'SIGNATURE' && c.ok)) ofdNamed.add(env.receipt.ofdDigest);
    const by = env.receipt.signer?.name ? `（${env.receipt.signer.name}本人签名）` : '';
    const what = `${env.receipt.unit?.name}${RECEIPT_WORDS[env.receipt.action] ?? env.receipt.action}${by}`;
    if (failed.length === 0) {
      receiptsHeld++;
      heldReceipts.push({ deliveryId: env.receipt.deliveryId, orgId: env.receipt.unit?.orgId, action: env.receipt.action });
      say(
        r.path,
        true,
        `回执有效：${what}，${beijing(v.signedAt)}（可信时间戳）`,
        `the receipt is valid: ${RECEIPT_WORDS_EN[env.receipt.action] ?? env.receipt.action} by ${env.receipt.unit?.name} at ${beijingEn(v.signedAt)} (trusted time stamp)`,
      );
    } else
      say(
        r.path,
        false,
        `回执验证失败（${what}）：${failed.map((c) => RECEIPT_CHECK_WORDS[c.check] ?? c.check).join('；')}`,
        `the receipt fails (${RECEIPT_WORDS_EN[env.receipt.action] ?? env.receipt.action} by ${env.receipt.unit?.name}): ${failed.map((c) => `${c.check} (${c.reason})`).join('; ')}`,
      );
  }

  deliveries = deliveriesRecorded(recordedLines, manifest.documentId, heldReceipts);

  // 8a'. No stamp: a unit without an electronic seal sends unstamped, and each recipient's signed receipt says so (its
  // stampDigest is null, which the check above held it to). Without such a receipt nothing shows the stamp was not
  // taken out of the package.
  if (!stampItem) {
    if (receiptsHeld > 0)
      say(
        'stamp',
        true,
        '本件未加盖电子印章：收文单位的签名回执证明其收到时即无印章',
        'unstamped: the recipients’ signed receipts show it was received without a stamp',
      );
    else
      say(
        'stamp',
        false,
        '证据包中没有电子签章，也没有签名回执证明本件发出时未加盖印章',
        'the package has no stamp, and no signed receipt shows it was sent without one',
      );
  }

  // 8b. The OFD 版式 file (GB/T 33190, the authoritative layout as sent): the one the receipts say they received.
  if (ofdItem) {
    const digest = expected.ofdDigest as string;
    if (!ofdNamed.size) say(ofdItem.path, true, 'OFD 版式文件已附（没有回执记载其数字摘要）', 'the OFD 版式 file is included (no receipt names its digest)');
    else if (ofdNamed.size === 1 && ofdNamed.has(digest))
      say(ofdItem.path, true, 'OFD 版式文件与回执所收的一致', 'the OFD 版式 file is the one the receipts name');
    else
      say(
        ofdItem.path,
        false,
        'OFD 版式文件已被改动：与回执所收的数字摘要不符',
        `the OFD 版式 file was changed: its SHA-256 (${digest.slice(0, 16)}…) is not the one the receipts name (${[...ofdNamed].map((d) => `${d.slice(0, 16)}…`).join(', ')})`,
      );
  } else if (ofdNamed.size)
    say('content/document.ofd', false, '回执所收的 OFD 版式文件不在证据包中', 'the receipts name an OFD 版式 file the package does not carry');
  // Its seals' signatures (GB/T 33190 §18 with GB/T 38540): every file inside as signed, the stamp by the trust at hand.
  if (ofdItem) for (const v of verifyOfdSeals(bytesOf(ofdItem), trust)) say(`${ofdItem.path} ${v.item}`, v.ok, v.zh, v.en);

  // 9. Signed approvals (审批, 签发): the unit's signature for its approver, its certificate's chain at the time stamp's
  // time, the time stamp, and the content approved against this package's own; and for one the approver signed too,
  // their own signature and identity certificate.
  for (const a of itemsOf('approval')) {
    let env: ApprovalEnvelope;
    try {
      env = JSON.parse(text.decode(bytesOf(a))) as ApprovalEnvelope;
      if (!env.approval || typeof env.signature !== 'string') throw new Error('not an approval');
    } catch (e) {
      say(a.path, false, '审批签名无法读取', `the approval cannot be read: ${(e as Error).message}`);
      continue;
    }
    const b = (s: string) => new Uint8Array(Buffer.from(s ?? '', 'base64'));
    const v = verifyApproval({
      approval: env.approval,
      signature: b(env.signature),
      certificate: b(env.certificate),
      timestamp: env.timestamp ? b(env.timestamp) : null,
      trust,
      expected: { contentDigest: expected.contentDigest },
      person: personOf(env),
    });
    const failed = v.checks.filter((c) => !c.ok);
    if (env.approval.documentId !== manifest.documentId) failed.push({ check: 'CONTENT', ok: false, reason: 'the approval is of another document' });
    const by = env.approval.signer ? '，本人签名' : '';
    const what = `${env.approval.approver?.name}${env.approval.issued ? '签发' : '审批'}（${env.approval.unit?.name}${by}）`;
    if (failed.length === 0)
      say(
        a.path,
        true,
        `审批签名有效：${what}，${beijing(v.signedAt)}（可信时间戳）`,
        `the approval is valid: ${env.approval.issued ? 'issued (签发)' : 'approved'} by ${env.approval.approver?.name} of ${env.approval.unit?.name}${env.approval.signer ? ', signed by the approver too' : ''} at ${beijingEn(v.signedAt)} (trusted time stamp)`,
      );
    else
      say(
        a.path,
        false,
        `审批签名验证失败（${what}）：${failed.map((c) => APPROVAL_CHECK_WORDS[c.check] ?? c.check).join('；')}`,
        `the approval fails (${env.approval.approver?.name}): ${failed.map((c) => `${c.check} (${c.reason})`).join('; ')}`,
      );
  }

  return done(manifest.documentId);
}

/**
 * The 发文字号 the document's own events record: the send's (document.sent gives the number), else a delivery's that
 * names it; null when none does (a package without the sender's or a recipient's events, or of an unnumbered one).
 */
function recordedDocNumber(lines: { event?: unknown }[], documentId: string): string | null {
  const numbered = lines
    .map((l) => l.event as { type?: unknown; payload?: { documentId?: unknown; docNumber?: unknown } } | null)
    .filter((e) => e?.payload?.documentId === documentId && typeof e.payload.docNumber === 'string' && e.payload.docNumber)
    .filter((e) => e?.type === 'document.sent' || (typeof e?.type === 'string' && e.type.startsWith('delivery.')));
  const sent = numbered.find((e) => e?.type === 'document.sent') ?? numbered[0];
  return (sent?.payload?.docNumber as string | undefined) ?? null;
}

/** The OFD's hash algorithms by CheckMethod (GB/T 33190): SM3, SHA-256. */
const CHECK_METHODS: Record<string, HashAlgorithm> = { '1.2.156.10197.1.401': 'SM3', '2.16.840.1.101.3.4.2.1': 'SHA-256' };

/** A location inside the OFD package: absolute from its root ("/Doc_0/…"), or relative to the file that names it. */
const resolveLoc = (loc: string, from: string) => {
  const parts = [...(loc.startsWith('/') ? [] : from.split('/').slice(0, -1)), ...loc.replace(/^\//, '').split('/')];
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p && p !== '.') out.push(p);
  }
  return out.join('/');
};
const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * The seals' signatures of an OFD 版式 file, read from the package itself: OFD.xml names the signatures' list, each
 * Signature.xml its References (each file's digest, in its CheckMethod) and its SignedValue, a GB/T 38540
 * SES_Signature over the digest of that Signature.xml. Every file of the package but the signatures' own must be
 * referenced and as signed (an attachment inside included); the stamp verifies by the trust at hand.
 */
function verifyOfdSeals(ofd: Uint8Array, trust: TrustMaterial): Verdict[] {
  const out: Verdict[] = [];
  let files: Map<string, Uint8Array>;
  try {
    files = unzipEvidence(ofd);
  } catch (e) {
    return [
      {
        item: 'package',
        ok: false,
        zh: 'OFD 版式文件无法打开（不是 zip 包）',
        en: `the OFD 版式 file cannot be opened: it is not a zip package (${(e as Error).message})`,
      },
    ];
  }
  const read = (path: string) => {
    const b = files.get(path);
    return b ? text.decode(b) : null;
  };
  const entry = read('OFD.xml');
  const listLoc = entry ? /<(?:\w+:)?Signatures>([^<]+)<\/(?:\w+:)?Signatures>/.exec(entry)?.[1] : undefined;
  if (!entry || !listLoc) {
    return [{ item: 'seal', ok: true, zh: 'OFD 版式文件未加电子签章（该单位未用印）', en: 'the OFD 版式 file carries no seal signature' }];
  }
  const listPath = resolveLoc(unescapeXml(listLoc.trim()), 'OFD.xml');
  const signsDir = listPath.split('/').slice(0, -1).join('/');
  const list = read(listPath) ?? '';
  const locs = [...list.matchAll(/<(?:\w+:)?Signature\b[^>]*\bBaseLoc="([^"]+)"/g)].map((m) => resolveLoc(unescapeXml(m[1] as string), listPath));
  if (!locs.length)
    out.push({ item: 'seal', ok: false, zh: 'OFD 版式文件的签名列表为空或缺失', en: `the OFD's signatures list ${listPath} names no signature` });
  for (const loc of locs) {
    const item = `seal ${loc}`;
    const xmlBytes = files.get(loc);
    const xml = xmlBytes ? text.decode(xmlBytes) : null;
    const valueLoc = xml ? /<(?:\w+:)?SignedValue>([^<]+)<\/(?:\w+:)?SignedValue>/.exec(xml)?.[1] : undefined;
    const value = valueLoc ? files.get(resolveLoc(unescapeXml(valueLoc.trim()), loc)) : undefined;
    const method = xml ? /CheckMethod="([^"]+)"/.exec(xml)?.[1] : undefined;
    const h = method ? CHECK_METHODS[method] : undefined;
    if (!xmlBytes || !xml || !value || !h) {
      out.push({
        item,
        ok: false,
        zh: 'OFD 版式文件的电子签章不完整',
        en: `the signature ${loc} is incomplete (its Signature.xml, SignedValue or CheckMethod)`,
      });
      continue;
    }
    const refs = [...xml.matchAll(/<(?:\w+:)?Reference\s+FileRef="([^"]+)"\s*>\s*<(?:\w+:)?CheckValue>([^<]*)<\/(?:\w+:)?CheckValue>/g)].map((m) => ({
      path: resolveLoc(unescapeXml(m[1] as string), loc),
      value: (m[2] as string).trim(),
    }));
    const changed = refs.filter((r) => {
      const b = files.get(r.path);
      return !b || Buffer.from(hashHex(h, b), 'hex').toString('base64') !== r.value;
    });
    const referenced = new Set(refs.map((r) => r.path));
    const uncovered = [...files.keys()].filter((p) => !p.endsWith('/') && !p.startsWith(`${signsDir}/`) && !referenced.has(p));
    const ses = verifySesSignature(value, { dataHash: hashHex(h, xmlBytes), trust });
    const sesFailed = ses.checks.filter((c) => !c.ok);
    const seal = ses.facts?.seal.property.name ?? '';
    if (!changed.length && !uncovered.length && refs.length && !sesFailed.length)
      out.push({
        item,
        ok: true,
        zh: `OFD 版式文件的电子签章有效：${seal}，${refs.length} 个文件（含附件）均与签章时一致`,
        en: `the OFD's seal signature is valid: seal of ${seal}, its ${refs.length} files (attachments included) as signed`,
      });
    else
      out.push({
        item,
        ok: false,
        zh: `OFD 版式文件的电子签章验证失败：${[
          ...(changed.length ? [`签章后被改动或缺失的文件 ${changed.map((r) => r.path).join('、')}`] : []),
          ...(uncovered.length ? [`签章未覆盖的文件 ${uncovered.join('、')}`] : []),
          ...sesFailed.map((c) => STAMP_WORDS[c.check] ?? c.check),
        ].join('；')}`,
        en: `the OFD's seal signature fails: ${[
          ...(changed.length ? [`changed or missing since signed: ${changed.map((r) => r.path).join(', ')}`] : []),
          ...(uncovered.length ? [`files the signature does not cover: ${uncovered.join(', ')}`] : []),
          ...sesFailed.map((c) => `${c.check} (${c.reason})`),
        ].join('; ')}`,
      });
  }
  return out;
}

const APPROVAL_CHECK_WORDS: Record<string, string> = {
  SIGNATURE: '审批签名值不正确（审批记录被改动）',
  SIGNER_UNIT: '签名证书不是该单位的',
  SIGNER_CHAIN: '签名证书不能链接到信任根或已被吊销',
  TIMESTAMP: '审批的时间戳无效',
  CONTENT: '所审批的公文内容与证据包中的不一致',
  PERSON: '审批人本人的签名无效或缺失（或其证书不是本人的）',
  PERSON_CHAIN: '审批人本人的证书不能链接到信任根或已被吊销',
};

const RECEIPT_WORDS: Record<string, string> = { RECEIVED: '接收', SIGNED: '签收', RETURNED: '退回' };
const RECEIPT_WORDS_EN: Record<string, string> = { RECEIVED: 'received (接收)', SIGNED: 'signed for (签收)', RETURNED: 'returned (退回)' };

const RECEIPT_CHECK_WORDS: Record<string, string> = {
  SIGNATURE: '回执签名值不正确（回执被改动）',
  SIGNER_UNIT: '签名证书不是该单位的',
  SIGNER_CHAIN: '签名证书不能链接到信任根或已被吊销',
  TIMESTAMP: '回执的时间戳无效',
  CONTENT: '回执所收的公文内容与证据包中的不一致',
  STAMP: '回执所收的电子签章与证据包中的不一致',
  OFD: '回执所收的 OFD 版式文件与证据包中的不一致（版式文件被改动或缺失）',
  PERSON: '签收人本人的签名无效或缺失（或其证书不是本人的）',
  PERSON_CHAIN: '签收人本人的证书不能链接到信任根或已被吊销',
};

const STAMP_WORDS: Record<string, string> = {
  FORMAT: '不是 GB/T 38540 签章数据',
  STAMP_SIGNATURE: '签章签名值不正确',
  SIGNER_LISTED_BY_SEAL: '签章者证书不在印章的证书列表中',
  SEAL_SIGNATURE: '印章的制章者签名无效',
  SEAL_VALID_AT_SIGNING: '签章时印章不在有效期内',
  CERTIFICATE_CHAIN: '签章者证书不能链接到信任根',
  CERTIFICATE_NOT_REVOKED_AT_SIGNING: '签章时证书已被吊销或冻结',
  CONTENT_DIGEST: '公文内容与签章时不一致',
  TIMESTAMP: '签章的时间戳无效',
};

const TIMESTAMP_WORDS: Record<string, string> = {
  TOKEN_FORMAT: '不是本平台的时间戳',
  MESSAGE_IMPRINT: '时间戳所证明的数字摘要不符',
  TOKEN_SIGNATURE: '时间戳签名无效',
  TSA_CERTIFICATE: '时间戳证书不是时间戳专用证书或已过期',
  TSA_CHAIN: '时间戳证书不能链接到信任根（来自另一个时间戳服务）',
  TSA_NOT_REVOKED: '时间戳证书已被吊销',
};
