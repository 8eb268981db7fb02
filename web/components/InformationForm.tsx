'use client';
// The form of a 信息 (seed 003 第八章), one for a new submission and for 修改后重新报送 of one sent back: its 栏目, title,
// body, who may read it (§32: 选择好可查看人员) and its images (§33(二): each within 500 KB, at most nine), an image too
// large or one too many told at once, before anything is sent. Changing an item, the images it had are kept unless
// removed and are sent again with any new ones: the service replaces them all, checked as a new submission.
import { useState } from 'react';
import type { InformationInput } from '../generated/operations';
import { gql } from '../lib/client';
import { fileToBase64 } from '../lib/files';
import { useAction } from '../lib/hooks';
import type { T } from '../lib/i18n';
import { AudiencePicker } from './AudiencePicker';
import { ErrorNote } from './ui';

export const COLUMNS = [
  ['WORK_NEWS', '工作动态'],
  ['NOTICES', '通知公告'],
  ['POLICIES', '政策法规'],
  ['EXPERIENCE', '经验交流'],
] as const;
/** seed 003 §33(二): 图片大小限制在500K以内; a few to an item (the service holds to both). */
const MAX_IMAGE_BYTES = 500 * 1024;
const MAX_IMAGES = 9;

/** An image of the form: one the item already has (kept, its bytes fetched when sent) or a file just chosen. */
type Chosen = { id: string; name: string; size: number } | { file: File; name: string; size: number };

export interface InformationFormValues {
  column: string;
  title: string;
  body: string;
  audience: string;
  viewerIds: string[];
  images: { id: string; name: string; size: number }[];
}

const EMPTY: InformationFormValues = { column: 'WORK_NEWS', title: '', body: '', audience: 'UNIT', viewerIds: [], images: [] };

export function InformationForm({
  t,
  orgId,
  initial = EMPTY,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  t: T;
  orgId: string;
  /** The item sent back, as it was; a blank form when not given. */
  initial?: InformationFormValues;
  submitLabel: string;
  /** Sends the item; the form is cleared after a new submission's answer. */
  onSubmit: (input: InformationInput) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const act = useAction();
  const [form, setForm] = useState({ column: initial.column, title: initial.title, body: initial.body, audience: initial.audience });
  const [viewers, setViewers] = useState<string[]>(initial.viewerIds);
  const [images, setImages] = useState<Chosen[]>(initial.images);
  // Told at once, before anything is sent: an image over 500 KB, or more than nine.
  const tooLarge = images.filter((f) => f.size > MAX_IMAGE_BYTES);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const send = () =>
    act.run(async () => {
      const chosen = await Promise.all(
        images.map(async (m) =>
          'file' in m
            ? { name: m.name, base64: await fileToBase64(m.file) }
            : { name: m.name, base64: (await gql('InformationImage', { id: m.id })).informationImage.base64 },
        ),
      );
      const r = await onSubmit({ ...form, viewerIds: form.audience === 'PEOPLE' ? viewers : null, images: chosen.length ? chosen : null });
      if (!onCancel) {
        setForm({ ...form, title: '', body: '' });
        setImages([]);
        setViewers([]);
      }
      return r;
    });
  return (
    <>
      <ErrorNote error={act.error} />
      <div className="grid">
        <label className="field">
          <span>{t('栏目')}</span>
          <select value={form.column} onChange={set('column')}>
            {COLUMNS.map(([k, zh]) => (
              <option key={k} value={k}>
                {t(zh)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('标题')}</span>
          <input value={form.title} onChange={set('title')} />
        </label>
        <label className="field">
          <span>{t('正文')}</span>
          <textarea rows={6} value={form.body} onChange={set('body')} placeholder={t('段落之间空一行')} />
        </label>
        <AudiencePicker
          t={t}
          orgId={orgId}
          audience={form.audience}
          viewers={viewers}
          onChange={(audience, chosen) => {
            setForm({ ...form, audience });
            setViewers(chosen);
          }}
        />
        {/* In the form's grid: its name in the label column, what it takes under the field. */}
        <label className="field">
          <span>{t('图片')}</span>
          <input
            type="file"
            aria-label={t('图片')}
            accept="image/png,image/jpeg,image/gif"
            multiple
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []).map((file) => ({ file, name: file.name, size: file.size }));
              setImages([...images, ...files].slice(0, MAX_IMAGES + 1));
              e.target.value = '';
            }}
          />
          <span className="muted">{t('PNG、JPEG 或 GIF，每张不超过 500 KB，最多 9 张')}</span>
        </label>
      </div>
      {images.length > 0 && (
        <ul data-testid="chosen-images">
          {images.map((f, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be chosen twice; its place is its identity
            <li key={n}>
              {f.name} <span className={f.size > MAX_IMAGE_BYTES ? 'refused' : 'muted'}>{`${Math.ceil(f.size / 1024)} KB`}</span>{' '}
              <button type="button" className="link" onClick={() => setImages(images.filter((_, k) => k !== n))}>
                {t('移除')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {tooLarge.length > 0 && (
        <p className="error" role="alert">
          {t('图片 {names} 超过 500 KB，请压缩后再上传', { names: tooLarge.map((f) => f.name).join(t('、')) })}
        </p>
      )}
      {images.length > MAX_IMAGES && (
        <p className="error" role="alert">
          {t('每条信息最多 9 张图片')}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={act.busy || !form.title.trim() || !form.body.trim() || tooLarge.length > 0 || images.length > MAX_IMAGES}
          onClick={() => void send()}
        >
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('取消')}
          </button>
        )}
      </div>
    </>
  );
}
