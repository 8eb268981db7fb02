// npm run keys:rotate -- access-token|caller-context|service-documents: adds a new signing key; it signs from the
// next start on, while tokens signed by the older keys keep verifying until those keys are deleted from the folder.
import { KEY_PURPOSES, type KeyPurpose, keysDir, rotateKey } from '@yizhan/common';

const purpose = process.argv[2] as KeyPurpose;
if (!KEY_PURPOSES.includes(purpose)) {
  console.error(`usage: npm run keys:rotate -- ${KEY_PURPOSES.join('|')}`);
  process.exit(2);
}
const kid = await rotateKey(purpose);
console.log(`added ${purpose} key ${kid} in ${keysDir(purpose)}; restart the platform to sign with it`);
