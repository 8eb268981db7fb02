// Benchmark: an SM2 signature (SM3, the standard user id) by lib/crypto's signer (sm2-sign.ts: what the key needs
// kept per key) against sm-crypto-v2's doSignature given the public key, the same key and data, alternating rounds in
// one run.
// Usage: npm run bench:sm2-sign -- [signatures per round] [rounds]
import { sm2 } from 'sm-crypto-v2';
import { sm2SignRaw } from '../lib/crypto/src/sm2-sign.ts';
import { median } from './lib.ts';

const SIGNATURES = Number(process.argv[2] ?? 500);
const ROUNDS = Number(process.argv[3] ?? 5);

const key = sm2.generateKeyPairHex();
const data = new Uint8Array(Buffer.from('{"format":"yizhan-receipt","action":"SIGNED"}'.repeat(12)));
const signers = {
  ours: () => sm2SignRaw(key.privateKey, data),
  'sm-crypto-v2': () => sm2.doSignature(data, key.privateKey, { hash: true, der: true, publicKey: key.publicKey }),
};
const ms: Record<keyof typeof signers, number[]> = { ours: [], 'sm-crypto-v2': [] };
for (let round = 0; round < ROUNDS; round++)
  for (const name of (round % 2 ? ['sm-crypto-v2', 'ours'] : ['ours', 'sm-crypto-v2']) as (keyof typeof signers)[]) {
    for (let i = 0; i < 50; i++) signers[name]();
    const started = performance.now();
    for (let i = 0; i < SIGNATURES; i++) signers[name]();
    ms[name].push((performance.now() - started) / SIGNATURES);
  }
console.log(`\n${ROUNDS} rounds of ${SIGNATURES} signatures of ${data.length} bytes, medians\n`);
console.log('| signer | ms per signature |');
console.log('|---|---|');
for (const name of Object.keys(signers) as (keyof typeof signers)[]) console.log(`| ${name} | ${median(ms[name]).toFixed(3)} |`);
console.log(`\nratio ours / sm-crypto-v2: ${(median(ms.ours) / median(ms['sm-crypto-v2'])).toFixed(2)}`);
