'use client';
import { useState } from 'react';
// 催办 on the sender's board and in 督办: filters (未接收, 未签收, 超期, 已退回, 已报送) and a search over units and contacts,
// the board as CSV or XLSX (components/Export.tsx), each unit's registered contacts beside it, one click to urge it (in-app and by SMS to those
// contacts), a call made to it recorded (电话催办), and the 催办 made with each SMS's outcome and what the unit did after it.
import type { ContactFieldsFragment, UrgeFieldsFragment } from '../generated/operations';
import { gql } from '../lib/client';
import { fmtTime } from '../lib/format';
import { useAction } from '../lib/hooks';
import { type T, useLang, useT } from '../lib/i18n';
import { urgeNoteEn } from '../lib/written-notes';
import { ErrorNote, UNSIGNED } from './ui';

export type Contact = ContactFieldsFragment;
export type Urge = UrgeFieldsFragment;

/**
 * The board's filters; 已报送 only where the document asked for reports. 全部 is every unit once, by its live delivery
 * (as the figures on top and the groups count); deliveries replaced by a resend (plain or corrected) or recalled are
 * under 已重发或撤回 of a send board, apart.
 */
export const FILTERS = ['ALL', 'NOT_RECEIVED', 'NOT_SIGNED', 'OVERDUE', 'RETURNED', 'REPORTED', 'REPLACED'] as const;
export type Filter = (typeof FILTERS)[number];
/** Replaced by a resend (plain or corrected) or recalled: no longer counted as a recipient. */
export const REPLACED = ['RESENT', 'RECALLED'];
export const FILTER_WORDS: Record<Filter, string> = {
  REPLACED: '已重发或撤回',
  ALL: '全部',
  NOT_RECEIVED: '未接收',
  NOT_SIGNED: '未签收',
  OVERDUE: '超期',
  RETURNED: '已退回',
  REPORTED: '已报送',
};

export interface FilterRow {
  status: string;
  receivedAt?: string | null;
  dueAt?: string | null;
  reportState?: string | null;
}

export function matchesFilter(r: FilterRow, f: Filter): boolean {
  const unsigned = UNSIGNED.includes(r.status);
  switch (f) {
    case 'ALL':
      return !REPLACED.includes(r.status);
    case 'REPLACED':
      return REPLACED.includes(r.status);
    case 'NOT_RECEIVED':
      return unsigned && !r.receivedAt;
    case 'NOT_SIGNED':
      return unsigned;
    case 'OVERDUE':
      return unsigned && !!r.dueAt && new Date(r.dueAt) < new Date();
    case 'RETURNED':
      return r.status === 'RETURNED' || r.status === 'RESEND_REQUESTED';
    case 'REPORTED':
      return r.reportState === 'REPORTED' || r.reportState === 'LATE';
  }
}

/** A unit or one of its contacts matches the words searched (name, post, phone or mobile). */
export const matchesSearch = (unitName: string, contacts: Contact[], q: string) => {
  const words = q.trim();
  if (!words) return true;
  return [unitName, ...contacts.flatMap((c) => [c.name, c.post, c.phone, c.mobile ?? ''])].some((s) => s.includes(words));
};

/** The filter chips with their counts, and the search box. */
export function FilterBar({
  count,
  filter,
  setFilter,
  search,
  setSearch,
  filters = FILTERS,
}: {
  /** How many rows a chip holds (counted over what is loaded, or by the service over the whole board). */
  count: (f: Filter) => number;
  filter: Filter;
  setFilter: (f: Filter) => void;
  search: string;
  setSearch: (s: string) => void;
  filters?: readonly Filter[];
}) {
  const t = useT();
  return (
    <div className="actions" data-testid="board-filters">
      {filters.map((f) => (
        <button key={f} type="button" className={filter === f ? 'primary' : ''} aria-pressed={filter === f} onClick={() => setFilter(f)}>
          {t(FILTER_WORDS[f])} ({count(f)})
        </button>
      ))}
      <input type="search" aria-label={t('搜索单位或联系人')} placeholder={t('搜索单位或联系人')} value={search} onChange={(e) => setSearch(e.target.value)} />
    </div>
  );
}

/** A unit's registered contacts: name, post, phone and mobile. */
export function ContactList({ contacts }: { contacts: Contact[] }) {
  const t = useT();
  if (!contacts.length) return <span className="muted">{t('未登记联系人')}</span>;
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="contacts">
      {contacts.map((c) => (
        <li key={`${c.name}${c.phone}`}>
          {c.name} <span className="muted">{c.post}</span>
          <br />☎ {c.phone}
          {c.mobile && (
            <>
              {' '}
              · {t('手机')} {c.mobile}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

const CHANNEL: Record<string, string> = { SMS: '短信', IN_APP: '站内', PHONE: '电话' };
const SMS_STATUS: Record<string, string> = { PENDING: '发送中', SENT: '已发送', FAILED: '发送失败', CANCELLED: '已取消' };
const ANSWER: Record<string, string> = { SIGNED: '催办后已签收', RECEIVED: '催办后已接收', NONE: '尚无回应' };

/** The 催办 of a delivery: the last one in full, the count of earlier ones. */
export function UrgeTrail({ urges }: { urges: Urge[] }) {
  const t = useT();
  const { lang } = useLang();
  const last = urges[urges.length - 1];
  if (!last) return null;
  return (
    <div className="muted" data-testid="urge-trail">
      {t('催办')} {urges.length > 1 ? `×${urges.length} ` : ''}
      {fmtTime(last.at)} · {last.automatic ? t('自动催办') : last.byName} · {last.channels.map((c) => t(CHANNEL[c] ?? c)).join('+')}
      {(last.automatic || last.channels.includes('PHONE')) && last.note && (
        <div data-testid={last.automatic ? 'urge-automatic' : 'urge-phone'}>{lang === 'en' ? (urgeNoteEn(last.note) ?? last.note) : last.note}</div>
      )}
      {last.sms.map((s) => (
        <div key={s.name}>
          {t('短信')} {s.name}
          {t('：')}
          {t(SMS_STATUS[s.status] ?? s.status)}
        </div>
      ))}
      <div>{t(ANSWER[last.answer] ?? last.answer)}</div>
    </div>
  );
}

/** One click: urges the units of these deliveries; `onDone` refreshes the board. */
export function UrgeButton({ ids, label, onDone, className = 'link' }: { ids: string[]; label: string; onDone: () => unknown; className?: string }) {
  const act = useAction();
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={!ids.length || act.busy}
        onClick={() =>
          void act.run(async () => {
            await gql('UrgeDeliveries', { ids });
            await onDone();
          })
        }
      >
        {label}
      </button>
      <ErrorNote error={act.error} />
    </>
  );
}

/**
 * 电话催办: a call made to the unit, recorded with whom (one of its registered contacts, or a name typed), the number and
 * what was said; `onDone` refreshes the board.
 */
export function PhoneUrgeButton({ deliveryId, contacts, onDone }: { deliveryId: string; contacts: Contact[]; onDone: () => unknown }) {
  const t = useT();
  const act = useAction();
  const [open, setOpen] = useState(false);
  const [called, setCalled] = useState({ name: contacts[0]?.name ?? '', phone: contacts[0]?.phone ?? '', note: '' });
  if (!open)
    return (
      <button type="button" className="link" onClick={() => setOpen(true)}>
        {t('登记电话催办')}
      </button>
    );
  return (
    <div className="card" data-testid="phone-urge">
      <ErrorNote error={act.error} />
      <label className="field">
        <span>{t('被通知人')}</span>
        <input
          list={`contacts-${deliveryId}`}
          value={called.name}
          onChange={(e) => {
            const c = contacts.find((x) => x.name === e.target.value);
            setCalled({ ...called, name: e.target.value, phone: c ? c.phone : called.phone });
          }}
        />
        <datalist id={`contacts-${deliveryId}`}>
          {contacts.map((c) => (
            <option key={`${c.name}${c.phone}`} value={c.name} />
          ))}
        </datalist>
      </label>
      <label className="field">
        <span>{t('电话')}</span>
        <input value={called.phone} onChange={(e) => setCalled({ ...called, phone: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('通话情况')}</span>
        <input value={called.note} onChange={(e) => setCalled({ ...called, note: e.target.value })} placeholder={t('如：已通知，答复半小时内签收')} />
      </label>
      <p className="actions">
        <button
          type="button"
          className="primary"
          disabled={act.busy || !called.name.trim()}
          onClick={() =>
            void act.run(async () => {
              await gql('RecordPhoneUrge', { deliveryId, calledName: called.name, phone: called.phone || null, note: called.note || null });
              setOpen(false);
              await onDone();
            })
          }
        >
          {t('登记通话')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('取消')}
        </button>
      </p>
    </div>
  );
}

/** Contacts in one cell of an export. */
export const contactsText = (cs: Contact[]) => cs.map((c) => [c.name, c.post, c.phone, c.mobile].filter(Boolean).join(' ')).join('；');

/** The last 催办 in one cell of an export. */
export const urgeText = (t: T, us: Urge[]) => {
  const last = us[us.length - 1];
  return last ? `${fmtTime(last.at)} ${last.byName} ${last.note ?? ''} ${t(ANSWER[last.answer] ?? '')}`.trim() : '';
};
