// What the archive's resolvers need besides the request's unit of work.
import type { Config, InternalClient } from '@yizhan/common';
import type { documentsApi } from '@yizhan/contracts/documents';
import type { orgApi } from '@yizhan/contracts/org';
import type { sealsApi } from '@yizhan/contracts/seals';
import type { BlobStore, MalwareScanner, SubgraphContext } from '@yizhan/kernel';

export interface ArchiveDeps {
  config: Config;
  /** The archive's own store of files: records keep their content whatever happens to the documents service's. */
  store: BlobStore;
  /** The unit archiving (its code is the fonds number). */
  org: InternalClient<typeof orgApi>;
  /** What the archive keeps of a document. */
  documents: InternalClient<typeof documentsApi>;
  /** A stamp verified at ingest. */
  seals: InternalClient<typeof sealsApi>;
  scan: MalwareScanner;
}
export type ArchiveContext = SubgraphContext<ArchiveDeps>;
