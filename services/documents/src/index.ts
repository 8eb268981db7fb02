// The documents subgraph: drafts, approval, numbering, sending, deliveries, the clerk inbox and receipts.
import { buildSubgraph, createLogger, fsBlobStore, loadConfig, loadVerifier, openOrm, type ServiceDatabase, startSubgraph } from '@yizhan/kernel';
import type { DocumentsDeps } from './deps.ts';
import { Delivery } from './entities/Delivery.ts';
import { Document } from './entities/Document.ts';
import { ApprovalStep, DocumentVersion, Upload } from './entities/History.ts';
import { fileRoutes } from './files.ts';
import { DocumentsInitial } from './migrations/0001_documents_initial.ts';
import { DocumentResolver } from './resolvers/DocumentResolver.ts';
import { InboxResolver } from './resolvers/InboxResolver.ts';

export const SERVICE_NAME = 'documents';

export const documentsDatabase: ServiceDatabase = {
  schema: 'documents',
  entities: [Document, Delivery, DocumentVersion, ApprovalStep, Upload],
  migrations: [{ name: '0001_documents_initial', class: DocumentsInitial }],
};

export function buildDocumentsSchema() {
  return buildSubgraph([DocumentResolver, InboxResolver]);
}

export async function startDocumentsService(opts: { appUrl: string; port: number; orgUrl: string; fault?: DocumentsDeps['fault'] }) {
  const config = loadConfig();
  const log = createLogger(SERVICE_NAME);
  const orm = await openOrm(opts.appUrl, documentsDatabase);
  const deps: DocumentsDeps = { config, blobs: fsBlobStore(config.files.blobDir), orgUrl: opts.orgUrl, fault: opts.fault };
  const running = await startSubgraph({
    name: SERVICE_NAME,
    schema: await buildDocumentsSchema(),
    orm,
    deps,
    verifier: await loadVerifier('caller-context'),
    log,
    port: opts.port,
    routes: fileRoutes(deps),
  });
  return {
    url: running.url,
    async close() {
      await running.close();
      await orm.close();
    },
  };
}
