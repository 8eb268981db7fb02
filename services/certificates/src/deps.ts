// What the certificates service's resolvers need besides the request's unit of work.
import type { Config, SubgraphContext } from '@yizhan/kernel';

export interface CertificatesDeps {
  config: Config;
  /** The org service, asked who the caller is when a certificate names them. */
  orgUrl: string;
}
export type CertificatesContext = SubgraphContext<CertificatesDeps>;
