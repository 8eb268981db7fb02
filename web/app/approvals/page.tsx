'use client';
// 审批: what waits for the reader's approval at the step their role holds, what is approved and ready to send, and
// the reader's drafts and rejected documents.
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useState } from 'react';
import { ConfirmButton } from '../../components/Confirm';
import { DocumentSheet } from '../../components/DocumentSheet';
import { FormSheetButton } from '../../components/FormSheetButton';
import { OwnKeyField } from '../../components/OwnKeyField';
import { PlannedRecipientsView } from '../../components/PlannedRecipients';
import { reportDeadlineFrom } from '../../components/Replies';
import { Shell } from '../../components/Shell';
import { approvalActionWords, docTypeName, Empty, ErrorNote, ROLE, Section, UrgencyTag } from '../../components/ui';
import { WithdrawApprovalButton } from '../../components/WithdrawApproval';
import type { DocumentsQuery } from '../../generated/operations';
import { gql, PlatformError } from '../../lib/client';
import { fmtTime, todayInBeijing } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { useLang, useT } from '../../lib/i18n';
import { type KeyFile, ownSignature } from '../../lib/keys';
import { hasRole, useSession } from '../../lib/session';

type Doc = DocumentsQuery['documents'][number];

export default function ApprovalsPage() {
  return (
    <Shell>
      {/* 拟稿 lands here with ?submitted=<id> (useSearchParams, which a static page reads under Suspense). */}
      <Suspense>
        <Approvals />
      </Suspense>
    </Shell>
  );
}

/** The send key of a document, kept so that a retried send (a lost answer, a double click) sends once. */
const sendKeyOf = (id: string) => {
  const k = `yizhan.sendKey.${id}`;
  const existing = sessionStorage.getItem(k);
  if (existing) return existing;
  const fresh = crypto.randomUUID();
  sessionStorage.setItem(k, fresh);
  return fresh;
};

function Approvals() {
  const t = useT();
  const { lang } = useLang();
  const router = useRouter();
  const { session } = useSession();
  const me = session!.user;
  const inApproval = useQuery('Documents', { status: 'IN_APPROVAL', first: 100 });
  const approved = useQuery('Documents', { status: 'APPROVED', first: 100 });
  const drafts = useQuery('Documents', { status: 'DRAFT', first: 100 });
  const rejected = useQuery('Documents', { status: 'REJECTED', first: 100 });
  // Why each was sent back: its last rejection, by whom and when, beside it in the drafter's list. Asked apart, of the
  // same documents: a list of 100 with every approval step is over the operations' cost limit in one query.
  const rejections = useQuery('Rejections', {});
  const rejectionOf = (id: string) => rejections.data?.documents.find((d) => d.id === id)?.approvals.findLast((a) => a.action === 'REJECTED') ?? null;
  const editable = [...(drafts.data?.documents ?? []), ...(rejected.data?.documents ?? [])];
  const [openId, setOpenId] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  // Just submitted from 拟稿: said at the top, with whose step it waits for.
  const submittedId = useSearchParams().get('submitted');
  const submitted = submittedId ? [...(inApproval.data?.documents ?? []), ...(approved.data?.documents ?? [])].find((d) => d.id === submittedId) : undefined;
  /** The approver's own identity-certificate key, read from its file, to sign their approvals too (optional). */
  const [ownKey, setOwnKey] = useState<KeyFile | null>(null);
  // The seal step only for a unit with a seal in use.
  const seals = useQuery('UnitSeals', { orgId: me.org.id });
  const hasSeal = (seals.data?.seals ?? []).some((s) => s.status === 'ACTIVE');
  // Each document's latest stamp request (newest first): 已用印, or waiting for the custodians.
  const stampRequests = useQuery('StampRequests', hasSeal ? { status: null } : null);
  const stampOf = (documentId: string) => {
    const r = stampRequests.data?.stampRequests.find((x) => x.documentId === documentId);
    // A request past its time is as good as none: the custodians can no longer confirm it.
    return r && !(r.status === 'PENDING' && new Date(r.expiresAt).getTime() < Date.now()) ? r.status : null;
  };
  /** A unit that seals sends a document once both custodians stamped it: until then 发送 waits. */
  const unsealed = (documentId: string) => hasSeal && stampOf(documentId) !== 'COMPLETED';
  const act = useAction();
  const refresh = () => Promise.all([inApproval.refetch(), approved.refetch(), drafts.refetch(), rejected.refetch(), rejections.refetch()]);
  const mine = (inApproval.data?.documents ?? []).filter((d) => hasRole(session, d.approvalChain?.[d.approvalStep] ?? '') && d.authorId !== me.id);
  const others = (inApproval.data?.documents ?? []).filter((d) => !mine.includes(d));
  const run = (fn: () => Promise<unknown>) =>
    act.run(async () => {
      await fn();
      setComment('');
      setOpenId(null);
      await refresh();
    });
  // 撤回签发 done: the document is a draft again; the 发文字号 it took for its stamp, if any, is voided. The mutation does
  // not say which number: a reader of the 发文登记簿 finds it there, others are told where to look.
  const withdrawn = async (doc: { id: string; title: string; authorName: string }) => {
    const year = Number(todayInBeijing().slice(0, 4));
    const register = hasRole(session, 'CLERK', 'ADMIN', 'LEADER') ? await gql('OutgoingRegister', { year, prefix: null }).catch(() => null) : null;
    const voided = register?.docNumberRegister.filter((e) => e.documentId === doc.id && e.status === 'VOIDED').at(-1)?.docNumber;
    const number = voided
      ? t('原发文字号 {n} 已作废，已记入发文登记簿。', { n: voided })
      : register
        ? t('该公文尚未编发文字号。')
        : t('如已为用印编号，该编号已作废并记入发文登记簿。');
    // Only a drafter changes and submits it again: anyone else who withdrew it is told whose it now is.
    const back = hasRole(session, 'DRAFTER')
      ? t('已撤回签发：《{title}》已退回草稿，可在“草稿与退回修改”中修改后重新提交审批。', { title: doc.title })
      : t('已撤回签发：《{title}》已退回草稿，由拟稿人{name}修改后重新提交审批。', { title: doc.title, name: doc.authorName });
    setNotice(`${back}${number}`);
    await refresh();
  };
  // 审批 or 签发 (the last step); with the approver's own key, the approval is signed here too, the key never leaving
  // the browser: the approval handed out for this comment, given back with the signature.
  const issuing = (d: Doc) => d.approvalStep === (d.approvalChain?.length ?? 0) - 1;
  // 签发人 may name several (联合行文), separated by 、，；or spaces (as documents' domain/gbt9704 signerNames reads it).
  const namesMe = (signer: string) => signer.split(/[、，,；;\s]+/).includes(me.displayName);
  // The 签发 is the named 签发人's own (the service refuses anyone else: NOT_NAMED_SIGNER); others may only send it back.
  const issuedByOther = (d: Doc) => issuing(d) && !!d.signer?.trim() && !namesMe(d.signer);
  // The step shown goes with the approval: a second click, or a step someone approved meanwhile, is refused (STEP_MOVED).
  const approve = async (d: Doc, text: string) => {
    const comment = text.trim() || null;
    const seen = { id: d.id, comment, step: d.approvalStep };
    if (!ownKey) return gql('ApproveDocument', seen);
    const { approvalToSign } = await gql('ApprovalToSign', { documentId: d.id, comment });
    return gql('ApproveDocument', { ...seen, ownSignature: await ownSignature(ownKey, approvalToSign) });
  };
  const stepLabel = (d: Doc) =>
    (d.approvalChain ?? []).map((r, i) => `${i < d.approvalStep ? '✓' : i === d.approvalStep ? '→' : '·'} ${t(ROLE[r] ?? r)}`).join('  ');

  const row = (d: Doc, actions: React.ReactNode) => (
    <tr key={d.id} data-document={d.id}>
      <td>
        <UrgencyTag urgency={d.urgency} />
        <button type="button" className="link" onClick={() => setOpenId(openId === d.id ? null : d.id)}>
          {d.title}
        </button>
        <div className="muted">
          {docTypeName(d.docType, lang)} · {d.authorName} · {fmtTime(d.updatedAt)}
        </div>
        {/* At the 签发 the leader sees whom the document names as its 签发人; another leader is told only they 签发 it. */}
        {d.status === 'IN_APPROVAL' && issuing(d) && d.signer && (
          <div className="muted" data-testid="named-signer">
            {t('签发人：{name}', { name: d.signer })}{' '}
            {!namesMe(d.signer) && <span className="badge warn">{t('须由{name}本人签发，您可退回修改', { name: d.signer })}</span>}
          </div>
        )}
      </td>
      <td>{d.status === 'IN_APPROVAL' ? stepLabel(d) : ''}</td>
      <td className="actions">{actions}</td>
    </tr>
  );

  return (
    <>
      <h1>{t('审批')}</h1>
      <ErrorNote error={act.error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {!notice && submitted && (
        <p className="notice" role="status" data-testid="submitted">
          {submitted.status === 'IN_APPROVAL'
            ? t('已提交审批：《{title}》，待{role}审批', {
                title: submitted.title,
                role: t(ROLE[submitted.approvalChain?.[submitted.approvalStep] ?? ''] ?? ''),
              })
            : t('已提交：《{title}》已审批，可发送', { title: submitted.title })}
        </p>
      )}
      <Section title={t('待我审批')}>
        {/* Kept while the list changes: the key chosen stays what the button says it signs with. */}
        {mine.length > 0 && hasRole(session, 'APPROVER', 'LEADER') && (
          <OwnKeyField label="本人证书私钥文件（选填：审批意见由本单位和您本人共同签名）" onKey={setOwnKey} />
        )}
        {mine.length === 0 ? (
          <Empty text={t('没有待您审批的公文')} />
        ) : (
          <table>
            <tbody>
              {mine.map((d) =>
                row(
                  d,
                  <>
                    <input
                      aria-label={t('审批意见')}
                      placeholder={t('审批意见')}
                      value={openId === d.id ? comment : ''}
                      onFocus={() => setOpenId(d.id)}
                      onChange={(e) => setComment(e.target.value)}
                    />
                    <button
                      type="button"
                      className="primary"
                      disabled={act.busy || issuedByOther(d)}
                      onClick={() =>
                        void run(async () => {
                          await approve(d, openId === d.id ? comment : '');
                          // Said as submitting and sealing are: where the document went.
                          setNotice(
                            issuing(d)
                              ? t('已签发：《{title}》，待发送', { title: d.title })
                              : t('已同意：《{title}》，转{role}审批', {
                                  title: d.title,
                                  role: t(ROLE[d.approvalChain?.[d.approvalStep + 1] ?? ''] ?? ''),
                                }),
                          );
                        })
                      }
                    >
                      {t(ownKey ? (issuing(d) ? '本人签名并签发' : '本人签名并批准') : issuing(d) ? '签发' : '同意')}
                    </button>
                    <button
                      type="button"
                      disabled={act.busy || !comment.trim()}
                      title={t('退回修改需填写意见')}
                      onClick={() => void run(() => gql('RejectDocument', { id: d.id, comment }))}
                    >
                      {t('退回修改')}
                    </button>
                  </>,
                ),
              )}
            </tbody>
          </table>
        )}
      </Section>
      <Section title={t('待发送')}>
        {(approved.data?.documents ?? []).length === 0 ? (
          <Empty text={t('没有已审批待发送的公文')} />
        ) : (
          <table>
            <tbody>
              {approved.data!.documents.map((d) =>
                row(
                  d,
                  <>
                    {hasSeal && (
                      <StampStep
                        status={stampOf(d.id)}
                        busy={act.busy}
                        onRequest={() =>
                          void act.run(async () => {
                            await gql('RequestStamp', { documentId: d.id });
                            setNotice(t('已申请用印：请两名印章保管人在“印章”页确认'));
                            await stampRequests.refetch();
                          })
                        }
                      />
                    )}
                    {/* A unit that seals sends once both custodians confirmed the stamp: before, the send would only be
                        refused, so it waits, saying why. A send reaches every unit at once: asked once more. */}
                    <span
                      title={
                        unsealed(d.id)
                          ? t(stampOf(d.id) === 'PENDING' ? '待两名印章保管人确认用印后发送' : '请先申请用印，两名印章保管人确认后发送')
                          : undefined
                      }
                    >
                      <ConfirmButton
                        label={t('发送')}
                        className={unsealed(d.id) ? undefined : 'primary'}
                        question={t('发送《{title}》？', { title: d.title })}
                        confirmLabel={t('确认发送')}
                        disabled={act.busy || unsealed(d.id)}
                        onConfirm={() =>
                          void act.run(async () => {
                            try {
                              await gql('SendDocument', { id: d.id, sendKey: sendKeyOf(d.id), skipRefused: false });
                            } catch (e) {
                              // The 征集 deadline set in 拟稿 passed: the preview below is where a new one is set.
                              if (e instanceof PlatformError && e.code === 'REPORT_DEADLINE_PASSED') setOpenId(d.id);
                              throw e;
                            }
                            router.push(`/sent/${d.id}`);
                          })
                        }
                      >
                        <p>{t('发送后即送达全部收文单位，由其接收、签收；尚未接收的可以撤回。收文单位见“公文预览”的发送范围。')}</p>
                      </ConfirmButton>
                    </span>
                    {/* Said on the page too, not only on hover: a touch or keyboard user reads why 发送 waits. */}
                    {unsealed(d.id) && stampOf(d.id) !== 'PENDING' && (
                      <span className="muted" data-testid="send-after-seal">
                        {t('用印后方可发送')}
                      </span>
                    )}
                    <WithdrawApprovalButton
                      id={d.id}
                      title={d.title}
                      disabled={act.busy}
                      onWithdrawn={(doc) => withdrawn({ ...doc, authorName: d.authorName })}
                    />
                  </>,
                ),
              )}
            </tbody>
          </table>
        )}
      </Section>
      <Section title={t('审批中')}>
        {others.length === 0 ? (
          <Empty text={t('没有其他审批中的公文')} />
        ) : (
          <table>
            <tbody>{others.map((d) => row(d, null))}</tbody>
          </table>
        )}
      </Section>
      {/* Drafts are their drafters' to change and submit: an approver sees a draft once it is submitted. */}
      {hasRole(session, 'DRAFTER') && (
        <Section title={t('草稿与退回修改')}>
          {editable.length === 0 ? (
            <Empty text={t('没有草稿')} />
          ) : (
            <table>
              <tbody>
                {editable.map((d) => {
                  const back = d.status === 'REJECTED' ? rejectionOf(d.id) : null;
                  return row(
                    d,
                    <>
                      {d.status === 'REJECTED' && <span className="badge bad">{t('已退回修改')}</span>}
                      {back && (
                        <span className="muted" data-testid="rejection">
                          {t('{who} {at}：{comment}', { who: back.userName, at: fmtTime(back.at), comment: back.comment ?? '' })}
                        </span>
                      )}
                      <Link href={`/compose?id=${d.id}`}>{t('修改')}</Link>
                      <button type="button" disabled={act.busy} onClick={() => void run(() => gql('SubmitForApproval', { id: d.id }))}>
                        {t('提交审批')}
                      </button>
                    </>,
                  );
                })}
              </tbody>
            </table>
          )}
        </Section>
      )}
      {openId && <DocumentPreview id={openId} />}
    </>
  );
}

/**
 * 征集 set in 拟稿, as the approvers and the sender see it before the send; on an approved document its deadline may be
 * moved (it may have passed while the document was approved: the send then waits for a new one).
 */
function PlannedCollection({
  doc,
  onChanged,
}: {
  doc: { id: string; status: string; reportDeadline?: string | null; reportNote?: string | null };
  onChanged: () => void;
}) {
  const t = useT();
  const { session } = useSession();
  const act = useAction();
  const [deadline, setDeadline] = useState('');
  if (!doc.reportDeadline) return null;
  const passed = new Date(doc.reportDeadline).getTime() <= Date.now();
  const mayMove = doc.status === 'APPROVED' && hasRole(session, 'CLERK', 'DRAFTER', 'LEADER');
  const move = () =>
    act.run(async () => {
      await gql('RequestReports', { documentId: doc.id, deadline: reportDeadlineFrom(deadline), note: doc.reportNote ?? null });
      setDeadline('');
      onChanged();
    });
  return (
    <div className="notice" data-testid="planned-collection">
      <p>
        {t('征集：发送后要求收文单位于 {d} 前报送', { d: fmtTime(doc.reportDeadline) })}
        {doc.reportNote ? `：${doc.reportNote}` : ''}
        {passed && <strong> {t('（截止时间已过，须更改后才能发送）')}</strong>}
      </p>
      {mayMove && (
        <div className="actions">
          <label>
            {t('新的报送截止时间')} <input type="datetime-local" name="reportDeadline" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
          </label>
          <button type="button" disabled={act.busy || !deadline} onClick={() => void move()} data-testid="move-report-deadline">
            {t('更改报送截止时间')}
          </button>
        </div>
      )}
      <ErrorNote error={act.error} />
    </div>
  );
}

/** 用印 in a row of 待发送, by the status of the document's latest stamp request: 已用印 once both custodians confirmed
 * it, waiting while they have not, else (none, or one cancelled or past its time) the request's button. */
function StampStep({ status, busy, onRequest }: { status: string | null; busy: boolean; onRequest: () => void }) {
  const t = useT();
  if (status === 'COMPLETED') return <span className="badge good">{t('已用印')}</span>;
  if (status === 'PENDING') return <span className="badge pending">{t('待印章保管人确认')}</span>;
  return (
    <button type="button" className="primary" disabled={busy} title={t('本单位使用电子印章时，须两名印章保管人确认后方可发送')} onClick={onRequest}>
      {t('申请用印')}
    </button>
  );
}

function DocumentPreview({ id }: { id: string }) {
  const t = useT();
  const { data, error, refetch } = useQuery('DocumentDetail', { id });
  if (error) return <ErrorNote error={error} />;
  if (!data) return null;
  return (
    <Section title={t('公文预览')} actions={<FormSheetButton sheet="draft" id={id} />}>
      <DocumentSheet doc={data.document} />
      <PlannedCollection doc={data.document} onChanged={() => void refetch()} />
      {data.document.plannedRecipients && (
        <>
          <h3>{t('发送范围')}</h3>
          {data.document.plannedRecipients.count ? (
            <PlannedRecipientsView t={t} planned={data.document.plannedRecipients} />
          ) : (
            <p className="muted">{t('尚未选择收文单位')}</p>
          )}
        </>
      )}
      <table>
        <tbody>
          {data.document.approvals.map((a) => (
            <tr key={`${a.step}-${a.at}`}>
              <td>{fmtTime(a.at)}</td>
              <td>
                {a.userName} · {t(approvalActionWords(a, data.document.approvalChain))}
                {a.comment ? ` · ${a.comment}` : ''}
              </td>
              <td>
                {/* A signed approval (签发 at the last step), verified by the service against the document as it is now. */}
                {a.signature && (
                  <span
                    className={`badge ${a.signature.valid ? 'good' : 'bad'}`}
                    title={a.signature.signedAt ? `${t('可信时间')} ${fmtTime(a.signature.signedAt)}` : undefined}
                  >
                    {a.signature.valid ? `✓ ${t(a.signature.issued ? '签发已签名' : '审批已签名')}` : `⚠ ${t('签名验证失败')}`}
                  </span>
                )}
                {/* Signed by the approver with their own certificate too: 本人签名, which the checks above include. */}
                {a.signature?.signedByPerson && a.signature.valid && (
                  <span className="badge good" data-testid="signed-by-person">
                    {t('本人签名')}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
