// @yizhan/verify: the offline verifier of evidence packages, as a library (verifyPackage) and a command (cli.ts).
export { main } from './cli.ts';
export { type PackageVerification, type Verdict, verifyPackage } from './verify.ts';
