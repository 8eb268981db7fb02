'use client';
// 拟稿: the GB/T 9704 elements as a form, attachments by upload, recipients from the org tree, by selector or from a
// saved list, print quotas and urgency. Routing refusals are shown per recipient, with the rule, before anything is
// sent; the draft then goes up the unit's approval chain.
import { useRouter, useSearchParams } from 'next/navigation';
import { type ComponentProps, type FormEvent, type ReactNode, Suspense, useEffect, useState } from 'react';
import { type CoIssuerChoice, CoIssuerPicker } from '../../components/CoIssuerPicker';
import { DocumentSheet } from '../../components/DocumentSheet';
import { FromAssessment, FromBulletin } from '../../components/FromBulletin';
import { PlannedRecipientsView } from '../../components/PlannedRecipients';
import { type PickedRecipients, RecipientPicker } from '../../components/RecipientPicker';
import { LinksSection } from '../../components/Replies';
import { RoutingResult } from '../../components/RoutingResult';
import { Shell } from '../../components/Shell';
import { DISCLOSURE, DOC_TYPES, docTypeName, ErrorNote, Section } from '../../components/ui';
import type { Disclosure, DocumentDetailQuery, EvaluateRoutingQuery, RecipientRole, Urgency } from '../../generated/operations';
import { parseBody, typedBody } from '../../lib/body';
import { gql, importWord, PlatformError, uploadBlob } from '../../lib/client';
import { errorWords } from '../../lib/errors';
import { fmtSize, fmtTime, fromBeijingInput, toBeijingInput, todayInBeijing } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { useLang, useT } from '../../lib/i18n';
import { hasRole, useSession } from '../../lib/session';
import { DOCUMENT_GRADES, TELEGRAM_GRADES, URGENCY } from '../../lib/urgency';

/** One group of recipients as the send operation takes it, with what the form shows of it. */
interface Group extends PickedRecipients {
  key: number;
  role: RecipientRole;
  printQuota: number;
}

/** A stored body as the drafter edits it: paragraphs and headings only (what a drafter types, or the platform's
 * prefilled 答复 of before) as plain lines; lists and tables stay as the small HTML that holds them (`markup`). */
function editableBody(body: string): { text: string; markup: boolean } {
  const blocks = parseBody(body);
  return blocks.every((b) => b.kind === 'paragraph' || b.kind === 'heading')
    ? { text: blocks.map((b) => ('text' in b ? b.text : '')).join('\n'), markup: false }
    : { text: body, markup: true };
}

/** The grade kept when the 明传电报 box changes: 特提 becomes 特急 and 平急 none off a telegram; none becomes 平急 on one. */
function gradeFor(urgency: Urgency, telegram: boolean): Urgency {
  if (telegram) return urgency === 'NORMAL' ? 'PLAIN_URGENT' : urgency;
  return urgency === 'FLASH' ? 'EXTRA_URGENT' : urgency === 'PLAIN_URGENT' ? 'NORMAL' : urgency;
}

export default function ComposePage() {
  return (
    <Shell>
      {/* The draft to open comes from the query string (useSearchParams), which a static page reads under Suspense. */}
      <Suspense>
        <DraftersOnly>
          <Compose />
        </DraftersOnly>
      </Suspense>
    </Shell>
  );
}

/** Only a drafter drafts: anyone else reaching 拟稿 by its address is told so before typing anything. */
function DraftersOnly({ children }: { children: ReactNode }) {
  const t = useT();
  const { session } = useSession();
  if (session && !hasRole(session, 'DRAFTER'))
    return (
      <>
        <h1>{t('拟稿')}</h1>
        <p className="notice" data-testid="not-a-drafter">
          {t('拟稿由本单位的拟稿人起草；您的账号没有拟稿人角色。如需拟稿，请联系本单位管理员。')}
        </p>
      </>
    );
  return children;
}

let nextKey = 1;

/** The form as typed and not yet saved, kept in the tab (the draft's own or a new one's). */
interface UnsavedCopy {
  at: string;
  f: Record<string, unknown>;
  bodyMarkup: boolean;
  attachments: { name: string; sha256: string; size: number }[];
}

function Compose() {
  const t = useT();
  const { lang } = useLang();
  const router = useRouter();
  const { session } = useSession();
  const orgId = session!.user.org.id;
  const { data: ctx } = useQuery('ComposeContext', { orgId });
  const [f, setF] = useState({
    docType: '通知',
    title: '',
    body: '',
    docPrefix: '',
    signer: '',
    mainTo: '',
    ccTo: '',
    urgency: 'NORMAL' as Urgency,
    isTelegram: false,
    deadline: '',
    docDate: todayInBeijing(),
    notes: '',
    printingOrg: '',
    printingDate: todayInBeijing(),
    attachmentsOnPaper: false,
    paperNote: '',
    // 征集: the recipients report by this time (Beijing, as the field shows it); empty asks nothing.
    reportDeadline: '',
    reportNote: '',
    // 公开属性, decided as it is drafted; 不予公开 with its reason.
    disclosure: '' as Disclosure | '',
    disclosureReason: '',
  });
  // A 简报 is numbered under one of the unit's 简报刊名 (期号) or a 机关代字, a 命令 by its 令号 (a people's government's
  // own count, 第N号), any other document under a 机关代字; the first by default.
  const issuesOrders = ctx?.org.kind === 'GOVERNMENT' || ctx?.org.kind === 'CENTRAL_AGENCY';
  const prefixes =
    f.docType === '命令'
      ? issuesOrders
        ? ['令']
        : []
      : f.docType === '简报'
        ? [...(ctx?.org.briefingTitles ?? []), ...(ctx?.org.docPrefixes ?? [])]
        : (ctx?.org.docPrefixes ?? []);
  const prefixOf = () => (prefixes.includes(f.docPrefix) ? f.docPrefix : prefixes[0] || null);
  const set = (k: keyof typeof f) => (e: { target: { value: string; checked?: boolean; type?: string } }) => {
    setF({ ...f, [k]: e.target.type === 'checkbox' ? !!e.target.checked : e.target.value });
    setDirty(true);
  };
  // What was typed and not yet saved is kept in this tab (sessionStorage) as it is typed: a session that ends under
  // the drafter (account disabled, signed out elsewhere) leads to the login page, and back here it is offered again.
  const [dirty, setDirty] = useState(false);
  const [attachments, setAttachments] = useState<{ name: string; sha256: string; size: number }[]>([]);
  // 联合行文: the co-issuing units, in order after this unit (their 会签 follows this unit's approval).
  const [coIssuers, setCoIssuers] = useState<CoIssuerChoice[]>([]);
  // Who may be 签发人: the unit's active leaders.
  const leaders = (ctx?.users ?? []).filter((u) => u.status === 'ACTIVE' && u.roles.includes('LEADER'));
  const [wordNotes, setWordNotes] = useState<string[] | null>(null);
  const [wordFilled, setWordFilled] = useState<string[]>([]);
  // The body box holds the stored HTML itself when the body has lists or tables; else the lines typed.
  const [bodyMarkup, setBodyMarkup] = useState(false);
  const storedBody = bodyMarkup ? f.body : typedBody(f.body);
  // 不予公开's reason is kept with it alone.
  const disclosureReason = (f.disclosure === 'NOT_PUBLIC' && f.disclosureReason.trim()) || null;
  // /compose?id=…: a draft or a document sent back, opened for changes (its earlier version is kept).
  const [editId, setEditId] = useState<string | null>(null);
  // A draft that cannot be opened (another unit's, or gone) is said so in place of the form: saving would make a new one.
  const [openError, setOpenError] = useState<PlatformError | null>(null);
  // A reply (答复) opened for changes: its recipients are checked by the rules' reply exception to the original's sender.
  const [replyToOrgId, setReplyToOrgId] = useState<string | null>(null);
  // The recipients a reopened draft keeps unless new ones are chosen, as the routing rules decide them now.
  const [kept, setKept] = useState<DocumentDetailQuery['document']['plannedRecipients']>(null);
  // Read from the router, not window.location: after a client-side navigation (答复 → 拟稿) the page may render before
  // the address bar changes, and the draft would never be opened.
  const openId = useSearchParams().get('id');
  const unsavedKey = `yizhan.unsaved.${session!.user.id}.${editId ?? openId ?? 'new'}`;
  const [unsaved, setUnsaved] = useState<UnsavedCopy | null>(null);
  const [rejection, setRejection] = useState<{ userName: string; comment?: string | null; at: string } | null>(null);
  useEffect(() => {
    const stored = sessionStorage.getItem(unsavedKey);
    setUnsaved(stored ? (JSON.parse(stored) as UnsavedCopy) : null);
  }, [unsavedKey]);
  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(
      () => sessionStorage.setItem(unsavedKey, JSON.stringify({ at: new Date().toISOString(), f, bodyMarkup, attachments } satisfies UnsavedCopy)),
      300,
    );
    return () => clearTimeout(timer);
  }, [dirty, f, bodyMarkup, attachments, unsavedKey]);
  const restore = (copy: UnsavedCopy) => {
    setF(copy.f as typeof f);
    setBodyMarkup(copy.bodyMarkup);
    setAttachments(copy.attachments);
    setDirty(true);
    setUnsaved(null);
  };
  const discard = () => {
    sessionStorage.removeItem(unsavedKey);
    setUnsaved(null);
  };
  useEffect(() => {
    const id = openId;
    if (!id) return;
    setEditId(id);
    setOpenError(null);
    gql('DocumentDetail', { id }).then(({ document }) => {
      setReplyToOrgId(document.replyTo?.org.id ?? null);
      setKept(document.plannedRecipients);
      // The form's fields are named as the document's elements: each one the document has fills its field.
      const d: Record<string, unknown> = document;
      setF((prev) => {
        const next: Record<string, unknown> = { ...prev };
        for (const k of Object.keys(prev))
          if (d[k] !== undefined && d[k] !== null) next[k] = k === 'deadline' || k === 'reportDeadline' ? toBeijingInput(String(d[k])) : d[k];
        const editable = editableBody(document.body);
        next.body = editable.text;
        setBodyMarkup(editable.markup);
        return next as typeof prev;
      });
      setAttachments(document.attachments);
      // Sent back: why, by whom, stays in sight while it is corrected.
      setRejection(document.status === 'REJECTED' ? (document.approvals.findLast((a) => a.action === 'REJECTED') ?? null) : null);
    }, setOpenError);
  }, [openId]);
  const [groups, setGroups] = useState<Group[]>([]);
  const [check, setCheck] = useState<EvaluateRoutingQuery['evaluateRouting'] | null>(null);
  const action = useAction();
  const addGroup = (g: PickedRecipients) => {
    setGroups((gs) => [...gs, { key: nextKey++, role: 'MAIN', printQuota: 1, ...g }]);
    setCheck(null);
  };
  const specs = () =>
    groups.map(({ role, printQuota, orgIds, selector, listId }) => ({
      role,
      printQuota,
      ...(orgIds && { orgIds }),
      ...(selector && { selector }),
      ...(listId && { listId }),
    }));

  // Each file chosen is tried: one refused does not keep the others out, and each refused one is named with its reason.
  const upload = (files: FileList | null) =>
    action.run(async () => {
      const refused: string[] = [];
      for (const file of Array.from(files ?? [])) {
        try {
          const { sha256, size } = await uploadBlob(file);
          setAttachments((a) => [...a, { name: file.name, sha256, size }]);
          setDirty(true);
        } catch (e) {
          if (!(e instanceof PlatformError)) throw e;
          refused.push(t('{name}（{why}）', { name: file.name, why: errorWords(e.code, lang) ?? t('文件上传未成功') }));
        }
      }
      if (refused.length) throw new PlatformError(t('以下文件未上传：{files}', { files: refused.join(t('；')) }), 'UPLOAD_FAILED');
    });

  // 导入Word: the .docx's text becomes the body (kept as plain lines unless it has lists, tables or headings only its
  // style named); what was not kept is listed under the field.
  const importBody = (files: FileList | null) =>
    action.run(async () => {
      const file = files?.[0];
      if (!file) return;
      const r = await importWord(file);
      const structured = r.blocks.some((b) => b.kind === 'list' || b.kind === 'table') || /<h\d>/.test(r.body);
      const text = structured
        ? r.body
        : r.body
            .split('\n')
            .map((l) =>
              l
                .replace(/<[^>]+>/g, '')
                .replace(/&lt;/g, '<')
                .replace(/&gt;/g, '>')
                .replace(/&amp;/g, '&'),
            )
            .join('\n');
      // The 主送 the Word draft opens with (and the 标题 above it) are the form's fields, not lines of the body: the
      // 主送 as the file writes it, the 标题 only where none is typed yet. The drafter is told what was filled in.
      const filled: string[] = [];
      if (r.mainTo && r.mainTo !== f.mainTo.trim()) filled.push(t('主送机关：{v}', { v: r.mainTo }));
      const title = r.title && !f.title.trim() ? r.title : null;
      if (title) filled.push(t('标题：{v}', { v: title }));
      setF((v) => ({ ...v, body: text, mainTo: r.mainTo ?? v.mainTo, title: title ?? v.title }));
      setBodyMarkup(structured);
      setDirty(true);
      setWordNotes(r.notes.map((n) => n.message));
      setWordFilled(filled);
    });

  const evaluateRouting = async () => {
    if (!groups.length) throw new PlatformError('请先选择收文单位', 'NO_RECIPIENTS');
    const r = await gql('EvaluateRouting', { docType: f.docType, recipients: specs(), replyToOrgId });
    setCheck(r.evaluateRouting);
    return r.evaluateRouting;
  };
  // On its own (检查发送范围) an action of its own; within a save, a step of the save's (one action runs at a time).
  const checkRouting = () => action.run(evaluateRouting);

  // 保存草稿 keeps the document for later (it is listed under 草稿与退回修改 in 审批) and stays here; 保存并提交审批
  // checks the recipients against the routing rules first, saves and submits.
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [preview, setPreview] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save(true);
  };
  const save = (thenSubmit: boolean) =>
    void action.run(async () => {
      // A draft opened for changes keeps its recipients unless new ones are chosen; the send checks them again. One
      // that has none is refused here, in words, before it is saved.
      if (thenSubmit && !groups.length && !kept?.count) throw new PlatformError('请先选择收文单位', 'NO_RECIPIENTS');
      if (thenSubmit && groups.length) {
        const routing = check ?? (await evaluateRouting());
        if (routing.refusedCount > 0) throw new PlatformError('有收文单位被发送规则拒绝，请调整后再提交', 'RECIPIENTS_REFUSED');
      }
      const input = {
        ...f,
        body: storedBody,
        docPrefix: prefixOf(),
        signer: f.signer.trim() || null,
        mainTo: f.mainTo.trim() || null,
        ccTo: f.ccTo.trim() || null,
        deadline: fromBeijingInput(f.deadline),
        reportDeadline: replyToOrgId || f.signer.trim() ? null : fromBeijingInput(f.reportDeadline),
        reportNote: (!replyToOrgId && !f.signer.trim() && f.reportDeadline && f.reportNote.trim()) || null,
        notes: f.notes || null,
        printingOrg: f.printingOrg || null,
        paperNote: f.paperNote || null,
        disclosure: f.disclosure || null,
        disclosureReason,
        attachments: attachments.map(({ name, sha256 }) => ({ name, sha256 })),
        ...(coIssuers.length || !editId ? { coIssuerIds: coIssuers.map((c) => c.id) } : {}),
        ...(groups.length || !editId ? { recipients: specs() } : {}),
      };
      const id = editId ? (await gql('UpdateDraft', { id: editId, input })).updateDraft.id : (await gql('CreateDraft', { input })).createDraft.id;
      sessionStorage.removeItem(unsavedKey);
      setDirty(false);
      if (!thenSubmit) {
        // The page becomes the draft's: a reload or a second 保存草稿 keeps working on the same document.
        setEditId(id);
        // The groups chosen are what it keeps now.
        if (groups.length) setKept(null);
        window.history.replaceState(null, '', `/compose?id=${id}`);
        setSavedAt(new Date().toISOString());
        return;
      }
      await gql('SubmitForApproval', { id });
      router.push(`/approvals?submitted=${id}`);
    });

  // 预览: the document as it will be printed, from the form as it stands (the 发文字号 is given at sending).
  const previewDoc = {
    id: editId ?? 'preview',
    orgName: ctx?.org.name ?? session!.user.org.name,
    docType: f.docType,
    docPrefix: prefixOf(),
    docNumber:
      f.docType === '简报' && ctx?.org.briefingTitles.includes(prefixOf() ?? '') ? `《${prefixOf()}》${t('（期号在发送时编定）')}` : t('（发送时编号）'),
    title: f.title,
    body: storedBody,
    signer: f.signer.trim() || null,
    // An order prints its 签发人's 职务 before the name: the post the leader holds now, as the submission keeps it.
    signerPost: f.docType === '命令' ? (leaders.find((u) => u.displayName === f.signer.trim())?.post ?? null) : null,
    mainTo: f.mainTo.trim() || null,
    ccTo: f.ccTo.trim() || null,
    urgency: f.urgency,
    isTelegram: f.isTelegram,
    deadline: f.deadline || null,
    signatureLine: ctx?.org.name ?? session!.user.org.name,
    docDate: f.docDate,
    notes: f.notes || null,
    printingOrg: f.printingOrg || null,
    printingDate: f.printingDate,
    attachmentsOnPaper: f.attachmentsOnPaper,
    paperNote: f.paperNote || null,
    disclosure: f.disclosure || null,
    disclosureReason,
    attachments: attachments.map((a) => ({ ...a, contentType: 'application/octet-stream' })),
    status: 'DRAFT',
    sentAt: null,
  } as unknown as ComponentProps<typeof DocumentSheet>['doc'];

  if (openError)
    return (
      <>
        <h1>{t('拟稿')}</h1>
        <ErrorNote error={openError} />
      </>
    );
  return (
    <form onSubmit={submit} aria-label={t('拟稿')}>
      <h1>{t('拟稿')}</h1>
      {rejection && (
        <p className="notice" role="status" data-testid="rejection">
          {t('退回修改意见（{who}，{at}）：{comment}', { who: rejection.userName, at: fmtTime(rejection.at), comment: rejection.comment ?? '' })}
        </p>
      )}
      {!editId && !openId && (
        <>
          <FromBulletin />
          <FromAssessment orgId={orgId} />
        </>
      )}
      {unsaved && !dirty && (
        <p className="notice" role="status" data-testid="unsaved-copy">
          {t('本页有 {at} 填写而未保存的内容', { at: fmtTime(unsaved.at) })}{' '}
          <button type="button" className="primary" onClick={() => restore(unsaved)}>
            {t('恢复')}
          </button>{' '}
          <button type="button" onClick={discard}>
            {t('放弃')}
          </button>
        </p>
      )}
      <div className="split">
        <Section title={t('公文要素')}>
          <div className="grid">
            <label className="field">
              <span>{t('文种')}</span>
              <select name="docType" value={f.docType} onChange={set('docType')}>
                {DOC_TYPES.filter((d) => d !== '命令' || issuesOrders || f.docType === d).map((d) => (
                  <option key={d} value={d}>
                    {docTypeName(d, lang)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('标题')}</span>
              {/* Not cut at 200 characters as it is pasted: the count says how far over it is, and saving names the field. */}
              <input name="title" value={f.title} onChange={set('title')} required aria-describedby={f.title.length > 150 ? 'title-length' : undefined} />
              {f.title.length > 150 && (
                <span id="title-length" className={f.title.length > 200 ? 'refused' : 'muted'} role="status">
                  {t('{n}/200 字', { n: f.title.length })}
                </span>
              )}
            </label>
            <label className="field">
              <span>{f.docType === '命令' ? t('令号') : f.docType === '简报' ? t('简报刊名或机关代字') : t('机关代字')}</span>
              <select name="docPrefix" value={prefixOf() ?? ''} onChange={set('docPrefix')}>
                {prefixes.map((p) => (
                  <option key={p} value={p}>
                    {f.docType === '命令' ? t('第N号（本机关命令连续编号）') : p}
                  </option>
                ))}
              </select>
            </label>
            <label className="field" htmlFor="signer">
              <span>{t('签发人')}</span>
              {coIssuers.length ? (
                <>
                  {/* 联合行文: the lead unit's leader and the co-issuers' (typed), separated by 、 */}
                  <input
                    id="signer"
                    name="signer"
                    value={f.signer}
                    onChange={set('signer')}
                    placeholder={t('联合行文：本单位领导及联署单位领导，以“、”分隔')}
                    list="unit-leaders"
                  />
                  <datalist id="unit-leaders">
                    {leaders.map((u) => (
                      <option key={u.id} value={u.displayName} />
                    ))}
                  </datalist>
                </>
              ) : (
                // The unit's leaders by name: the 签发人 is the leader who 签发s it, and only they (SIGNER_NOT_LEADER,
                // NOT_NAMED_SIGNER). A name kept from before that is no leader's stays shown, marked, until changed.
                <select id="signer" name="signer" value={f.signer} onChange={set('signer')}>
                  <option value="">{f.docType === '命令' ? t('（命令必填：签发人职务和签名章印在令上）') : t('（下行文可不填；上行文必填）')}</option>
                  {leaders.map((u) => (
                    <option key={u.id} value={u.displayName}>
                      {u.displayName}
                    </option>
                  ))}
                  {f.signer && !leaders.some((u) => u.displayName === f.signer) && (
                    <option value={f.signer}>{t('{name}（不是本单位领导，请重新选择）', { name: f.signer })}</option>
                  )}
                </select>
              )}
            </label>
            <label className="field">
              <span>{t('主送机关')}</span>
              <input name="mainTo" value={f.mainTo} onChange={set('mainTo')} placeholder={t('如：各区县人民政府')} />
            </label>
            <label className="field">
              <span>{t('正文')}</span>
              <textarea name="body" value={f.body} onChange={set('body')} required />
            </label>
            <label className="field">
              <span>{t('导入Word正文')}</span>
              <input
                type="file"
                name="wordImport"
                accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                onChange={(e) => void importBody(e.target.files)}
              />
              {wordNotes && (
                <span className="muted" role="status">
                  {wordNotes.length ? `${t('导入时未保留')}${t('：')}${wordNotes.join(t('；'))}` : t('已全部导入')}
                </span>
              )}
              {wordFilled.length > 0 && (
                <span className="muted" role="status" data-testid="word-filled">
                  {t('已按Word文件填写')}
                  {t('：')}
                  {wordFilled.join(t('；'))}
                </span>
              )}
            </label>
            <label className="field">
              <span>{t('紧急程度')}</span>
              {/* A 明传电报 is graded 特提, 特急, 加急 or 平急; any other document 特急, 加急 or neither (条例 第九条). */}
              <select name="urgency" value={f.urgency} onChange={set('urgency')}>
                {(f.isTelegram ? TELEGRAM_GRADES : DOCUMENT_GRADES).map((k) => (
                  <option key={k} value={k}>
                    {t(URGENCY[k] as string)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('明传电报')}</span>
              <input
                type="checkbox"
                name="isTelegram"
                checked={f.isTelegram}
                onChange={(e) => setF({ ...f, isTelegram: e.target.checked, urgency: gradeFor(f.urgency, e.target.checked) })}
              />
            </label>
            {(f.urgency !== 'NORMAL' || f.isTelegram) && (
              <label className="field">
                <span>{t('办理时限')}</span>
                <input type="datetime-local" name="deadline" value={f.deadline} onChange={set('deadline')} />
              </label>
            )}
            {/* 征集 from the start: the send opens the collection, each recipient's report a reply to this document. A
                reply asks nothing of the unit it answers, nor a document sent up (with a 签发人) of those above. */}
            {!replyToOrgId && !f.signer.trim() && (
              <label className="field">
                <span>{t('报送截止时间')}</span>
                <input
                  type="datetime-local"
                  name="reportDeadline"
                  value={f.reportDeadline}
                  onChange={set('reportDeadline')}
                  aria-describedby="report-deadline-hint"
                />
                <span id="report-deadline-hint" className="muted">
                  {t('征集：要求收文单位在此前报送材料（不征集则不填）')}
                </span>
              </label>
            )}
            {!replyToOrgId && !f.signer.trim() && f.reportDeadline && (
              <label className="field">
                <span>{t('报送要求')}</span>
                <input name="reportNote" value={f.reportNote} onChange={set('reportNote')} maxLength={500} placeholder={t('如：报送本地区落实情况')} />
              </label>
            )}
            <label className="field">
              <span>{t('抄送机关')}</span>
              <input name="ccTo" value={f.ccTo} onChange={set('ccTo')} />
            </label>
            <label className="field">
              <span>{t('成文日期')}</span>
              <input type="date" name="docDate" value={f.docDate} onChange={set('docDate')} />
            </label>
            <label className="field">
              <span>{t('附注')}</span>
              <input name="notes" value={f.notes} onChange={set('notes')} placeholder={t('如：此件公开发布')} />
            </label>
            <label className="field">
              <span>{t('公开属性')}</span>
              <select
                name="disclosure"
                value={f.disclosure}
                onChange={(e) => {
                  const disclosure = e.target.value as Disclosure | '';
                  // 主动公开 is marked in the 附注 as GB/T 9704 shows it (此件公开发布), unless the 附注 says something else.
                  const publicNote = '此件公开发布';
                  const notes = disclosure === 'ACTIVE' && !f.notes.trim() ? publicNote : disclosure !== 'ACTIVE' && f.notes === publicNote ? '' : f.notes;
                  setF({ ...f, disclosure, notes });
                  setDirty(true);
                }}
              >
                <option value="">{t('请选择')}</option>
                {Object.entries(DISCLOSURE).map(([k, zh]) => (
                  <option key={k} value={k}>
                    {t(zh)}
                  </option>
                ))}
              </select>
            </label>
            {f.disclosure === 'NOT_PUBLIC' && (
              <label className="field">
                <span>{t('不予公开理由')}</span>
                <input
                  name="disclosureReason"
                  value={f.disclosureReason}
                  onChange={set('disclosureReason')}
                  maxLength={200}
                  required
                  placeholder={t('如：内部事务信息')}
                />
              </label>
            )}
            <label className="field">
              <span>{t('印发机关')}</span>
              <input name="printingOrg" value={f.printingOrg} onChange={set('printingOrg')} placeholder={ctx?.org.name} />
            </label>
            <label className="field">
              <span>{t('印发日期')}</span>
              <input type="date" name="printingDate" value={f.printingDate} onChange={set('printingDate')} />
            </label>
            <label className="field">
              <span>{t('附件')}</span>
              <input type="file" multiple aria-label={t('上传附件')} onChange={(e) => void upload(e.target.files)} />
            </label>
            {attachments.length > 0 && (
              <>
                <span />
                <ul>
                  {attachments.map((a) => (
                    <li key={a.sha256}>
                      {a.name} <span className="muted">({fmtSize(a.size)})</span>{' '}
                      <button
                        type="button"
                        className="link"
                        onClick={() => {
                          setAttachments(attachments.filter((x) => x !== a));
                          setDirty(true);
                        }}
                      >
                        {t('移除')}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <label className="field">
              <span>{t('附件另行纸质传递')}</span>
              <input type="checkbox" name="attachmentsOnPaper" checked={f.attachmentsOnPaper} onChange={set('attachmentsOnPaper')} />
            </label>
          </div>
          <p className="muted">{t('本平台不传输涉密公文：任何密级的公文都会被拒绝。')}</p>
        </Section>
        <div>
          <Section title={t('收文单位')}>
            {ctx && <RecipientPicker t={t} ctx={ctx} onAdd={addGroup} />}
            {ctx && <CoIssuerPicker t={t} value={coIssuers} onChange={setCoIssuers} leadId={ctx.org.id} />}
            <h3>{t('已选')}</h3>
            {groups.length === 0 && !kept?.count && <p className="muted">{t('尚未选择收文单位')}</p>}
            {kept && kept.count > 0 && (
              <div data-testid="kept-recipients">
                <p className="muted">{t(groups.length ? '保存后，新选择的收文单位将替换原收文单位' : '（保留原收文单位；如需更改请重新选择）')}</p>
                {!groups.length && <PlannedRecipientsView t={t} planned={kept} />}
              </div>
            )}
            <ul className="groups">
              {groups.map((g) => (
                <li key={g.key} data-testid="recipient-group">
                  <strong>{g.label}</strong>
                  <div className="actions">
                    <select
                      aria-label={t('主送或抄送')}
                      value={g.role}
                      onChange={(e) => setGroups(groups.map((x) => (x.key === g.key ? { ...x, role: e.target.value as Group['role'] } : x)))}
                    >
                      <option value="MAIN">{t('主送')}</option>
                      <option value="CC">{t('抄送')}</option>
                    </select>
                    <label>
                      {t('打印份数')}{' '}
                      <input
                        type="number"
                        min={0}
                        max={99}
                        style={{ width: '4.5rem' }}
                        value={g.printQuota}
                        onChange={(e) => setGroups(groups.map((x) => (x.key === g.key ? { ...x, printQuota: Number(e.target.value) } : x)))}
                      />
                    </label>
                    <button type="button" className="link" onClick={() => setGroups(groups.filter((x) => x.key !== g.key))}>
                      {t('移除')}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
            <p className="actions">
              <button type="button" disabled={action.busy || !groups.length} onClick={() => void checkRouting()}>
                {t('检查发送范围')}
              </button>
            </p>
            {check && <RoutingResult t={t} check={check} docType={f.docType} />}
          </Section>
          {editId && <LinksSection documentId={editId} />}
          <ErrorNote error={action.error} />
          {savedAt && (
            <p className="notice" role="status" data-testid="draft-saved">
              {t('已保存草稿（{at}），可在“审批 → 草稿与退回修改”中继续修改', { at: fmtTime(savedAt) })}
            </p>
          )}
          <p className="actions">
            <button type="button" disabled={action.busy} onClick={() => setPreview(!preview)} aria-expanded={preview}>
              {t(preview ? '收起预览' : '预览')}
            </button>
            <button type="button" disabled={action.busy} onClick={() => save(false)}>
              {t('保存草稿')}
            </button>
            <button type="submit" className="primary" disabled={action.busy}>
              {t('保存并提交审批')}
            </button>
          </p>
          {preview && (
            <section aria-label={t('预览')} data-testid="compose-preview">
              <p className="muted">{t('预览：按印制格式显示，发文字号和印章在发送时加上')}</p>
              <DocumentSheet doc={previewDoc} />
            </section>
          )}
        </div>
      </div>
    </form>
  );
}
