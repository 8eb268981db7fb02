'use client';
// 印章: the seal step of sending (用印) for the two custodians (or declining a request, with the reason), taking
// custody of a new seal, the unit's seals with their register and status changes (SealActions), and applications for
// seals — the unit applies, its head consents, the issuing authority above approves and makes the seal with two of the
// unit's seal keepers as custodians.
import { type ReactNode, useState } from 'react';
import { AskButton, ConfirmButton } from '../../components/Confirm';
import { DocumentSheet } from '../../components/DocumentSheet';
import {
  ImpressionInput,
  impressionTooLarge,
  SEAL_STATUS,
  SealActions,
  sealImageStyle,
  sealReasonWords,
  type Witnesses,
  WitnessFields,
  witnessesOf,
} from '../../components/SealActions';
import { SealTerminals, useLocalTerminal } from '../../components/SealTerminals';
import { Shell } from '../../components/Shell';
import { approvalActionWords, Empty, ErrorNote, Section } from '../../components/ui';
import type { UnitSealsQuery } from '../../generated/operations';
import { gql } from '../../lib/client';
import { fileToBase64, svgDataUri } from '../../lib/files';
import { fmtDate, fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { type T, useT } from '../../lib/i18n';
import { sealEventWords } from '../../lib/seal-register';
import { hasRole, useSession } from '../../lib/session';
import { terminalProof } from '../../lib/terminal';

/** The document a stamp is asked for, as it will be sent, with who approved it. */
function StampPreview({ id }: { id: string }) {
  const t = useT();
  const { data, error } = useQuery('DocumentDetail', { id });
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="muted">{t('加载中…')}</p>;
  return (
    <div data-testid="stamp-preview">
      <h3>{t('公文预览')}</h3>
      <DocumentSheet doc={data.document} />
      <ul>
        {data.document.approvals.map((a) => (
          <li key={`${a.step}-${a.at}`}>
            {fmtTime(a.at)} {a.userName} · {t(approvalActionWords(a, data.document.approvalChain))}
            {a.comment ? `${t('：')}${a.comment}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

const APP_STATUS: Record<string, string> = { SUBMITTED: '待负责人同意', CONSENTED: '待审批', APPROVED: '已批准待制作', REJECTED: '已驳回', MADE: '已制作' };

export default function SealsPage() {
  return (
    <Shell>
      <Seals />
    </Shell>
  );
}

function Seals() {
  const t = useT();
  const { session } = useSession();
  const me = session!.user;
  const requests = useQuery('StampRequests', { status: 'PENDING' });
  const seals = useQuery('UnitSeals', { orgId: me.org.id });
  const act = useAction();
  const [pins, setPins] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  // Taken here already: the step leaves the page (the seal waits for the other custodian), its PIN cleared.
  const [custodyTaken, setCustodyTaken] = useState<string[]>([]);
  const myCustody = (seals.data?.seals ?? []).filter(
    (s) => s.status === 'PENDING_CUSTODY' && (s.custodianA === me.id || s.custodianB === me.id) && !custodyTaken.includes(s.id),
  );
  const custodianOf = (sealId: string) => (seals.data?.seals ?? []).some((s) => s.id === sealId && (s.custodianA === me.id || s.custodianB === me.id));
  // A seal kept to the unit's terminals takes a PIN here only if this computer is one (用印专用终端).
  const localTerminal = useLocalTerminal(me.org.id);
  const keptToTerminals = (sealId: string) => (seals.data?.seals ?? []).some((s) => s.id === sealId && s.terminalOnly);
  const unitSeal = (seals.data?.seals ?? []).find((s) => ['PENDING_CUSTODY', 'ACTIVE', 'SUSPENDED'].includes(s.status)) ?? null;
  // Named on the screen, not only by its placeholder (which is gone once a digit is typed).
  const pinInput = (key: string) => (
    <label className="pin">
      {t('保管口令')}
      {t('：')}
      <input
        type="password"
        inputMode="numeric"
        autoComplete="off"
        aria-label={t('保管口令')}
        placeholder={t('6–12位数字')}
        value={pins[key] ?? ''}
        onChange={(e) => setPins({ ...pins, [key]: e.target.value })}
        style={{ width: '10rem' }}
      />
    </label>
  );
  return (
    <>
      <h1>{t('印章')}</h1>
      <ErrorNote error={act.error} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      {hasRole(session, 'SEAL_KEEPER') && (
        <Section title={t('待用印')}>
          {(requests.data?.stampRequests ?? []).length === 0 ? (
            <Empty text={t('没有待用印的公文')} />
          ) : (
            <table>
              <tbody>
                {requests.data!.stampRequests.map((r) => (
                  <tr key={r.id} data-stamp-request={r.documentTitle}>
                    <td>
                      {/* What is stamped is read before the PIN is given: the document as it will be sent. */}
                      <button type="button" className="link" onClick={() => setPreview(preview === r.documentId ? null : r.documentId)}>
                        {r.documentTitle}
                      </button>
                      <div className="muted">
                        {t('申请人')} {r.requestedByName} · {fmtTime(r.createdAt)}
                      </div>
                    </td>
                    <td>{r.firstCustodianName ? t('{n} 已确认，待另一名保管人', { n: r.firstCustodianName }) : t('待两名保管人确认')}</td>
                    <td className="actions">
                      {custodianOf(r.sealId) && r.firstCustodian !== me.id && keptToTerminals(r.sealId) && localTerminal === null ? (
                        <span className="refused" data-testid="not-a-terminal">
                          {t('本单位印章仅限在登记的用印专用终端上使用，本机不是')}
                        </span>
                      ) : custodianOf(r.sealId) && r.firstCustodian !== me.id ? (
                        <>
                          {pinInput(r.id)}
                          <button
                            type="button"
                            className="primary"
                            disabled={act.busy || !pins[r.id]}
                            onClick={() =>
                              void act.run(async () => {
                                const terminal = keptToTerminals(r.sealId) ? await terminalProof(me.org.id, r.id, me.id) : null;
                                const res = await gql('PresentSealPin', { requestId: r.id, pin: pins[r.id], terminal });
                                setPins({ ...pins, [r.id]: '' });
                                setDone(res.presentSealPin.status === 'COMPLETED' ? t('已用印：{d}', { d: r.documentTitle }) : t('已确认，待另一名保管人确认'));
                                await requests.refetch();
                              })
                            }
                          >
                            {t('确认用印')}
                          </button>
                        </>
                      ) : (
                        <span className="muted">{t('您已确认')}</span>
                      )}
                      {/* The reason first: 退回申请 waits for it. */}
                      <input
                        aria-label={t('退回理由')}
                        placeholder={t('退回理由')}
                        value={pins[`cancel-${r.id}`] ?? ''}
                        onChange={(e) => setPins({ ...pins, [`cancel-${r.id}`]: e.target.value })}
                        style={{ width: '10rem' }}
                      />
                      <ConfirmButton
                        label={t('退回申请')}
                        question={t('不为《{d}》用印，退回申请人？', { d: r.documentTitle })}
                        disabled={act.busy || !(pins[`cancel-${r.id}`] ?? '').trim()}
                        onConfirm={() =>
                          void act.run(async () => {
                            await gql('CancelStampRequest', { id: r.id, reason: pins[`cancel-${r.id}`]!.trim() });
                            setDone(t('已退回用印申请：{d}', { d: r.documentTitle }));
                            await requests.refetch();
                          })
                        }
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview && <StampPreview id={preview} />}
        </Section>
      )}
      {myCustody.length > 0 && (
        <Section title={t('接管印章')}>
          {myCustody.map((s) => (
            <p key={s.id} className="actions">
              {s.orgName} · {t('请设置您的保管口令（6–12 位数字，不能是同一数字重复或连续数字），另一名保管人另行设置')}
              {pinInput(`custody-${s.id}`)}
              <button
                type="button"
                className="primary"
                disabled={act.busy || !pins[`custody-${s.id}`]}
                onClick={() =>
                  void act.run(async () => {
                    const r = await gql('AcceptSealCustody', { sealId: s.id, pin: pins[`custody-${s.id}`] });
                    setPins({ ...pins, [`custody-${s.id}`]: '' });
                    setCustodyTaken([...custodyTaken, s.id]);
                    setDone(t(r.acceptSealCustody.status === 'ACTIVE' ? '已接管：两名保管人均已接管，印章已启用' : '已接管：待另一名保管人接管后印章启用'));
                    await seals.refetch();
                  })
                }
              >
                {t('接管')}
              </button>
            </p>
          ))}
        </Section>
      )}
      <Section title={t('本单位印章')}>
        {(seals.data?.seals ?? []).length === 0 ? (
          <Empty text={t('本单位尚无电子印章')} />
        ) : (
          (seals.data?.seals ?? []).map((s) => <SealCard key={s.id} t={t} seal={s} onChange={() => seals.refetch()} />)
        )}
      </Section>
      {(hasRole(session, 'ADMIN') || hasRole(session, 'SEAL_KEEPER')) && <SealTerminals seal={unitSeal} onChange={() => seals.refetch()} />}
      {/* One seal per unit: a new one is applied for only while the unit holds none (SEAL_IN_USE). */}
      <Applications t={t} holdsSeal={(seals.data?.seals ?? []).some((s) => ['PENDING_CUSTODY', 'ACTIVE', 'SUSPENDED'].includes(s.status))} />
    </>
  );
}

function SealCard({ t, seal, onChange }: { t: T; seal: UnitSealsQuery['seals'][number]; onChange: () => Promise<unknown> }) {
  const { session } = useSession();
  const me = session!.user;
  const admin = hasRole(session, 'ADMIN');
  const [open, setOpen] = useState(false);
  const log = useQuery('SealLog', open ? { sealId: seal.id } : null);
  // Who holds the seal, and who made it, come only to its own unit and the issuing authority: null for anyone else.
  const custodians = [seal.custodianAName, seal.custodianBName].filter((n): n is string => !!n);
  return (
    <div className="card" data-seal={seal.status}>
      <div className="actions">
        {/* biome-ignore lint/performance/noImgElement: a data-URI SVG; nothing for next/image to optimise */}
        <img src={svgDataUri(seal.imageSvg)} alt={t('电子印章')} width={96} height={96} style={sealImageStyle(seal.status)} />
        <div>
          <strong>{seal.orgName}</strong> · {seal.suite} · {t(SEAL_STATUS[seal.status] ?? seal.status)}
          {sealReasonWords(t, seal.statusReason) && <span className="muted">{t('（{r}）', { r: sealReasonWords(t, seal.statusReason) as string })}</span>}
          <div className="muted">
            {t('有效期')} {fmtDate(seal.validFrom)} — {fmtDate(seal.validTo)}
            {custodians.length > 0 && (
              <>
                {' '}
                · {t('保管人')} {custodians.join(t('、'))}
              </>
            )}
            {seal.madeByName && (
              <>
                {' '}
                · {t('制作')} {seal.madeByName}
              </>
            )}
            {/* seed 001 §28: the seal's file keeps the paper impression its unit sent (its own unit and those above see it). */}
            <Impression t={t} image={seal.impression} shown />
          </div>
          <button type="button" className="link" onClick={() => setOpen(!open)}>
            {t(open ? '收起印章档案' : '印章档案（每次使用均有记录）')}
          </button>
        </div>
      </div>
      <SealActions
        seal={seal}
        canManage={admin}
        issuing={admin && !me.org.path.includes('.')}
        own={admin}
        custodian={seal.custodianA === me.id || seal.custodianB === me.id}
        onChange={async () => {
          await onChange();
          if (open) await log.refetch();
        }}
      />
      {(seal.custodianA === me.id || seal.custodianB === me.id) && ['ACTIVE', 'SUSPENDED'].includes(seal.status) && (
        <PinChange
          sealId={seal.id}
          onDone={async () => {
            if (open) await log.refetch();
          }}
        />
      )}
      {(seal.custodianA === me.id || seal.custodianB === me.id) && seal.status === 'ACTIVE' && (
        <CustodyHandover
          seal={seal}
          onDone={async () => {
            await onChange();
            if (open) await log.refetch();
          }}
        />
      )}
      {open && (
        <table>
          <tbody>
            {(log.data?.sealLog ?? []).map((e) => {
              const words = sealEventWords(t, e.action, e.detail);
              return (
                <tr key={`${e.at}-${e.action}`} data-event={e.action}>
                  <td className="nowrap">{fmtTime(e.at)}</td>
                  <td className="nowrap">{words.what}</td>
                  <td className="nowrap">{e.actorName}</td>
                  <td className="muted">{words.note}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** 印模: the scan of the paper impression sent with the application (fetched when shown: at once on a seal's card, on
 * asking in a list of applications), or that none was. */
function Impression({ t, image, shown = false }: { t: T; image: { applicationId: string } | null | undefined; shown?: boolean }) {
  const [asked, setAsked] = useState(shown);
  const scan = useQuery('SealImpression', image && asked ? { applicationId: image.applicationId } : null);
  if (image === undefined) return null;
  if (!image) return <span className="muted">{t('未附纸质印模')}</span>;
  const m = scan.data?.sealImpression;
  if (!asked)
    return (
      <button type="button" className="link" onClick={() => setAsked(true)}>
        {t('查看纸质印模')}
      </button>
    );
  return (
    <figure style={{ margin: 0 }} data-testid="impression">
      {m && (
        // biome-ignore lint/performance/noImgElement: the scan's bytes are data, not a static asset Next.js could optimise
        <img src={`data:${m.contentType};base64,${m.base64}`} alt={t('纸质印模')} style={{ maxWidth: '6rem', maxHeight: '6rem' }} />
      )}
      <figcaption className="muted">{t('纸质印模')}</figcaption>
    </figure>
  );
}

/** The application flow: the unit's administrator applies, its head consents, the issuing authority approves and makes. */
function Applications({ t, holdsSeal }: { t: T; holdsSeal: boolean }) {
  const { session } = useSession();
  const me = session!.user;
  const apps = useQuery('SealApplications', {});
  const act = useAction();
  const [statement, setStatement] = useState('');
  const [impression, setImpression] = useState<File | null>(null);
  // A new file input after each application: the chosen file's name must not stay on screen once it is sent.
  const [applied, setApplied] = useState(0);
  const [keepers, setKeepers] = useState<Record<string, { id: string; username: string; displayName: string }[]>>({});
  const [picked, setPicked] = useState<Record<string, string[]>>({});
  const [witnesses, setWitnesses] = useState<Witnesses>({});
  const isAdmin = hasRole(session, 'ADMIN');
  const run = (fn: () => Promise<unknown>) =>
    act.run(async () => {
      await fn();
      await apps.refetch();
    });
  const loadKeepers = async (orgId: string) => {
    const r = await gql('Users', { orgId });
    setKeepers({ ...keepers, [orgId]: r.users.filter((u) => u.roles.includes('SEAL_KEEPER')) });
  };
  return (
    <Section title={t('印章申请')}>
      <ErrorNote error={act.error} />
      {apps.data && apps.data.sealApplications.length === 0 && <Empty text={t('没有印章申请')} />}
      <table>
        <tbody>
          {(apps.data?.sealApplications ?? []).map((a) => {
            const own = a.orgId === me.org.id;
            return (
              <tr key={a.id}>
                <td>
                  {a.orgName} · {a.suite}
                  <div className="muted">{a.statement}</div>
                  <Impression t={t} image={a.impression} />
                </td>
                <td>
                  {t(APP_STATUS[a.status] ?? a.status)}
                  {/* Who applied, who consented (seed 003 §19: the head's 同意并签字), who approved, and when it began. */}
                  <div className="muted">
                    {[
                      t('申请：{n}', { n: a.applicantName }),
                      a.consentByName && t('负责人同意：{n}', { n: a.consentByName }),
                      a.approvedByName && t('批准：{n}', { n: a.approvedByName }),
                      fmtTime(a.createdAt),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </div>
                  {a.decisionNote && <div className="muted">{a.decisionNote}</div>}
                </td>
                <td className="actions">
                  {a.status === 'SUBMITTED' && own && hasRole(session, 'LEADER') && (
                    <button type="button" onClick={() => void run(() => gql('ConsentToSealApplication', { id: a.id }))}>
                      {t('负责人同意')}
                    </button>
                  )}
                  {a.status === 'CONSENTED' && isAdmin && !own && (
                    <>
                      <button type="button" onClick={() => void run(() => gql('DecideSealApplication', { id: a.id, approve: true }))}>
                        {t('批准')}
                      </button>
                      <AskButton
                        className=""
                        label={t('驳回')}
                        question={t('驳回该印章申请')}
                        field={t('驳回理由')}
                        onAnswer={(note) => void run(() => gql('DecideSealApplication', { id: a.id, approve: false, note }))}
                      />
                    </>
                  )}
                  {a.status === 'APPROVED' &&
                    isAdmin &&
                    !own &&
                    (!keepers[a.orgId] ? (
                      <button type="button" onClick={() => void loadKeepers(a.orgId)}>
                        {t('选择保管人并制作')}
                      </button>
                    ) : (
                      <>
                        {keepers[a.orgId]!.length < 2 && (
                          <span className="error" data-testid="no-keepers">
                            {t('{u}的印章保管人不足两名（现有 {n} 名）：请其系统管理员在“系统管理 → 账号”中为两人设置“印章保管人”角色后再制作', {
                              u: a.orgName,
                              n: keepers[a.orgId]!.length,
                            })}
                          </span>
                        )}
                        {keepers[a.orgId]!.map((k) => (
                          <label key={k.id} className="chip">
                            <input
                              type="checkbox"
                              checked={(picked[a.id] ?? []).includes(k.id)}
                              onChange={(e) =>
                                setPicked({
                                  ...picked,
                                  [a.id]: e.target.checked ? [...(picked[a.id] ?? []), k.id] : (picked[a.id] ?? []).filter((x) => x !== k.id),
                                })
                              }
                            />{' '}
                            {k.displayName}
                          </label>
                        ))}
                        {/* Made before the three parties, as it is destroyed (seed 004 五(三)): they are in its register. */}
                        <div data-testid="making-witnesses">
                          <p className="muted">{t('制作印章时三方人员须同时在场：')}</p>
                          <WitnessFields t={t} value={witnesses} onChange={setWitnesses} />
                        </div>
                        <button
                          type="button"
                          className="primary"
                          disabled={(picked[a.id] ?? []).length !== 2 || !witnessesOf(witnesses).complete}
                          onClick={() =>
                            void run(() => gql('MakeSeal', { applicationId: a.id, custodianIds: picked[a.id], witnesses: witnessesOf(witnesses).list }))
                          }
                        >
                          {t('制作印章')}
                        </button>
                      </>
                    ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {isAdmin && holdsSeal && <p className="muted">{t('本单位已有电子印章。印章遗失、损坏或单位名称变更时，请在该印章下“申请补办或变更此印章”。')}</p>}
      {isAdmin && !holdsSeal && (
        <div className="actions">
          <input
            aria-label={t('申请事由')}
            placeholder={t('申请事由（书面申请）')}
            value={statement}
            onChange={(e) => setStatement(e.target.value)}
            style={{ width: '28rem' }}
          />
          <ImpressionInput key={applied} t={t} file={impression} onChange={setImpression} />
          <button
            type="button"
            disabled={!statement.trim() || act.busy || impressionTooLarge(impression)}
            onClick={() =>
              void run(async () => {
                await gql('ApplyForSeal', {
                  input: { statement, suite: 'SM2', belowText: '电子公文专用章', impression: impression ? await fileToBase64(impression) : null },
                });
                setStatement('');
                setImpression(null);
                setApplied(applied + 1);
              })
            }
          >
            {t('申请电子印章')}
          </button>
        </div>
      )}
    </Section>
  );
}

/**
 * A custodian's form on the seal's card (修改保管口令, 保管交接): a link until opened, then its fields, its confirmation
 * and 取消, all in the page (never the browser's prompt); closed again once done, saying so when `doneNote` is given.
 */
function CustodianForm({
  title,
  testId,
  open,
  setOpen,
  doneNote,
  confirmLabel,
  ready,
  submit,
  children,
}: {
  title: string;
  testId: string;
  open: boolean;
  setOpen: (open: boolean) => void;
  doneNote?: string;
  confirmLabel: string;
  /** The fields are filled in as the action needs. */
  ready: boolean;
  submit: () => Promise<void>;
  children: ReactNode;
}) {
  const t = useT();
  const act = useAction();
  const [done, setDone] = useState(false);
  if (!open)
    return (
      <p>
        <button
          type="button"
          className="link"
          onClick={() => {
            setOpen(true);
            setDone(false);
          }}
        >
          {t(title)}
        </button>
        {done && doneNote && (
          <span role="status" className="muted">
            {' '}
            {t(doneNote)}
          </span>
        )}
      </p>
    );
  return (
    <fieldset data-testid={testId}>
      <legend>{t(title)}</legend>
      <ErrorNote error={act.error} />
      {children}
      <p className="actions">
        <button
          type="button"
          className="primary"
          disabled={act.busy || !ready}
          onClick={() =>
            void act.run(async () => {
              await submit();
              setOpen(false);
              setDone(true);
            })
          }
        >
          {t(confirmLabel)}
        </button>
        <button type="button" className="link" onClick={() => setOpen(false)}>
          {t('取消')}
        </button>
      </p>
    </fieldset>
  );
}

/** A custody PIN's field: digits, never remembered by the browser. */
const PIN_FIELD = { type: 'password', inputMode: 'numeric', autoComplete: 'off', style: { width: '9em' } } as const;

/** A custodian's own PIN changed: the present one and the new one twice. */
function PinChange({ sealId, onDone }: { sealId: string; onDone: () => Promise<unknown> }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [pins, setPins] = useState({ current: '', next: '', again: '' });
  const field = (key: keyof typeof pins, label: string) => (
    <label>
      {t(label)} <input {...PIN_FIELD} value={pins[key]} onChange={(e) => setPins({ ...pins, [key]: e.target.value })} />
    </label>
  );
  return (
    <CustodianForm
      title="修改保管口令"
      testId="pin-change"
      open={open}
      setOpen={setOpen}
      doneNote="保管口令已修改"
      confirmLabel="确认修改"
      ready={!!pins.current && !!pins.next && pins.next === pins.again}
      submit={async () => {
        await gql('ChangeCustodyPin', { sealId, currentPin: pins.current, newPin: pins.next });
        setPins({ current: '', next: '', again: '' });
        await onDone();
      }}
    >
      <p className="actions">
        {field('current', '当前口令')}
        {field('next', '新口令（6至12位数字）')}
        {field('again', '再次输入新口令')}
      </p>
      {pins.again && pins.next !== pins.again && <p className="refused">{t('两次输入的新口令不一致')}</p>}
    </CustodianForm>
  );
}

/**
 * 保管交接 (seed 001 §32): a custodian who leaves hands their share to another seal keeper of the unit, with their PIN
 * and the reason. The seal then waits for that keeper to take custody with a PIN of their own.
 */
function CustodyHandover({ seal, onDone }: { seal: UnitSealsQuery['seals'][number]; onDone: () => Promise<unknown> }) {
  const t = useT();
  const { session } = useSession();
  const me = session!.user;
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const users = useQuery('Users', open ? { orgId: me.org.id } : null);
  // Another active seal keeper of the unit: not me, not the other custodian (two people keep the seal).
  const keepers = (users.data?.users ?? []).filter(
    (u) => u.status === 'ACTIVE' && u.roles.includes('SEAL_KEEPER') && u.id !== seal.custodianA && u.id !== seal.custodianB,
  );
  return (
    <CustodianForm
      title="保管交接"
      testId="custody-handover"
      open={open}
      setOpen={setOpen}
      confirmLabel="确认交接"
      ready={!!to && !!pin && !!reason.trim()}
      submit={async () => {
        await gql('HandOverSealCustody', { sealId: seal.id, currentPin: pin, toUserId: to, reason: reason.trim() });
        setPin('');
        await onDone();
      }}
    >
      <p className="muted">{t('交接后印章暂停用印，待接管人以本人口令接管后恢复；另一保管人不变。')}</p>
      <p className="actions">
        <label>
          {t('交给')}{' '}
          <select aria-label={t('交给')} value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">{t('请选择印章保管员')}</option>
            {keepers.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('当前口令')} <input {...PIN_FIELD} value={pin} onChange={(e) => setPin(e.target.value)} />
        </label>
        <input aria-label={t('交接原因')} placeholder={t('交接原因')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </p>
      {users.data && !keepers.length && <p className="muted">{t('本单位没有其他可接管的印章保管员')}</p>}
    </CustodianForm>
  );
}
