'use client';
// On 拟稿, a 通报 drafted from what the unit published — a bulletin of late and missing receipts (督办 → 通报; seeds
// 000 §24, 001 §16) or the result of a 考核评比 (seed 004 四(一)) — its figures in the text, the units it names as
// recipients, opened here to finish, then approved and sent as any document.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { gql } from '../lib/client';
import { fmtDate } from '../lib/format';
import { useAction, useQuery } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { ErrorNote, Section } from './ui';

interface Published {
  id: string;
  title: string;
  periodFrom: string;
  periodTo: string;
}

/** One kind of published figures to draft a 通报 from: the section, the choice's label and test id, and the drafting. */
function DraftFrom({
  title,
  choice,
  testId,
  note,
  list,
  draft,
}: {
  title: string;
  choice: string;
  testId: string;
  note: string;
  list: Published[];
  draft: (id: string) => Promise<string>;
}) {
  const t = useT();
  const router = useRouter();
  const act = useAction();
  const [chosen, setChosen] = useState('');
  if (!list.length) return null;
  const id = chosen || (list[0]?.id as string);
  return (
    <Section title={title}>
      <ErrorNote error={act.error} />
      <p className="actions">
        <label>
          {choice}{' '}
          <select value={id} onChange={(e) => setChosen(e.target.value)} data-testid={testId}>
            {list.map((b) => (
              <option key={b.id} value={b.id}>
                {/* The period's end is the moment after it: its last day is the one before. */}
                {t('{title}（{from} 至 {to}）', {
                  title: b.title,
                  from: fmtDate(b.periodFrom),
                  to: fmtDate(new Date(Date.parse(b.periodTo) - 1).toISOString()),
                })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={act.busy} onClick={() => void act.run(async () => router.push(`/compose?id=${await draft(id)}`))}>
          {t('生成通报稿')}
        </button>
      </p>
      <p className="muted">{note}</p>
    </Section>
  );
}

export function FromBulletin() {
  const t = useT();
  const bulletins = useQuery('Bulletins', {});
  return (
    <DraftFrom
      title={t('据通报起草')}
      choice={t('本单位发布的通报')}
      testId="bulletin-choice"
      note={t('按所选通报生成文种为“通报”的公文稿：正文列明各单位签收情况，主送被通报单位；可修改后送审。')}
      list={bulletins.data?.bulletins ?? []}
      draft={async (bulletinId) => (await gql('DraftBulletinDocument', { bulletinId })).draftBulletinDocument.id}
    />
  );
}

/** The unit's published 考核评比 results (not those published above it, which are not the unit's to issue). */
export function FromAssessment({ orgId }: { orgId: string }) {
  const t = useT();
  const assessments = useQuery('Assessments', {});
  return (
    <DraftFrom
      title={t('据考核评比结果起草')}
      choice={t('本单位公布的考核评比')}
      testId="assessment-choice"
      note={t('按所选考核评比生成文种为“通报”的公文稿：正文列明各单位得分、等次和加减分说明，主送被考核单位；可修改后送审。')}
      list={(assessments.data?.assessments ?? []).filter((a) => a.publishedAt && a.orgId === orgId)}
      draft={async (id) => (await gql('DraftAssessmentDocument', { id })).draftAssessmentDocument.id}
    />
  );
}
