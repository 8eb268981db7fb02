// What the seals service's resolvers need besides the request's unit of work.
import type { certificatesApi } from '@yizhan/certificates/contract';
import type { Config, InternalClient } from '@yizhan/common';
import type { documentsApi } from '@yizhan/documents/contract';
import type { SubgraphContext } from '@yizhan/kernel';
import type { orgApi } from '@yizhan/org/contract';

export interface SealsDeps {
  config: Config;
  /** The unit applying for a seal, and its seal keepers. */
  org: InternalClient<typeof orgApi>;
  /** Seal certificates, the seal maker's signature, and certificate checks at verification. */
  certificates: InternalClient<typeof certificatesApi>;
  /** A document's canonical content and recorded stamp. */
  documents: InternalClient<typeof documentsApi>;
}
export type SealsContext = SubgraphContext<SealsDeps>;
