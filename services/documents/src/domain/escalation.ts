// 自动催办 (issue 16): a unit's escalation rules — an ordered list of steps, each so many minutes after a delivery's
// due time, to the unit's registered contacts or its leaders, by in-app notice and/or SMS — applied by the platform
// to deliveries not yet signed for. Plain rules: which steps are due for a delivery at a time, whom a step reaches,
// and its words (the history's note and the notice's text).

import { type Notice, stepWhen } from './notices.ts';

/** The actor of an automatic 催办 in a delivery's history (no person: the platform, by the unit's rules). */
export const AUTOMATIC_URGER_ID = '00000000-0000-0000-0000-000000000000';

export type EscalationTo = 'CONTACTS' | 'LEADERS';
export type EscalationChannel = 'IN_APP' | 'SMS';

export interface EscalationStep {
  afterMinutes: number;
  to: EscalationTo;
  channels: EscalationChannel[];
}

export interface Reachable {
  name: string;
  mobile: string | null;
}

/** When a step of a delivery due at `dueAt` comes. */
export const stepDueAt = (dueAt: Date, step: EscalationStep): Date => new Date(dueAt.getTime() + step.afterMinutes * 60_000);

/** The steps (their indexes, in order) whose time has come at `at` and that were not taken yet (`done`). */
export function dueSteps(steps: EscalationStep[], dueAt: Date, at: Date, done: readonly number[]): number[] {
  return steps.flatMap((s, i) => (!done.includes(i) && stepDueAt(dueAt, s).getTime() <= at.getTime() ? [i] : []));
}

/** Who a step reaches: everyone named, and the SMS targets (those with a mobile, when the step texts). */
export function stepReach(
  step: EscalationStep,
  people: { contacts: Reachable[]; leaders: Reachable[] },
): { names: string[]; sms: { name: string; mobile: string }[] } {
  const who = step.to === 'LEADERS' ? people.leaders : people.contacts;
  const sms = step.channels.includes('SMS') ? who.filter((p): p is { name: string; mobile: string } => !!p.mobile) : [];
  return { names: who.map((p) => p.name), sms: sms.map((p) => ({ name: p.name, mobile: p.mobile })) };
}

const WHOM: Record<EscalationTo, string> = { CONTACTS: '单位联系人', LEADERS: '单位领导' };

/** The history's note of an automatic 催办: the step, whom it reached and how (the board shows it as it is). */
export function escalationNote(index: number, step: EscalationStep, reach: { names: string[]; sms: { name: string }[] }): string {
  const head = `自动催办（第${index + 1}步·${stepWhen(step.afterMinutes)}·${WHOM[step.to]}）`;
  if (!reach.names.length)
    return `${head}：${step.to === 'LEADERS' ? '单位无领导账号' : '单位未登记联系人'}${step.channels.includes('IN_APP') ? '，已发站内通知' : ''}`;
  const how: string[] = [];
  if (step.channels.includes('IN_APP')) how.push('站内通知');
  if (reach.sms.length) how.push(`短信（${reach.sms.map((p) => p.name).join('、')}）`);
  else if (step.channels.includes('SMS')) how.push('无登记手机号，未发短信');
  return `${head}：${reach.names.join('、')}；${how.join('、')}`;
}

/** The in-app notice of an automatic 催办, whose words its SMS carries too. */
export function escalationNotice(d: { senderName: string; title: string; docNumber: string }, step: EscalationStep, names: string[]): Notice {
  return { kind: 'AUTO_URGED', words: { ...d, afterMinutes: step.afterMinutes, to: step.to, names } };
}
