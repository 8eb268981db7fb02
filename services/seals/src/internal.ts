// The seals service's internal API, for the documents and archive services (never exposed by the gateway): the
// handlers of the calls its contract declares. Requests arrive checked against the contract.

import { sealsApi } from '@yizhan/contracts/seals';
import { serveInternalApi } from '@yizhan/kernel';
import { stampForSend } from './app/stamp.ts';
import { verifyForDocument as verify } from './app/verify-stamp.ts';
import { type SealsDeps } from './deps.ts';

export const sealsInternalApi = serveInternalApi<typeof sealsApi, SealsDeps>(sealsApi, { 'stamp-for-send': stampForSend, verify });
