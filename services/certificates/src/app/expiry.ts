// Certificate and CRL expiry for the platform's operators (issue 20): the certificates — units', people's, seals',
// the TSA's and the CA's own — that end within a number of days, and each suite's CRL against its next update; the
// same figures as Prometheus metrics at /metrics (expiryMetrics), on the operations console, and in a banner above
// every page for the operators (the dashboard asks certificateExpiry). An hourly watch (jobs/expiry-watch.ts) signs a
// new CRL before the current one's next update and logs every certificate that needs renewing.
import type { MikroORM } from '@mikro-orm/postgresql';
import { badInput, forbidden, requireCaller } from '@yizhan/common';
import { addGauge, type Registry } from '@yizhan/kernel';
import type { CertificatesContext } from '../deps.ts';
import {
  CRL_WARNING_HOURS,
  certificateExpiry as certificateState,
  crlExpiry,
  EXPIRY_URGENT_DAYS,
  EXPIRY_WARNING_DAYS,
  ExpiryKind,
  isOperator,
  withinDaysProblem,
} from '../domain/expiry.ts';
import { type CrlRow, crlsNow, type ExpiringRow, expiringBefore, platformEm } from '../store/expiry.ts';

const DAY = 86_400_000;

/** What the operators see: certificates ending within `withinDays` (expired ones still active first), and the CRLs. */
export async function certificateExpiry(ctx: CertificatesContext, withinDays: number) {
  const caller = requireCaller(ctx);
  if (!isOperator(caller)) throw forbidden('Certificate and CRL expiry is for the platform’s operators: the administrators of the top unit');
  const problem = withinDaysProblem(withinDays);
  if (problem) throw badInput(problem, 'withinDays');
  const now = new Date();
  const rows = await expiringBefore(ctx.em, new Date(now.getTime() + withinDays * DAY));
  const crls = await crlsNow(ctx.em);
  return {
    at: now,
    withinDays,
    warningDays: EXPIRY_WARNING_DAYS,
    urgentDays: EXPIRY_URGENT_DAYS,
    crlWarningHours: CRL_WARNING_HOURS,
    certificates: rows.map((r) => ({ ...r, ...certificateState(r.notAfter, now) })),
    crls: crls.map((c) => ({ ...c, ...crlExpiry(c.nextUpdate, now) })),
  };
}

/**
 * The expiry figures in the service's /metrics, read at each scrape: per kind, the certificates ending within 7 and
 * within 30 days (expired ones still active included) and the seconds to the soonest end; per suite, the seconds to
 * the CRL's next update.
 */
export function expiryMetrics(orm: MikroORM) {
  return (registry: Registry) => {
    let read: Promise<{ rows: ExpiringRow[]; crls: CrlRow[] }> | null = null;
    // The three gauges read once per scrape.
    const figures = () => {
      read ??= (async () => {
        const em = platformEm(orm);
        // Everything ending within a year: the soonest per kind is among them for any working CA.
        return { rows: await expiringBefore(em, new Date(Date.now() + 366 * DAY)), crls: await crlsNow(em) };
      })().finally(() => setTimeout(() => (read = null), 0));
      return read;
    };
    const kinds = Object.values(ExpiryKind);
    addGauge(registry, {
      name: 'yizhan_certificates_expiring',
      help: 'Active certificates (units’, people’s, seals’, the TSA’s, the CA’s) ending within the days named, ended ones included',
      labelNames: ['kind', 'within_days'],
      async collect(g) {
        const { rows } = await figures();
        const now = Date.now();
        for (const kind of kinds)
          for (const days of [EXPIRY_URGENT_DAYS, EXPIRY_WARNING_DAYS])
            g.set({ kind, within_days: String(days) }, rows.filter((r) => r.kind === kind && r.notAfter.getTime() - now <= days * DAY).length);
      },
    });
    addGauge(registry, {
      name: 'yizhan_certificate_soonest_expiry_seconds',
      help: 'Seconds until the soonest end of an active certificate of the kind (negative once ended; absent when none ends within a year)',
      labelNames: ['kind'],
      async collect(g) {
        const { rows } = await figures();
        g.reset();
        for (const kind of kinds) {
          const first = rows.find((r) => r.kind === kind);
          if (first) g.set({ kind }, Math.round((first.notAfter.getTime() - Date.now()) / 1000));
        }
      },
    });
    addGauge(registry, {
      name: 'yizhan_crl_next_update_seconds',
      help: 'Seconds until the CRL’s next update (negative once past: relying parties may refuse the suite’s certificates)',
      labelNames: ['suite'],
      async collect(g) {
        const { crls } = await figures();
        for (const c of crls) g.set({ suite: c.suite }, c.nextUpdate ? Math.round((c.nextUpdate.getTime() - Date.now()) / 1000) : 0);
      },
    });
  };
}
