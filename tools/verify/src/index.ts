// @yizhan/verify: the offline verifier of evidence packages as a command (cli.ts); its checks are lib/crypto's
// verifyPackage, which the documents service also runs on a package a peer platform hands over (对端来文).

export { type PackageVerification, type Verdict, verifyPackage } from '@yizhan/crypto';
export { main } from './cli.ts';
