// What the org service's resolvers need besides the request's unit of work, built once at start-up.
import type { Config, Signer, SubgraphContext } from '@yizhan/kernel';

export interface OrgDeps {
  config: Config;
  /** Signs access tokens at login; the gateway verifies them with the public half. */
  tokenSigner: Signer;
  /** The certificates service, which checks certificate logins (absent: certificate login is off). */
  certificatesUrl?: string;
}
export type OrgContext = SubgraphContext<OrgDeps>;
