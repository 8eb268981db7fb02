'use client';
import type { ReactNode } from 'react';
import { configureGateway } from '../lib/client';
import { I18nProvider } from '../lib/i18n';
import { SessionProvider } from '../lib/session';

export function Providers({ gatewayUrl, children }: { gatewayUrl: string; children: ReactNode }) {
  configureGateway(gatewayUrl);
  return (
    <I18nProvider>
      <SessionProvider>{children}</SessionProvider>
    </I18nProvider>
  );
}
