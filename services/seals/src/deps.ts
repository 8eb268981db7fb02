// What the seals service's resolvers need besides the request's unit of work.

import type { Config, InternalClient } from '@yizhan/common';
import type { certificatesApi } from '@yizhan/contracts/certificates';
import type { documentsApi } from '@yizhan/contracts/documents';
import type { orgApi } from '@yizhan/contracts/org';
import type { SubgraphContext } from '@yizhan/kernel';

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
