// The expiry watch (issue 20), every hour on every replica: a CRL within CRL_WARNING_HOURS of its next update (or past
// it) is signed anew — the CA publishes a CRL only when a status changes, and one past its next update lets relying
// parties refuse every certificate of its suite — and every certificate ending within EXPIRY_URGENT_DAYS, or ended
// while still active, is named in one warning line for the operators' log alerts. The operators see the same on the
// console and in their banner (app/expiry.ts).
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@yizhan/common';
import { takeTurns } from '@yizhan/kernel';
import { certificateExpiry, crlExpiry, EXPIRY_URGENT_DAYS } from '../domain/expiry.ts';
import { publishCrl } from '../store/ca.ts';
import { crlsNow, expiringBefore, platformEm } from '../store/expiry.ts';

export interface ExpiryTurn {
  /** Suites whose CRL was signed anew. */
  renewedCrls: string[];
  /** Certificates ending within the urgent days, or ended while active. */
  urgent: number;
}

export function startExpiryWatch(opts: { orm: MikroORM; log: Logger; intervalMs?: number }) {
  /** One turn; `now` is another moment only in tests (a CRL near its next update without waiting a day). */
  const turn = async (now = new Date()): Promise<ExpiryTurn> => {
    try {
      const em = platformEm(opts.orm);
      const renewedCrls: string[] = [];
      for (const c of await crlsNow(em)) {
        if (crlExpiry(c.nextUpdate, now).state === 'OK') continue;
        await em.transactional((tx) => publishCrl(tx as EntityManager, c.suite));
        renewedCrls.push(c.suite);
        opts.log.info({ suite: c.suite, previous: c.number, nextUpdateWas: c.nextUpdate }, 'CRL signed anew before its next update');
      }
      const urgent = (await expiringBefore(em, new Date(now.getTime() + EXPIRY_URGENT_DAYS * 86_400_000))).map((r) => ({
        kind: r.kind,
        holder: r.holderName,
        serial: r.serial,
        notAfter: r.notAfter,
        state: certificateExpiry(r.notAfter, now).state,
      }));
      if (urgent.length) opts.log.warn({ certificates: urgent.slice(0, 50), count: urgent.length }, 'certificates end within days: renew them');
      return { renewedCrls, urgent: urgent.length };
    } catch (e) {
      opts.log.error({ err: e }, 'expiry watch failed');
      return { renewedCrls: [], urgent: 0 };
    }
  };
  return takeTurns({ intervalMs: opts.intervalMs ?? 3_600_000, turn });
}
