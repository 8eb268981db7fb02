// What the archive's resolvers need besides the request's unit of work.
import type { BlobStore, Config, SubgraphContext } from '@yizhan/kernel';
import type { MalwareScanner } from './domain/checks.ts';

export interface ArchiveDeps {
  config: Config;
  /** The archive's own store of files: records keep their content whatever happens to the documents service's. */
  store: BlobStore;
  orgUrl: string;
  documentsUrl: string;
  sealsUrl: string;
  scan: MalwareScanner;
}
export type ArchiveContext = SubgraphContext<ArchiveDeps>;
