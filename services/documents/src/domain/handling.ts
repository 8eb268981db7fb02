// The unit's handling of what it signed for (条例 第二十四条 承办、传阅、催办; issue 15), as plain rules. 批办性 documents
// go 拟办 (the office proposes) → 批示 (a leader names the 主办 section, any 协办 sections, the deadline and readers) →
// 承办 (each section takes up its part) → 办结 (the 主办 section records the result). 阅知性 documents are distributed
// (传阅) to people or sections, each of whom marks 已阅. 催办 (reminders) may come at any time before 办结.
import { beijingMinute, type InputRule, isPlainText, type Role } from '@yizhan/common';

export const HANDLING_STEPS = ['REGISTERED', 'PROPOSED', 'INSTRUCTED', 'HANDLING', 'CONCLUDED'] as const;
export type HandlingStep = (typeof HANDLING_STEPS)[number];

export const HANDLING_STEP_WORDS: Record<HandlingStep, string> = {
  REGISTERED: '已登记，待拟办',
  PROPOSED: '已拟办，待批示',
  INSTRUCTED: '已批示，待承办',
  HANDLING: '承办中',
  CONCLUDED: '已办结',
};

/** What a person may do, and the step it needs. */
export const HANDLING_ACTIONS = ['PROPOSE', 'INSTRUCT', 'ACCEPT', 'CONCLUDE', 'DISTRIBUTE', 'READ', 'URGE'] as const;
export type HandlingAction = (typeof HANDLING_ACTIONS)[number];

/** Who may: the office (clerks) proposes and distributes, a leader instructs, the office or a leader urges. 承办, 办结
 * and 已阅 are by section membership and by being named, not by role (see the app). */
export const HANDLING_ROLES: Partial<Record<HandlingAction, Role[]>> = {
  PROPOSE: ['CLERK'],
  INSTRUCT: ['LEADER'],
  DISTRIBUTE: ['CLERK'],
  URGE: ['CLERK', 'LEADER'],
};

/** The steps an action may be taken at; anything else is HANDLING_STATE. */
const ALLOWED: Record<HandlingAction, readonly HandlingStep[]> = {
  // 拟办 may be revised until the leader instructs.
  PROPOSE: ['REGISTERED', 'PROPOSED'],
  // 批示 once, and only on a proposal.
  INSTRUCT: ['PROPOSED'],
  ACCEPT: ['INSTRUCTED', 'HANDLING'],
  CONCLUDE: ['HANDLING'],
  DISTRIBUTE: ['REGISTERED', 'PROPOSED', 'INSTRUCTED', 'HANDLING'],
  READ: ['REGISTERED', 'PROPOSED', 'INSTRUCTED', 'HANDLING', 'CONCLUDED'],
  URGE: ['INSTRUCTED', 'HANDLING'],
};

/** Why `action` cannot be taken at `step`, in words a person reads; null when it can. */
export function handlingStepProblem(step: HandlingStep, action: HandlingAction): string | null {
  if (ALLOWED[action].includes(step)) return null;
  const words: Record<HandlingAction, string> = {
    PROPOSE: 'The leader has instructed already: the proposal can no longer change',
    INSTRUCT: step === 'REGISTERED' ? 'The office proposes (拟办) before a leader instructs' : 'The leader has instructed already',
    ACCEPT: 'Only what a leader instructed is taken up (承办)',
    CONCLUDE: step === 'INSTRUCTED' ? 'Take it up (承办) before concluding it' : 'Only what is being handled is concluded',
    DISTRIBUTE: 'The handling is concluded',
    READ: 'Not distributed',
    URGE: 'Only instructed handling that is not concluded is urged',
  };
  return `${words[action]} (now ${step})`;
}

/** A section's part in the handling: 主办 (the lead) or 协办 (assisting). */
export const TASK_ROLE_WORDS = { LEAD: '主办', ASSIST: '协办' } as const;
type TaskRole = keyof typeof TASK_ROLE_WORDS;

/** A section's part as a history and the register write it: 办公室（主办）. */
export const sectionPart = (section: string, role: string) => `${section}（${TASK_ROLE_WORDS[role as TaskRole] ?? role}）`;

/** The register's 承办 of an instructed document: 办公室（主办）、综合科（协办）. */
export const handlerWords = (tasks: { section: string; role: TaskRole }[]) => tasks.map((t) => sectionPart(t.section, t.role)).join('、');

/**
 * A 批示's note in the history: the leader's words, then who handles it and by when, without brackets inside its own —
 * 请抓紧办理（主办：办公室；协办：综合科；限2026-12-18 17:00前办结）. The dashboard says it in English (web/lib/written-notes.ts).
 */
export function instructionNote(text: string, tasks: { section: string; role: TaskRole }[], leadDeadline: Date | null): string {
  const parts = tasks.map((t) => `${TASK_ROLE_WORDS[t.role]}：${t.section}`).join('；');
  return `${text}（${parts}${leadDeadline ? `；限${beijingMinute(leadDeadline)}前办结` : ''}）`;
}

/** A 办结's note in the delivery's history (closeDelivery, or the lead section's conclusion): 办理结果：… */
export const closeNote = (result: string) => `办理结果：${result}`;

/** The 办理结果 a 办结's note gives (closeNote), or null for one closed without words. */
export const closeResultOf = (note: string | null) => note?.replace(/^办理结果：/, '') || null;

/** A task's state: a section takes it up (ACCEPTED), then finishes its part (DONE). */
export type TaskState = 'ASSIGNED' | 'ACCEPTED' | 'DONE';
export function taskProblem(state: TaskState, action: 'ACCEPT' | 'CONCLUDE'): string | null {
  if (action === 'ACCEPT') return state === 'ASSIGNED' ? null : `Your section has taken it up already (${state})`;
  if (state === 'ASSIGNED') return 'Take it up (承办) before concluding it';
  if (state === 'DONE') return 'Your section has concluded its part already';
  return null;
}

const URGENT = ['URGENT', 'EXTRA_URGENT', 'FLASH', 'PLAIN_URGENT'];

/**
 * A deadline for the handling as a 批示 sets it: in the future and within two years; an urgent document (加急, 特急,
 * 明传电报) must have one. Answers the problem and its code, or null.
 */
export function deadlineProblem(
  deadline: Date | null | undefined,
  doc: { urgency: string; isTelegram?: boolean },
  now = new Date(),
): { code: 'DEADLINE_REQUIRED' | 'BAD_INPUT'; message: string } | null {
  if (!deadline) {
    return URGENT.includes(doc.urgency) || doc.isTelegram ? { code: 'DEADLINE_REQUIRED', message: 'An urgent document’s 批示 sets a handling deadline' } : null;
  }
  if (Number.isNaN(deadline.getTime())) return { code: 'BAD_INPUT', message: 'The deadline is not a date and time' };
  if (deadline.getTime() <= now.getTime()) return { code: 'BAD_INPUT', message: 'The deadline has passed already' };
  if (deadline.getTime() > now.getTime() + 2 * 366 * 86_400_000) return { code: 'BAD_INPUT', message: 'The deadline is more than two years away' };
  return null;
}

/** A free text of a step (拟办意见, 批示, 办理结果, 阅知意见): trimmed; required where `required`; at most 2,000 characters. */
export function stepText(
  v: string | null | undefined,
  field: string,
  required: boolean,
): { text: string | null; problem: { message: string; rule: InputRule } | null } {
  const text = v?.trim() || null;
  if (required && !text) return { text, problem: { message: `${field} is required`, rule: { required: true } } };
  if (text && text.length > 2000) return { text, problem: { message: `${field} is at most 2,000 characters`, rule: { length: { max: 2000 } } } };
  if (text && !isPlainText(text)) return { text, problem: { message: `${field} contains control characters`, rule: { plainText: true } } };
  return { text, problem: null };
}

/** The register's 办理情况 as the handling moves on. */
export const REGISTER_STATUS_OF: Record<HandlingStep, 'REGISTERED' | 'PROPOSED' | 'INSTRUCTED' | 'HANDLING' | 'CONCLUDED'> = {
  REGISTERED: 'REGISTERED',
  PROPOSED: 'PROPOSED',
  INSTRUCTED: 'INSTRUCTED',
  HANDLING: 'HANDLING',
  CONCLUDED: 'CONCLUDED',
};

/** A handling task is overdue when its deadline has passed and its section has not concluded its part. */
export const isOverdue = (task: { deadline: Date | null; status: TaskState }, now = new Date()) =>
  task.status !== 'DONE' && task.deadline !== null && task.deadline.getTime() < now.getTime();

/** How long before a deadline the section is reminded the first time. */
export const REMIND_BEFORE_HOURS = 24;
