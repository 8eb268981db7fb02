// Makes a province's Secrets as files, and the kustomization that turns them into Secrets, in k8s/secrets/out/
// (git-ignored; keep a copy in the province's vault). Nothing secret is ever in the repository: the base and the
// overlays only name these Secrets.
//
//   npx tsx k8s/secrets/generate.ts [--out DIR] [--namespace yizhan]      first time: every secret; later: nothing new
//   npx tsx k8s/secrets/generate.ts --rotate access-token                 adds a signing key (the newest signs)
//   npx tsx k8s/secrets/generate.ts --retire <kid>                        removes a key once what it signed expired
//   YIZHAN_EXCHANGE_TOKEN=… YIZHAN_EXCHANGE_PEER_TOKEN=… npx tsx k8s/secrets/generate.ts   the exchange's tokens (below)
//   kubectl apply -k k8s/secrets/out                                      then restart the processes that hold it
//
// The signing keys are written by @yizhan/common's own rotateKey (the format the processes read); each purpose gets
// two Secrets: the full keys for the one process that signs (access tokens: org; caller contexts: the gateway; the
// documents service's own calls: documents) and the public halves for those that only verify. The database passwords
// are URL-safe, so the manifests can put them into connection URLs. The CA and seal master secrets are 32 random
// bytes (base64): made once, never rotated here (what they encrypt would have to be encrypted again; k8s/README.md
// "Rotate keys").
//
// The exchange's two API tokens (yizhan-exchange, for k8s/components/exchange) are not made here: each platform issues
// its own (issueApiToken). Given as YIZHAN_EXCHANGE_TOKEN (issued here, to the peer's stand-in) and
// YIZHAN_EXCHANGE_PEER_TOKEN (issued by the peer, to this platform's stand-in there), they are written to exchange/token and exchange/peer-token and kept; a run without them keeps those
// written, and a run with them replaces them (a rotation). Without both, no Secret yizhan-exchange is made, and it
// says how to make it instead (k8s/README.md "Exchange with another platform").
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(import.meta.dirname, 'out') },
    namespace: { type: 'string', default: 'yizhan' },
    rotate: { type: 'string' },
    retire: { type: 'string' },
  },
});
const out = path.resolve(values.out as string);

fs.mkdirSync(out, { recursive: true, mode: 0o700 });
const signingDir = path.join(out, 'keys');
// rotateKey writes to $YIZHAN_KEYS_DIR/<purpose>: set before @yizhan/common reads it.
process.env.YIZHAN_KEYS_DIR = signingDir;
const { KEY_PURPOSES: PURPOSES, rotateKey } = await import('@yizhan/common');
type Purpose = (typeof PURPOSES)[number];

const keyFiles = (purpose: Purpose) => {
  const dir = path.join(signingDir, purpose);
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
};

for (const purpose of PURPOSES) if (keyFiles(purpose).length === 0) await rotateKey(purpose);
if (values.rotate) {
  if (!PURPOSES.includes(values.rotate as Purpose)) throw new Error(`--rotate takes ${PURPOSES.join(' or ')}`);
  console.log(`added ${values.rotate} key ${await rotateKey(values.rotate as Purpose)}`);
}
if (values.retire) {
  for (const purpose of PURPOSES) {
    const file = path.join(signingDir, purpose, `${values.retire}.json`);
    if (!fs.existsSync(file)) continue;
    if (keyFiles(purpose).length === 1) throw new Error(`${values.retire} is the only ${purpose} key: rotate first`);
    fs.rmSync(file);
    console.log(`retired ${purpose} key ${values.retire}`);
  }
}

// The public halves, written anew from the full keys each time.
for (const purpose of PURPOSES) {
  const dir = path.join(out, 'public', purpose);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const f of keyFiles(purpose)) {
    const { privateJwk: _private, ...pub } = JSON.parse(fs.readFileSync(path.join(signingDir, purpose, f), 'utf8'));
    fs.writeFileSync(path.join(dir, f), `${JSON.stringify(pub, null, 2)}\n`);
  }
}

/** A file made once with random content, kept on later runs. */
const once = (file: string, make: () => string) => {
  const full = path.join(out, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  if (!fs.existsSync(full)) fs.writeFileSync(full, make(), { mode: 0o600 });
  return file;
};
const password = () => crypto.randomBytes(24).toString('base64url');
const masterSecret = () => crypto.randomBytes(32).toString('base64');
const roles = { superuser: 'postgres', migrator: 'yizhan_migrator', app: 'yizhan_app', relay: 'yizhan_relay' };
for (const role of Object.keys(roles)) once(`db/${role}.password`, password);
once('ca-master.key', masterSecret);
once('seal-master.key', masterSecret);

const generator: string[] = [];
const secret = (name: string, lines: string[], type?: string) =>
  generator.push([`  - name: ${name}`, ...(type ? [`    type: ${type}`] : []), ...lines].join('\n'));
const keyFilesOf = (dir: string, purpose: Purpose) => ['    files:', ...keyFiles(purpose).map((f) => `      - ${f}=${dir}/${purpose}/${f}`)];
secret('yizhan-access-token-signing', keyFilesOf('keys', 'access-token'));
secret('yizhan-access-token-verify', keyFilesOf('public', 'access-token'));
secret('yizhan-caller-context-signing', keyFilesOf('keys', 'caller-context'));
secret('yizhan-caller-context-verify', keyFilesOf('public', 'caller-context'));
secret('yizhan-service-documents-signing', keyFilesOf('keys', 'service-documents'));
secret('yizhan-service-documents-verify', keyFilesOf('public', 'service-documents'));
for (const [role, name] of Object.entries(roles)) {
  secret(`yizhan-db-${role}`, ['    literals:', `      - username=${name}`, '    files:', `      - password=db/${role}.password`], 'kubernetes.io/basic-auth');
}
secret('yizhan-ca-master', ['    files:', '      - key=ca-master.key']);
secret('yizhan-seal-master', ['    files:', '      - key=seal-master.key']);
// The object store's credentials come from its administrator: put them in backup-s3/ and run again.
const s3 = ['ACCESS_KEY_ID', 'ACCESS_SECRET_KEY'];
if (s3.every((f) => fs.existsSync(path.join(out, 'backup-s3', f)))) secret('yizhan-backup-s3', ['    files:', ...s3.map((f) => `      - ${f}=backup-s3/${f}`)]);
else console.log(`no backup credentials yet: write ${s3.map((f) => path.join(out, 'backup-s3', f)).join(' and ')}, then run again`);

// The exchange's tokens: from the environment when given (written without a line break: the token goes into an
// Authorization header as it is), else as written before.
const exchangeTokens = { token: 'YIZHAN_EXCHANGE_TOKEN', 'peer-token': 'YIZHAN_EXCHANGE_PEER_TOKEN' };
for (const [key, variable] of Object.entries(exchangeTokens)) {
  const given = process.env[variable]?.trim();
  if (!given) continue;
  fs.mkdirSync(path.join(out, 'exchange'), { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(out, 'exchange', key), given, { mode: 0o600 });
  console.log(`exchange: ${key} from ${variable}`);
}
const exchangeFile = (key: string) => path.join(out, 'exchange', key);
if (Object.keys(exchangeTokens).every((k) => fs.existsSync(exchangeFile(k)))) {
  // A file written by hand may end with a line break, which would break the Authorization header: dropped.
  for (const k of Object.keys(exchangeTokens)) {
    const text = fs.readFileSync(exchangeFile(k), 'utf8');
    if (text !== text.trim()) fs.writeFileSync(exchangeFile(k), text.trim(), { mode: 0o600 });
  }
  secret('yizhan-exchange', ['    files:', ...Object.keys(exchangeTokens).map((k) => `      - ${k}=exchange/${k}`)]);
} else
  console.log(
    [
      'no exchange tokens: only a deployment that exchanges with a peer platform needs them (k8s/README.md "Exchange with another platform").',
      `  Run again with ${Object.values(exchangeTokens).join(' and ')} set, or create the Secret by hand:`,
      `  kubectl -n ${values.namespace} create secret generic yizhan-exchange --from-literal=token=<the peer's stand-in's token here> --from-literal=peer-token=<this platform's stand-in's token there>`,
    ].join('\n'),
  );

fs.writeFileSync(
  path.join(out, 'kustomization.yaml'),
  [
    '# Generated by k8s/secrets/generate.ts: the Secrets the manifests name. Apply with kubectl apply -k.',
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    `namespace: ${values.namespace}`,
    'generatorOptions:',
    '  # Fixed names: the Deployments name these Secrets; a changed key reaches a process at its next restart.',
    '  disableNameSuffixHash: true',
    '  labels:',
    '    app.kubernetes.io/part-of: yizhan',
    'secretGenerator:',
    ...generator,
    '',
  ].join('\n'),
);
console.log(`secrets in ${out}: kubectl apply -k ${path.relative(process.cwd(), out) || '.'}`);
