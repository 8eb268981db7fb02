// What the certificates service's resolvers need besides the request's unit of work.
import type { Config, InternalClient } from '@yizhan/common';
import type { orgApi } from '@yizhan/contracts/org';
import type { SubgraphContext } from '@yizhan/kernel';

export interface CertificatesDeps {
  config: Config;
  /** The org service, asked who the caller is when a certificate names them. */
  org: InternalClient<typeof orgApi>;
}
export type CertificatesContext = SubgraphContext<CertificatesDeps>;
