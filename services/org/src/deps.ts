// What the org service's resolvers need besides the request's unit of work, built once at start-up.

import type { Config, InternalClient, Signer } from '@yizhan/common';
import type { certificatesApi } from '@yizhan/contracts/certificates';
import type { MalwareScanner, SubgraphContext } from '@yizhan/kernel';
import type { OrgSettings } from './settings.ts';
import type { AddressLimiter } from './store/login-limits.ts';

export interface OrgDeps {
  config: Config;
  settings: OrgSettings;
  /** Signs access tokens at login; the gateway verifies them with the public half. */
  tokenSigner: Signer;
  /** The certificates service, which checks certificate logins (absent: certificate login is off). */
  certificates?: InternalClient<typeof certificatesApi>;
  /** Failed logins per client address, shared by the replicas (absent: no limit per address). */
  addressLimiter?: AddressLimiter;
  /** Scans a mail attachment before it is kept (kernel malware-scan.ts: the operator's antivirus, or the EICAR check). */
  scan: MalwareScanner;
}
export type OrgContext = SubgraphContext<OrgDeps>;
