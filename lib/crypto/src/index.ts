// The platform's cryptography, shared by the certificates and seals services: both algorithm suites, X.509
// certificates (issue and read), CRLs, certification requests and PKCS#12. No service state lives here.

export * from './approval.ts';
export * from './batch-timestamp.ts';
export * from './chain.ts';
export * from './crl.ts';
export * from './csr.ts';
export * from './der.ts';
export * from './evidence.ts';
export * from './evidence-package.ts';
export * from './package-summary.ts';
export * from './person-signature.ts';
export * from './pkcs12.ts';
export * from './receipt.ts';
export * from './ses.ts';
export * from './suites.ts';
export * from './tsp.ts';
export * from './verify-package.ts';
export * from './x509.ts';
