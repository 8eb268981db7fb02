'use client';
// One delivered document, as the clerk handles it: opening it is the receipt (接收); the clerk checks sender, seal and
// format, then signs for it (签收: the unit's 收文编号) or returns it with the finding of 初审, or asks for a resend;
// prints within the quota; marks it dealt with (办结) once signed for. Before 签收 only clerks may open it. Once signed
// for, the unit's handling (拟办, 批示, 承办, 传阅, 催办, 办结) is the HandlingPanel's.
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { AskButton, ConfirmButton } from '../../../components/Confirm';
import { DocumentSheet } from '../../../components/DocumentSheet';
import { EvidencePackageButton } from '../../../components/EvidencePackage';
import { HandlingPanel } from '../../../components/HandlingPanel';
import { OwnKeyField } from '../../../components/OwnKeyField';
import { copyLabel, PrintViewer } from '../../../components/PrintViewer';
import { ReplyPanel } from '../../../components/Replies';
import { SealCheck } from '../../../components/SealCheck';
import { Shell } from '../../../components/Shell';
import {
  actorWords,
  docTypeName,
  ErrorNote,
  effectiveStatus,
  historyStep,
  RETURN_REASONS,
  returnReasonLabel,
  Section,
  STATUS,
  StatusBadge,
  UNSIGNED,
} from '../../../components/ui';
import type { DeliveryViewQuery, PrintDeliveryMutation, ReturnReason } from '../../../generated/operations';
import { gql, openBlob, PlatformError } from '../../../lib/client';
import { fmtTime } from '../../../lib/format';
import { useAction, useQuery } from '../../../lib/hooks';
import { useLang, useT } from '../../../lib/i18n';
import { type KeyFile, ownSignature } from '../../../lib/keys';
import { hasRole, useSession } from '../../../lib/session';

/** A delivery sent back, withdrawn or replaced prints nothing (the API refuses it too). */
const NOT_PRINTABLE = ['RETURNED', 'RESEND_REQUESTED', 'RESENT', 'RECALLED'];

export default function DeliveryPage() {
  return (
    <Shell>
      <DeliveryView />
    </Shell>
  );
}

function DeliveryView() {
  const t = useT();
  const { lang } = useLang();
  const { id } = useParams<{ id: string }>();
  const [opened, setOpened] = useState(false);
  const open = useAction();
  // Opening the page is opening the document: the unit's first open is its receipt.
  useEffect(() => {
    void open.run(() => gql('OpenDelivery', { id })).then(() => setOpened(true));
  }, [id, open.run]);
  const { data, error, refetch } = useQuery('DeliveryView', opened ? { id } : null);
  const act = useAction();
  const [reason, setReason] = useState<ReturnReason>('NOT_OURS');
  const [checked, setChecked] = useState<string[]>([]);
  /** The clerk's own identity-certificate key, read from its file, to sign the 签收 receipt too (optional). */
  const [ownKey, setOwnKey] = useState<KeyFile | null>(null);
  const { session } = useSession();
  const clerk = !!session && hasRole(session, 'CLERK');
  const [note, setNote] = useState('');
  // A 签收 found already made (its answer lost to a restart after it was recorded): said so, not shown as a failure.
  const [signedEarlier, setSignedEarlier] = useState(false);
  const [lastPrints, setLastPrints] = useState<PrintDeliveryMutation['printDelivery'][]>([]);
  const [copies, setCopies] = useState(1);
  const [viewing, setViewing] = useState<PrintDeliveryMutation['printDelivery'][]>([]);
  const d = data?.delivery;
  // The seal the next print would carry (verified now; its image only when every check passed), for the sheet.
  const seal = useQuery('DocumentSeal', d ? { documentId: d.documentId } : null);
  const refused = open.error ?? error;
  // Before 签收 only the unit's clerks open a delivery (seed 003): the others are told so, as a notice, not an error.
  if (refused?.code === 'NOT_SIGNED_FOR')
    return (
      <>
        <h1>{t('收文')}</h1>
        <p className="notice" role="status" data-testid="not-signed-notice">
          {t('该公文尚未签收。签收前仅本单位收文员可以打开、下载或打印；收文员签收后，本单位其他人员即可查看。')}
        </p>
        <p>
          <Link href="/inbox">{t('返回收文')}</Link>
        </p>
      </>
    );
  if (refused)
    return (
      <>
        <h1>{t('收文')}</h1>
        <ErrorNote error={refused} />
      </>
    );
  if (!d) return <p className="muted">{t('加载中…')}</p>;
  const printedValid = d.prints.filter((p) => p.withinQuota).length;
  const copiesLeft = Math.max(0, d.printQuota - printedValid);
  const unsigned = UNSIGNED.includes(d.status);
  /** 对端来文: a document another deployment (the national platform) sent, handed over by the exchange. */
  const peer = d.document.peerOrigin;
  const checks: { key: string; zh: string; vars: Record<string, string | number> }[] = [
    { key: 'sender', zh: '发文单位无误：{s}', vars: { s: d.senderName } },
    {
      key: 'seal',
      // An unsealed document (a unit without a seal) has no verification to check: the clerk notes that it has none.
      zh: seal.data?.documentSeal.stamped === false ? '本件未加盖电子印章，已知悉（见下方“验证印章”）' : '电子印章验证结果已核对（见下方“验证印章”）',
      vars: {},
    },
    {
      key: 'format',
      zh: '文种、体例格式和内容完整：{t} {n}，附件 {a} 件',
      vars: { t: docTypeName(d.docType, lang), n: d.docNumber, a: d.document.attachments.length },
    },
  ];

  // 打印: the copies asked for, one numbered copy (份号) each; those within the quota carry the red header and the
  // seal, those beyond it are plain copies recorded as such. A returned, withdrawn or resent delivery prints nothing.
  // The copies open in the print viewer (the browser's PDF viewer in the page, and its print dialog), not as files.
  const printable = !NOT_PRINTABLE.includes(d.status);
  const beyond = Math.max(0, copies - copiesLeft);
  const print = () =>
    act.run(async () => {
      const made: PrintDeliveryMutation['printDelivery'][] = [];
      try {
        for (let i = 0; i < copies; i++) made.push((await gql('PrintDelivery', { id })).printDelivery);
      } finally {
        setLastPrints(made);
        await refetch();
      }
      if (made.length) setViewing(made);
    });
  const mutate = (send: () => Promise<unknown>) =>
    act.run(async () => {
      await send();
      setNote('');
      await refetch();
    });

  return (
    <div className="split">
      <div>
        <p>
          <Link href="/inbox">← {t('收文')}</Link>
        </p>
        <DocumentSheet
          doc={d.document}
          nextPrint={
            printable && d.nextCopyNumber !== null && d.nextCopyNumber !== undefined
              ? { copyNumber: d.nextCopyNumber, withinQuota: copiesLeft > 0, sealSvg: seal.data?.documentSeal.imageSvg ?? null }
              : null
          }
        />
        {viewing.length > 0 && <PrintViewer copies={viewing} fileBase={d.docNumber ?? d.title} onClose={() => setViewing([])} />}
      </div>
      <div>
        <Section title={t('签收与处理')}>
          <p>
            <StatusBadge status={effectiveStatus(d)} />
          </p>
          {peer && (
            <p className="notice" data-testid="peer-origin">
              {t('对端来文：由{p}经交换送达（原发文单位 {s}，原发文字号 {n}）。印章以随文证据包核验。', {
                p: peer.platform,
                s: peer.senderName,
                n: peer.docNumber ?? '—',
              })}
              {d.parentDeliveryId && ` ${t('此件为对方重发，替代此前退回或请求重发的一件。')}`}
            </p>
          )}
          <div className="grid">
            <span className="muted">{t('来文单位')}</span>
            <span>{d.senderName}</span>
            <span className="muted">{t('送达时间')}</span>
            <span>{fmtTime(d.deliveredAt)}</span>
            <span className="muted">{t('接收时间')}</span>
            <span data-testid="received-at">
              {fmtTime(d.receivedAt)} {d.receivedByName ? `· ${d.receivedByName}` : ''}
            </span>
            <span className="muted">{t('签收时间')}</span>
            <span data-testid="signed-at">
              {fmtTime(d.signedAt)} {d.signedByName ? `· ${d.signedByName}` : ''}
            </span>
            {d.intake && (
              <>
                <span className="muted">{t('收文编号')}</span>
                <span data-testid="intake-number">{d.intake.number}</span>
                <span className="muted">{t('办理情况')}</span>
                <span>{t(d.intake.handling)}</span>
              </>
            )}
            <span className="muted">{t('打印份数')}</span>
            <span data-testid="copies-left">{t('限印 {q} 份，已印 {p} 份，剩余 {l} 份', { q: d.printQuota, p: printedValid, l: copiesLeft })}</span>
          </div>
          {clerk && printable && (
            <CopiesRequest
              asked={d.copiesRequested ? { copies: d.copiesRequested, reason: d.copiesRequestNote ?? '' } : null}
              busy={act.busy}
              onAsk={(copies, reason) => mutate(() => gql('RequestPrintCopies', { id, copies, reason }))}
            />
          )}
          {unsigned && clerk && (
            <fieldset data-testid="sign-checks">
              <legend>{t('签收前核对')}</legend>
              {checks.map((c) => (
                <label key={c.key} className="check">
                  <input
                    type="checkbox"
                    checked={checked.includes(c.key)}
                    onChange={(e) => setChecked(e.target.checked ? [...checked, c.key] : checked.filter((x) => x !== c.key))}
                  />{' '}
                  {t(c.zh, c.vars)}
                </label>
              ))}
              <p className="actions">
                <button
                  type="button"
                  className="primary"
                  disabled={act.busy || checked.length < checks.length}
                  onClick={() =>
                    void mutate(async () => {
                      try {
                        if (!ownKey) return await gql('SignForDelivery', { id });
                        // The receipt is signed here with the clerk's own key, which never leaves the browser.
                        const { receiptToSign } = await gql('ReceiptToSign', { deliveryId: id });
                        return await gql('SignForDelivery', { id, ownSignature: await ownSignature(ownKey, receiptToSign) });
                      } catch (e) {
                        if (!(e instanceof PlatformError && e.code === 'ALREADY_SIGNED')) throw e;
                        setSignedEarlier(true);
                      }
                    })
                  }
                >
                  {t(ownKey ? '本人签名并签收' : '签收')}
                </button>
                <span className="muted">{t('核对无误后签收，登记收文编号；有问题的请退回')}</span>
              </p>
              <OwnKeyField label="本人证书私钥文件（选填：回执由本单位和您本人共同签名）" onKey={setOwnKey} />
            </fieldset>
          )}
          {d.stateReason && (
            <p className="notice">
              {returnReasonLabel(t, d.stateReason)} {d.stateNote}
            </p>
          )}
          <ErrorNote error={act.error} />
          {signedEarlier && !unsigned && (
            <p className="notice" data-testid="signed-earlier">
              {t('该公文已签收：此前的签收已经生效（服务曾短暂中断，未能及时回复），无需再签')}
            </p>
          )}
          {lastPrints.length > 0 && <PrintedNote prints={lastPrints} />}
          {!printable && (
            <p className="muted" data-testid="not-printable">
              {t('该公文{s}，不能打印', { s: t(STATUS[d.status]?.zh ?? d.status) })}
            </p>
          )}
          <p className="actions" data-testid="print-actions">
            {printable && (
              <>
                <label className="inline">
                  {t('份数')}{' '}
                  <input
                    type="number"
                    min={1}
                    max={20}
                    aria-label={t('打印份数')}
                    value={copies}
                    onChange={(e) => setCopies(Math.min(20, Math.max(1, Math.floor(Number(e.target.value)) || 1)))}
                    style={{ width: '4.5em' }}
                  />
                </label>
                {beyond === 0 ? (
                  <button
                    type="button"
                    className={unsigned ? '' : 'primary'}
                    disabled={act.busy}
                    data-testid="print"
                    data-beyond="false"
                    onClick={() => void print()}
                  >
                    {t('打印 {n} 份（剩余 {l} 份）', { n: copies, l: copiesLeft })}
                  </button>
                ) : (
                  <ConfirmButton
                    className="danger"
                    testId="print"
                    label={t('超出份数打印 {n} 份', { n: copies })}
                    question={t('限印 {q} 份，剩余 {l} 份：超出的 {x} 份将打印为无红头、无印章的副本，不具法律效力，并记入打印记录。', {
                      q: d.printQuota,
                      l: copiesLeft,
                      x: beyond,
                    })}
                    confirmLabel={t('仍然打印')}
                    disabled={act.busy}
                    onConfirm={() => void print()}
                  />
                )}
              </>
            )}
            {/* 办结 with its result (DESIGN §3.3), asked first: the unit's copy goes to the archive with it. */}
            {d.status === 'SIGNED' && clerk && !['INSTRUCTED', 'HANDLING'].includes(d.intake?.handlingStatus ?? '') && (
              <AskButton
                className=""
                label={t('办结')}
                question={t('办结后本件转入归档，不再办理。请填写办理结果：')}
                field={t('办理结果')}
                disabled={act.busy}
                onAnswer={(result) => void mutate(() => gql('CloseDelivery', { id, result }))}
              />
            )}
          </p>
          {unsigned && clerk && (
            <fieldset>
              <legend>{t('退回或请求重发')}</legend>
              <p>
                <select aria-label={t('退回原因')} value={reason} onChange={(e) => setReason(e.target.value as ReturnReason)}>
                  {RETURN_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {returnReasonLabel(t, r)}
                    </option>
                  ))}
                </select>
              </p>
              <p>
                <input aria-label={t('说明')} placeholder={t('说明')} value={note} onChange={(e) => setNote(e.target.value)} />
              </p>
              <p className="actions">
                <button type="button" disabled={act.busy} onClick={() => void mutate(() => gql('ReturnDelivery', { id, reason, note: note || null }))}>
                  {t('退回')}
                </button>
                <button type="button" disabled={act.busy || !note.trim()} onClick={() => void mutate(() => gql('RequestResend', { id, note }))}>
                  {/* The action, not the status it leads to (请求重发 names the status on lists). */}
                  {t('请求对方重发')}
                </button>
              </p>
            </fieldset>
          )}
        </Section>
        {d.signedAt && (
          <HandlingPanel
            deliveryId={id}
            urgent={d.urgency !== 'NORMAL' || d.document.isTelegram}
            closed={d.status === 'CLOSED'}
            onChange={() => void refetch()}
          />
        )}
        {d.signedAt && !['RECALLED', 'RETURNED'].includes(d.status) && <ReplyPanel deliveryId={id} documentId={d.documentId} />}
        {d.prints.length > 0 && (
          <Section title={t('打印记录')}>
            <table>
              <tbody>
                {d.prints.map((p) => (
                  <tr key={p.copyNumber}>
                    <td>{t('第 {n} 份', { n: p.copyNumber })}</td>
                    <td>{p.withinQuota ? t('有效') : t('超出份数')}</td>
                    <td>
                      {p.printedByName} {fmtTime(p.printedAt)}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        aria-label={t('下载第 {n} 份', { n: p.copyNumber })}
                        onClick={() => void act.run(() => openBlob(p.pdfSha256, `${d.docNumber}-${copyLabel(p.copyNumber)}.pdf`))}
                      >
                        {t('下载')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        )}
        <Section title={t('验证印章')}>
          <SealCheck documentId={d.documentId} />
        </Section>
        <EvidencePackageButton documentId={d.documentId} />
        <Section title={t('处理记录')}>
          <History rows={d.history} />
        </Section>
      </div>
    </div>
  );
}

/** What the last 打印 made: the numbered copies within the quota, and those beyond it, said apart. */
function PrintedNote({ prints }: { prints: PrintDeliveryMutation['printDelivery'][] }) {
  const t = useT();
  const span = (ps: PrintDeliveryMutation['printDelivery'][]) => {
    const ns = ps.map((p) => p.copyNumber);
    return ns.length === 1 ? String(ns[0]) : `${ns[0]}–${ns[ns.length - 1]}`;
  };
  const valid = prints.filter((p) => p.withinQuota);
  const plain = prints.filter((p) => !p.withinQuota);
  return (
    <div data-testid="last-print" role="status">
      {valid.length > 0 && <p className="notice">{t('已打印第 {n} 份（带红头和印章）', { n: span(valid) })}</p>}
      {plain.length > 0 && <p className="error">{t('已超出打印份数：第 {n} 份无红头、无印章，不具法律效力', { n: span(plain) })}</p>}
    </div>
  );
}

function History({ rows }: { rows: DeliveryViewQuery['delivery']['history'] }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <table>
      <tbody>
        {rows.map((h) => (
          <tr key={`${h.at}-${h.action}`}>
            <td>{fmtTime(h.at)}</td>
            <td>
              {actorWords(t, h.actorName)} · {historyStep(t, h, lang)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * 追加列印份数 (seed 001 §10): how many more copies with the red header and seal, and why; sent to the sending unit,
 * whose board shows it until it raises the quota.
 */
function CopiesRequest({
  asked,
  busy,
  onAsk,
}: {
  asked: { copies: number; reason: string } | null;
  busy: boolean;
  onAsk: (copies: number, reason: string) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [copies, setCopies] = useState('1');
  const [reason, setReason] = useState('');
  return (
    <div data-testid="copies-request">
      {asked && (
        <p className="muted" role="status">
          {t('已申请追加 {n} 份（{r}），待发文单位同意', { n: asked.copies, r: asked.reason })}
        </p>
      )}
      {open ? (
        <p className="actions">
          <label>
            {t('追加份数')} <input type="number" min={1} max={100} value={copies} onChange={(e) => setCopies(e.target.value)} style={{ width: '5em' }} />
          </label>
          <input aria-label={t('申请原因')} placeholder={t('申请原因')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button
            type="button"
            className="primary"
            disabled={busy || !reason.trim() || !(Number(copies) >= 1)}
            onClick={() => {
              onAsk(Number(copies), reason.trim());
              setOpen(false);
            }}
          >
            {t('提交申请')}
          </button>
          <button type="button" className="link" onClick={() => setOpen(false)}>
            {t('取消')}
          </button>
        </p>
      ) : (
        <button type="button" className="link" onClick={() => setOpen(true)}>
          {t('申请追加份数')}
        </button>
      )}
    </div>
  );
}
