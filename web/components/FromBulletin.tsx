'use client';
// 拟制通报 (seeds 000 §24, 001 §16): on 拟稿, a 通报 drafted from a bulletin the unit published (督办 → 通报) — its
// figures in the text, the units it names as recipients — opened here to finish, then approved and sent as any document.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { gql } from '../lib/client';
import { fmtDate } from '../lib/format';
import { useAction, useQuery } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { ErrorNote, Section } from './ui';

export function FromBulletin() {
  const t = useT();
  const router = useRouter();
  const bulletins = useQuery('Bulletins', {});
  const act = useAction();
  const [chosen, setChosen] = useState('');
  const list = bulletins.data?.bulletins ?? [];
  if (!list.length) return null;
  const bulletinId = chosen || (list[0]?.id as string);
  return (
    <Section title={t('据通报起草')}>
      <ErrorNote error={act.error} />
      <p className="actions">
        <label>
          {t('本单位发布的通报')}{' '}
          <select value={bulletinId} onChange={(e) => setChosen(e.target.value)} data-testid="bulletin-choice">
            {list.map((b) => (
              <option key={b.id} value={b.id}>
                {t('{title}（{from} 至 {to}）', { title: b.title, from: fmtDate(b.periodFrom), to: fmtDate(b.periodTo) })}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={act.busy}
          onClick={() =>
            void act.run(async () => {
              const r = await gql('DraftBulletinDocument', { bulletinId });
              router.push(`/compose?id=${r.draftBulletinDocument.id}`);
            })
          }
        >
          {t('生成通报稿')}
        </button>
      </p>
      <p className="muted">{t('按所选通报生成文种为“通报”的公文稿：正文列明各单位签收情况，主送被通报单位；可修改后送审。')}</p>
    </Section>
  );
}
