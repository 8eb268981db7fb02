// The certificates service's internal API, for other services (never exposed by the gateway): the handlers of the
// calls its contract declares. Requests arrive checked against the contract.

import { certificatesApi } from '@yizhan/contracts/certificates';
import { serveInternalApi } from '@yizhan/kernel';
import { publicCrl, sealMakerSign } from './app/authority.ts';
import { verifyLogin, verifyOwnSignature } from './app/certificate-login.ts';
import { sealCertificateStatus } from './app/change-status.ts';
import { checkCertificate } from './app/find-certificates.ts';
import { issueSealCertificate } from './app/issue.ts';
import { timestampForService, trustMaterial } from './app/timestamp.ts';
import { unitSignApproval, unitSignReceipt, unitSignReceipts } from './app/unit-keys.ts';

export const certificatesInternalApi = serveInternalApi(certificatesApi, {
  'public-crl': publicCrl,
  'verify-login': verifyLogin,
  'verify-own-signature': verifyOwnSignature,
  'issue-seal-certificate': issueSealCertificate,
  'seal-maker-sign': sealMakerSign,
  'check-certificate': checkCertificate,
  'seal-certificate-status': sealCertificateStatus,
  timestamp: timestampForService,
  'trust-material': trustMaterial,
  'unit-sign-receipt': unitSignReceipt,
  'unit-sign-receipts': unitSignReceipts,
  'unit-sign-approval': unitSignApproval,
});
