// Stamp and verify throughput against the raw signature operation of the same library (issue 6). For each suite:
// how many stamps a second (canonical JSON of the stamp data, the suite's digest of the document's canonical content,
// one signature) and verifications a second (the whole order: stamp signature, seal maker's signature, signer listed,
// seal and certificate status at signing, content digest), beside raw sign and verify of the same bytes with the
// same library, in the same run. The CA's answers come from memory here: the benchmark measures the cryptography,
// not HTTP. Run: npm run bench:seals -- [seconds per measurement]
import { performance } from 'node:perf_hooks';
import { canonicalBytes } from '@yizhan/common';
import { type Suite, sign, signedBy, verify } from '@yizhan/crypto';
import { makeStamp, verifyStamp } from '../services/seals/src/domain/stamp.ts';
import { sealWorld } from '../services/seals/test/seal-world.ts';

const seconds = Number(process.argv[2] ?? 2);

async function rate(fn: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i++) await fn(); // warm up
  let n = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  while (performance.now() < until) {
    await fn();
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

// A document's canonical content of a typical size: elements, the body's and five attachments' digests.
const canonical = canonicalBytes({
  version: 1,
  title: '陕西省人民政府办公厅关于切实做好电子公文传输工作的通知',
  body: 'cd'.repeat(32),
  attachments: Array.from({ length: 5 }, (_, i) => ({ name: `附件${i + 1}.pdf`, sha256: 'ef'.repeat(32), size: 123456 })),
  recipients: [{ role: 'MAIN', selector: { rootId: crypto.randomUUID(), levels: ['CITY', 'COUNTY'] } }],
  mainTo: '各市、县、区人民政府',
});

console.log(`stamp and verify throughput, ${seconds} s per measurement, one core\n`);
console.log('| suite | raw sign /s | stamp /s | stamp ÷ sign | raw verify /s | verify stamp /s | verify ÷ raw verify |');
console.log('|---|---|---|---|---|---|---|');
for (const suite of ['SM2', 'RSA'] as Suite[]) {
  const w = sealWorld(suite);
  const documentId = crypto.randomUUID();
  const stamp = makeStamp({ id: '1', seal: w.seal, privateKey: w.sealKey.privateKey, certificate: w.sealCert, documentId, canonical, at: new Date() });
  const stampData = canonicalBytes(stamp.data);
  const signature = Buffer.from(stamp.signature, 'base64');
  const publicKey = w.sealKey.publicKey;
  const context = {
    document: { id: documentId, canonical },
    sealStateAt: async () => ({ active: true, reason: null }),
    checkCertificate: async (der: Uint8Array) => ({ chain: signedBy(der, w.root), status: 'GOOD' }),
  };
  const rawSign = await rate(() => sign(suite, w.sealKey.privateKey, stampData));
  const stamping = await rate(() =>
    makeStamp({ id: '1', seal: w.seal, privateKey: w.sealKey.privateKey, certificate: w.sealCert, documentId, canonical, at: new Date() }),
  );
  const rawVerify = await rate(() => verify(suite, publicKey, stampData, signature));
  const verifying = await rate(async () => {
    const r = await verifyStamp(stamp, context);
    if (!r.valid) throw new Error('the benchmark stamp must verify');
  });
  const f = (x: number) => x.toFixed(0);
  console.log(
    `| ${suite} | ${f(rawSign)} | ${f(stamping)} | ${(stamping / rawSign).toFixed(2)} | ${f(rawVerify)} | ${f(verifying)} | ${(verifying / rawVerify).toFixed(2)} |`,
  );
}
