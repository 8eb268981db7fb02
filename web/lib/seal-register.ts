// 印章档案: each event of a seal's register in the words a records clerk files — what happened, and what it names
// (the custodians, the document stamped, the reason, who was present) — instead of the platform's codes and JSON.
// Self-contained (node's tests read it as it is): the words function is the page's t (lib/i18n.tsx T).
type T = (zh: string, vars?: Record<string, string | number>) => string;

/** What each event is (seals' app/*.ts logEvent actions). */
export const SEAL_EVENT: Record<string, string> = {
  APPLIED: '提交书面申请',
  CONSENTED: '本单位负责人同意',
  APPROVED: '上级批准',
  REJECTED: '上级驳回',
  MADE: '制作完成',
  CUSTODY_ACCEPTED: '保管人接管',
  PIN_CHANGED: '保管人修改口令',
  CUSTODY_HANDED_OVER: '保管交接',
  ACTIVATED: '启用印章',
  PIN_PRESENTED: '保管人出示口令',
  USED: '用印',
  USE_REFUSED: '用印被拒',
  SUSPENDED: '暂停使用印章',
  RESUMED: '恢复使用印章',
  LOST: '报告印章遗失',
  DESTROYED: '销毁',
  REPLACED: '由新印章替代',
  TERMINALS_ONLY: '规定仅限在专用终端上用印',
  TERMINALS_ANY: '允许在任何计算机上用印',
};

/** The three parties of a destruction (seed 003 §20). */
const PARTY: Record<string, string> = { GOVERNMENT_OFFICE: '政府办公室', EGOV_OFFICE: '电子政务办公室', OWNING_UNIT: '印章所属单位' };

const text = (v: unknown, max = 200): string | null => (typeof v === 'string' && v.trim() ? (v.length > max ? `${v.slice(0, max)}…` : v) : null);

/** An event's words: what happened, and what it names. `detail` is the event's detail as the register gives it (JSON). */
export function sealEventWords(t: T, action: string, detail: string | null): { what: string; note: string } {
  let d: Record<string, unknown> = {};
  try {
    d = (JSON.parse(detail ?? '{}') as Record<string, unknown> | null) ?? {};
  } catch {
    // A detail that is not JSON is shown as it is.
    return { what: t(SEAL_EVENT[action] ?? action), note: text(detail) ?? '' };
  }
  // The three parties present at a making or a destruction, each with their post.
  const present = (v: unknown) => {
    const list = Array.isArray(v)
      ? (v as { party?: string; name?: string; post?: string }[])
          .map((w) => `${t(PARTY[w.party ?? ''] ?? w.party ?? '')} ${text(w.name, 50) ?? ''}（${text(w.post, 100) ?? ''}）`)
          .join('；')
      : '';
    return list ? t('在场人员：{v}', { v: list }) : null;
  };
  const names = (v: unknown) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string').join('、') : '');
  const notes: (string | null)[] = [];
  switch (action) {
    case 'APPLIED':
      notes.push(text(d.statement));
      break;
    case 'APPROVED':
    case 'REJECTED':
      notes.push(text(d.note) && t('意见：{v}', { v: text(d.note) as string }));
      break;
    case 'MADE':
      notes.push(names(d.custodians) && t('保管人：{v}', { v: names(d.custodians) }), present(d.witnesses));
      break;
    case 'CUSTODY_ACCEPTED':
    case 'PIN_CHANGED':
      notes.push(d.share === 'A' ? t('第一保管份额') : d.share === 'B' ? t('第二保管份额') : null);
      break;
    case 'CUSTODY_HANDED_OVER':
      notes.push(
        text(d.from, 50) && text(d.to, 50) && t('{from} 交给 {to}', { from: text(d.from, 50) as string, to: text(d.to, 50) as string }),
        text(d.reason) && t('原因：{v}', { v: text(d.reason) as string }),
      );
      break;
    case 'USED':
      notes.push(
        text(d.title) && `《${text(d.title)}》`,
        names(d.custodians) && t('保管人：{v}', { v: names(d.custodians) }),
        text(d.terminal, 60) && t('终端：{v}', { v: text(d.terminal, 60) as string }),
      );
      break;
    case 'PIN_PRESENTED':
      notes.push(text(d.terminal, 60) && t('终端：{v}', { v: text(d.terminal, 60) as string }));
      break;
    case 'USE_REFUSED':
      notes.push(d.why === 'wrong PIN' ? t('口令错误') : d.why === 'wrong PIN (changing it)' ? t('修改口令时口令错误') : text(d.why));
      break;
    case 'SUSPENDED':
    case 'LOST':
      notes.push(text(d.reason) && t('原因：{v}', { v: text(d.reason) as string }));
      break;
    case 'DESTROYED':
      notes.push(present(d.witnesses));
      break;
  }
  return { what: t(SEAL_EVENT[action] ?? action), note: notes.filter(Boolean).join(' · ') };
}
