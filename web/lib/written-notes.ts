// The notes the platform writes itself into a history, in English. A 催办's note says how it went out and to whom
// (documents' domain/urging.ts `urgeNote`), an automatic one also its step (domain/escalation.ts `escalationNote`);
// a handling reminder says whose deadline came (documents' migration 0011). They are kept in Chinese, as the records
// are; for a reader in English they are said again here, the names and a person's own words as they are. A note
// that is not one of these (a person's own) is shown as written. test/written-notes.test.ts checks each pattern
// against the functions that write it.

import { stepWhenEn } from './notices.ts';

const list = (names: string) => names.split('、').join(', ');

const STEP_WHOM: Record<string, string> = { 单位联系人: 'the unit’s contacts', 单位领导: 'the unit’s leaders' };

/** A step's time as the Chinese note words it (domain/escalation.ts stepWhen), in English. */
function stepWhen(zh: string): string | null {
  if (zh === '到期时') return stepWhenEn(0);
  const m = /^到期后(\d+)(小时|分钟)$/.exec(zh);
  return m ? stepWhenEn(Number(m[1]) * (m[2] === '小时' ? 60 : 1)) : null;
}

/** How a 催办 went out: 站内通知, 短信（names）, or that no mobile was registered. */
function channelsEn(zh: string): string | null {
  const parts = zh.match(/站内通知|短信（[^）]*）|无登记手机号，未发短信/g);
  if (!parts || parts.join('、') !== zh) return null;
  return parts
    .map((p) => (p === '站内通知' ? 'in-app notice' : p.startsWith('短信') ? `SMS (${list(p.slice(3, -1))})` : 'no mobile registered, no SMS'))
    .join(', ');
}

/** A delivery's 催办 note in English, or null when the note is not one the platform wrote. */
export function urgeNoteEn(note: string): string | null {
  // 电话催办: 电话（宋佳，029-87654321）：what was said.
  const phone = /^电话（([^）]*)）(?:：([\s\S]*))?$/.exec(note);
  if (phone) return `Phone call (${(phone[1] ?? '').replace('，', ', ')})${phone[2] ? `: ${phone[2]}` : ''}`;
  const manual = /^(站内通知、短信（[^）]*）|站内通知（无登记手机号，未发短信）)(?:：([\s\S]*))?$/.exec(note);
  if (manual) {
    const how = manual[1]?.startsWith('站内通知、短信')
      ? `In-app notice and SMS (${list((manual[1] ?? '').slice('站内通知、短信（'.length, -1))})`
      : 'In-app notice (no mobile registered, no SMS)';
    return manual[2] ? `${how}: ${manual[2]}` : how;
  }
  const auto = /^自动催办（第(\d+)步·([^·]+)·(单位联系人|单位领导)）：([\s\S]*)$/.exec(note);
  const when = auto && stepWhen(auto[2] ?? '');
  if (!auto || !when) return null;
  const head = `Automatic urging (step ${auto[1]} · ${when} · ${STEP_WHOM[auto[3] ?? '']})`;
  const rest = auto[4] ?? '';
  const nobody = /^(单位无领导账号|单位未登记联系人)(，已发站内通知)?$/.exec(rest);
  if (nobody)
    return `${head}: ${nobody[1] === '单位无领导账号' ? 'the unit has no leader’s account' : 'the unit has registered no contacts'}${nobody[2] ? ', in-app notice sent' : ''}`;
  const [names, how, ...more] = rest.split('；');
  const channels = how === undefined || more.length ? null : channelsEn(how);
  return channels ? `${head}: ${list(names ?? '')}; ${channels}` : null;
}

/** A handling history's note the platform wrote (a reminder of a section's deadline, or a 催办 without words of the
 * urger's own) in English, or null when it is a person's own. */
export function handlingNoteEn(note: string): string | null {
  // A 批示 (documents' domain/handling.ts instructionNote): the leader's words, then （主办：X；协办：Y；限…前办结）.
  // A section taking its part (documents' domain/handling.ts sectionPart): 办公室（主办）.
  const part = /^[^（）：]+（(?:主办|协办)）$/.test(note) ? handlerWordsEn(note) : null;
  if (part) return part;
  const instructed = /^([\s\S]*)（((?:主办|协办)：[^；（）]+(?:；(?:主办|协办)：[^；（）]+)*)(?:；限(.+)前办结)?）$/.exec(note);
  if (instructed) {
    const parts = (instructed[2] ?? '').split('；').map((p) => p.replace(/^主办：/, 'lead: ').replace(/^协办：/, 'assisting: '));
    return `${instructed[1]} (${parts.join('; ')}${instructed[3] ? `; to be closed by ${instructed[3]}` : ''})`;
  }
  // A reply or report the unit sent (app/collection.ts): 报送：《title》（number）.
  const sent = /^(重新报送|报送|答复)：(《.+》)（(.+)）$/.exec(note);
  if (sent) return `${{ 重新报送: 'Report sent again', 报送: 'Report sent', 答复: 'Reply sent' }[sent[1] as '报送']}: ${sent[2]} (${sent[3]})`;
  const m = /^(.+)：(已到办理期限|办理期限将至|请抓紧办理)$/.exec(note);
  if (!m) return null;
  const what = { 已到办理期限: 'its handling deadline has come', 办理期限将至: 'its handling deadline is near', 请抓紧办理: 'please press on with it' }[
    m[2] as '已到办理期限'
  ];
  return `${m[1]}: ${what}`;
}

/** The actors the platform names for itself in a history, as the dashboard's words say them (i18n-en). */
export const PLATFORM_ACTORS = ['自动催办', '系统（期限提醒）', '驿站平台'];

/** Who handles a document as the register keeps it (documents' domain/handling.ts handlerWords): 办公室（主办）、综合科（协办）. */
export function handlerWordsEn(zh: string): string | null {
  const parts = zh.split('、').map((p) => /^(.+)（(主办|协办)）$/.exec(p));
  if (!parts.every(Boolean)) return null;
  return parts.map((m) => `${m?.[1]} (${m?.[2] === '主办' ? 'lead' : 'assisting'})`).join(', ');
}
