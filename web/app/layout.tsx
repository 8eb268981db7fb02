import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = { title: '驿站 · 电子公文传输', description: '驿站 Yizhan: official-document exchange between government units' };

// The gateway's address is read when the page is served, so one build runs against any deployment.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  const gatewayUrl = process.env.YIZHAN_GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
  return (
    <html lang="zh-CN">
      <body>
        <Providers gatewayUrl={gatewayUrl}>{children}</Providers>
      </body>
    </html>
  );
}
