// What the seals service's resolvers need besides the request's unit of work.
import type { Config, SubgraphContext } from '@yizhan/kernel';

export interface SealsDeps {
  config: Config;
  orgUrl: string;
  certificatesUrl: string;
  documentsUrl: string;
}
export type SealsContext = SubgraphContext<SealsDeps>;
