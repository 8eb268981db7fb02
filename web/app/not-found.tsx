'use client';
// An address no page answers: said in the reader's language, with the way back, instead of Next.js's English page.
import Link from 'next/link';
import { useT } from '../lib/i18n';

export default function NotFound() {
  const t = useT();
  return (
    <main className="login">
      <h1>{t('页面不存在')}</h1>
      <p>{t('要打开的页面不存在，或地址有误。')}</p>
      <p>
        <Link href="/inbox">{t('返回收文')}</Link>
      </p>
    </main>
  );
}
