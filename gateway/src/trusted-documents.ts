// Trusted documents for the dashboard. The dashboard's operations are extracted when it is built (web/operations)
// into a manifest of sha256 → operation text; the dashboard sends only the hash. A request that comes from the
// dashboard's origin must name a document of the manifest: a script injected into the dashboard, or a stolen
// session in a browser, cannot run any other query. API clients (a unit's OA system) are not browsers and may send
// their own documents, within the operation limits.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@yizhan/common';

export const defaultManifestPath = path.join(repoRoot, 'web', '.trusted', 'persisted-documents.json');

export interface TrustedDocuments {
  /** The operation text for a hash, or null when the dashboard never had it. */
  resolve(id: string): string | null;
  /** Whether a request with this Origin header must use a trusted document. */
  mustBeTrusted(origin: string | null | undefined): boolean;
  /** Origins allowed to call the gateway from a browser (CORS). */
  origins: string[];
  size: number;
}

export function loadTrustedDocuments(opts: { manifestPath?: string; dashboardOrigins?: string[] } = {}): TrustedDocuments {
  const file = opts.manifestPath ?? process.env.YIZHAN_TRUSTED_DOCUMENTS ?? defaultManifestPath;
  // No manifest (the dashboard was never built here): nothing is trusted, so the dashboard's origin gets nothing.
  const documents: Record<string, string> = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const origins = (opts.dashboardOrigins ?? (process.env.YIZHAN_DASHBOARD_ORIGIN ?? '').split(',')).map((o) => o.trim().replace(/\/$/, '')).filter(Boolean);
  return {
    resolve: (id) => (Object.hasOwn(documents, id) ? (documents[id] ?? null) : null),
    mustBeTrusted: (origin) => !!origin && origins.includes(origin),
    origins,
    size: Object.keys(documents).length,
  };
}

/** The hash a client sent, in the Apollo persisted-query format every GraphQL client speaks. */
export function persistedId(extensions: unknown): string | null {
  const pq = (extensions as { persistedQuery?: { version?: number; sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return pq?.version === 1 && typeof pq.sha256Hash === 'string' ? pq.sha256Hash : null;
}
