// The subgraphs that make up Yizhan, as the scripts see them. Adding a subgraph means adding it here.

import type { MikroORM } from '@mikro-orm/postgresql';
import type { ServiceDatabase } from '@yizhan/kernel';
import type { GraphQLSchema } from 'graphql';

export interface ServiceEntry {
  name: string;
  database: ServiceDatabase;
  defaultPort: number;
  buildSchema(): Promise<GraphQLSchema>;
  /** Demo data, applied when the service's tables are empty. */
  seed?(orm: MikroORM): Promise<boolean>;
}

export async function services(): Promise<ServiceEntry[]> {
  const org = await import('@yizhan/org');
  const documents = await import('@yizhan/documents');
  const certificates = await import('@yizhan/certificates');
  const seals = await import('@yizhan/seals');
  const archive = await import('@yizhan/archive');
  return [
    {
      name: 'org',
      database: org.orgDatabase,
      defaultPort: 4001,
      buildSchema: org.buildOrgSchema,
      seed: org.seedDemo,
    },
    {
      name: 'documents',
      database: documents.documentsDatabase,
      defaultPort: 4002,
      buildSchema: documents.buildDocumentsSchema,
      seed: documents.seedDocumentsDemo,
    },
    {
      name: 'certificates',
      database: certificates.certificatesDatabase,
      defaultPort: 4003,
      buildSchema: certificates.buildCertificatesSchema,
    },
    {
      name: 'seals',
      database: seals.sealsDatabase,
      defaultPort: 4004,
      buildSchema: seals.buildSealsSchema,
    },
    {
      name: 'archive',
      database: archive.archiveDatabase,
      defaultPort: 4005,
      buildSchema: archive.buildArchiveSchema,
    },
  ];
}
