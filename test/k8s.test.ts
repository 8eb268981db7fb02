// The Kubernetes manifests (k8s/, issue 19), checked without a cluster: both overlays render (kubectl kustomize where
// it is installed, else the subset renderer in test/support/kustomize.ts, which is compared with kubectl wherever both
// exist); every object validates against the Kubernetes API schemas (kubernetes-models) and every CloudNativePG object
// against the vendored CRD schema of its version (k8s/schemas/), refusing fields the schema does not declare; every
// environment variable the processes' code reads is set by the manifests or has a default judged safe below; the
// Secrets the manifests name are the ones k8s/secrets/generate.ts makes, and no secret value is in the repository;
// subgraphs are reachable only from the gateway and their callers in docs/architecture.md; the images are the
// processes the build makes. The exchange with a peer platform (k8s/components/exchange) is checked as the processes
// are, in the overlays that include it: one replica, nothing reaches it, it reaches only the gateway, DNS and the peer.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '@yizhan/common';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { CONNECTORS, JOBS, PROCESSES } from '../scripts/lib/build.ts';
import { loadTypeScript } from '../scripts/lib/typescript-args.ts';
import { hasKubectl, type K8sObject, kubectlKustomize, parseManifests, render, renderSubset } from './support/kustomize.ts';

const k8s = path.join(repoRoot, 'k8s');
const OVERLAYS = ['dev', 'province'] as const;
/** The overlays that deploy each connector (scripts/lib/build.ts CONNECTORS): the exchange where there is a peer. */
const CONNECTOR_OVERLAYS: Record<string, readonly string[]> = { exchange: ['province'] };
const deploys = (overlay: string, name: string) => !(name in CONNECTORS) || (CONNECTOR_OVERLAYS[name] ?? []).includes(overlay);
/** The exchange's API tokens, as generate.ts is given them (k8s/secrets/generate.ts): test values only. */
const EXCHANGE_TOKENS = { YIZHAN_EXCHANGE_TOKEN: 'test-only-token-here', YIZHAN_EXCHANGE_PEER_TOKEN: 'test-only-token-there' };
const generateSecrets = (out: string, env: Record<string, string> = {}) => {
  const { YIZHAN_EXCHANGE_TOKEN: _here, YIZHAN_EXCHANGE_PEER_TOKEN: _there, ...inherited } = process.env;
  return spawnSync(process.execPath, [...loadTypeScript, path.join(k8s, 'secrets', 'generate.ts'), '--out', out], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...inherited, ...env },
  });
};
const rendered = new Map<string, K8sObject[]>();
let secretsDir: string;
let secrets: K8sObject[];

before(() => {
  for (const o of OVERLAYS) rendered.set(o, render(path.join(k8s, 'overlays', o)).objects);
  secretsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-k8s-secrets-'));
  fs.mkdirSync(path.join(secretsDir, 'backup-s3'));
  for (const f of ['ACCESS_KEY_ID', 'ACCESS_SECRET_KEY']) fs.writeFileSync(path.join(secretsDir, 'backup-s3', f), 'test-only');
  const r = generateSecrets(secretsDir, EXCHANGE_TOKENS);
  assert.equal(r.status, 0, r.stderr);
  secrets = render(secretsDir).objects;
});
after(() => fs.rmSync(secretsDir, { recursive: true, force: true }));

const objects = (overlay: string) => rendered.get(overlay) as K8sObject[];
const ofKind = (overlay: string, kind: string) => objects(overlay).filter((o) => o.kind === kind);
type Obj = Record<string, any>;
const podSpec = (o: K8sObject): Obj | undefined => (o.spec as Obj | undefined)?.template?.spec;
const workloads = (overlay: string) => objects(overlay).filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind));
const named = (overlay: string, kind: string, name: string) => {
  const o = objects(overlay).find((x) => x.kind === kind && x.metadata.name === name);
  assert.ok(o, `${overlay}: no ${kind} ${name}`);
  return o as K8sObject & Obj;
};

test('both overlays render, every object in the overlay namespace', () => {
  for (const o of OVERLAYS) {
    assert.ok(objects(o).length > 40, `${o} renders ${objects(o).length} objects`);
    const ns = o === 'dev' ? 'yizhan-dev' : 'yizhan';
    for (const x of objects(o)) assert.equal(x.metadata.namespace, ns, `${x.kind} ${x.metadata.name}`);
  }
});

test('the subset renderer gives what kubectl kustomize gives', { skip: !hasKubectl() && 'kubectl is not installed' }, () => {
  const key = (x: K8sObject) => `${x.kind}/${x.metadata.namespace}/${x.metadata.name}`;
  const canonical = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(canonical)
      : x && typeof x === 'object'
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, canonical((x as Obj)[k])]),
          )
        : x;
  for (const dir of [...OVERLAYS.map((o) => path.join(k8s, 'overlays', o)), secretsDir]) {
    // kustomize folds a Secret's long base64 over lines: the same bytes.
    const unfolded = (x: K8sObject) =>
      x.kind === 'Secret' ? { ...x, data: Object.fromEntries(Object.entries((x.data as Obj) ?? {}).map(([k, v]) => [k, String(v).replace(/\s+/g, '')])) } : x;
    const real = new Map(kubectlKustomize(dir).map((x) => [key(x), canonical(unfolded(x))]));
    const ours = new Map(renderSubset(dir).map((x) => [key(x), canonical(unfolded(x))]));
    assert.deepEqual([...ours.keys()].sort(), [...real.keys()].sort(), dir);
    for (const [k, v] of real) assert.deepEqual(ours.get(k), v, `${dir}: ${k}`);
  }
});

// kubernetes-models: one class per kind, validated by the Kubernetes OpenAPI schema of its version.
async function modelOf(apiVersion: string, kind: string) {
  const group = apiVersion.includes('/') ? apiVersion : `v1`;
  const mod = (await import(`kubernetes-models/${group}/${kind}`)) as Record<string, new (d: unknown) => { validate(): void }>;
  return mod[kind];
}

/** The CRD schemas vendored in k8s/schemas, by apiVersion and kind. */
function crdSchemas(): Map<string, Obj> {
  const out = new Map<string, Obj>();
  for (const f of fs.readdirSync(path.join(k8s, 'schemas')).filter((n) => n.endsWith('.yaml'))) {
    const crd = parseYaml(fs.readFileSync(path.join(k8s, 'schemas', f), 'utf8')) as Obj;
    for (const v of crd.spec.versions) out.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, v.schema.openAPIV3Schema);
  }
  return out;
}

/** Fields the schema does not declare: the API server drops them without a word, so a misspelt one is lost. */
function undeclared(value: unknown, schema: Obj, at: string): string[] {
  if (!schema || schema['x-kubernetes-preserve-unknown-fields']) return [];
  if (Array.isArray(value)) return schema.items ? value.flatMap((v, i) => undeclared(v, schema.items, `${at}[${i}]`)) : [];
  if (!value || typeof value !== 'object') return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const sub = schema.properties?.[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    if (!sub) {
      if (!schema.additionalProperties && !(at === '' && k === 'metadata')) out.push(`${at}.${k}`);
      continue;
    }
    if (at === '' && k === 'metadata') continue;
    out.push(...undeclared(v, sub, `${at}.${k}`));
  }
  return out;
}

test('every object validates: Kubernetes kinds by kubernetes-models, CloudNativePG kinds by their CRD', async () => {
  const crds = crdSchemas();
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const seen = new Set<string>();
  for (const o of OVERLAYS) {
    for (const x of [...objects(o), ...secrets]) {
      const where = `${o}: ${x.kind} ${x.metadata.name}`;
      const [group, version] = x.apiVersion.includes('/') ? x.apiVersion.split('/') : ['', x.apiVersion];
      const crd = crds.get(`${group}/${version}/${x.kind}`);
      if (crd) {
        const validate = ajv.compile(crd);
        assert.ok(validate(x), `${where}: ${ajv.errorsText(validate.errors)}`);
        assert.deepEqual(undeclared(x, crd, ''), [], `${where}: fields the CRD does not declare`);
      } else {
        assert.ok(!group?.endsWith('cnpg.io'), `${where}: no vendored CRD schema for ${x.apiVersion} ${x.kind}`);
        const Model = await modelOf(x.apiVersion, x.kind);
        assert.ok(Model, `${where}: not a Kubernetes kind`);
        // kustomize folds long base64 over lines (the API server's decoder skips the breaks; the schema's "byte" does not).
        const data =
          x.kind === 'Secret' ? { data: Object.fromEntries(Object.entries((x.data as Obj) ?? {}).map(([k, v]) => [k, String(v).replace(/\s+/g, '')])) } : {};
        assert.doesNotThrow(() => new Model({ ...x, ...data }).validate(), where);
      }
      seen.add(x.kind);
    }
  }
  for (const kind of [
    'Deployment',
    'Service',
    'PodDisruptionBudget',
    'HorizontalPodAutoscaler',
    'NetworkPolicy',
    'Job',
    'StatefulSet',
    'Cluster',
    'ScheduledBackup',
    'PersistentVolumeClaim',
    'Ingress',
    'ConfigMap',
    'Secret',
  ])
    assert.ok(seen.has(kind), `no ${kind} rendered`);
});

const DEPLOYED = ['gateway', 'org', 'documents', 'certificates', 'seals', 'archive', 'web'];

test('a Deployment per process, from the image of its production build, probed on its health endpoints, measured resources', () => {
  const sources: Record<string, string> = {
    gateway: fs.readFileSync(path.join(repoRoot, 'gateway/src/index.ts'), 'utf8'),
    subgraph: fs.readFileSync(path.join(repoRoot, 'services/kernel/src/subgraph.ts'), 'utf8'),
  };
  for (const o of OVERLAYS) {
    for (const name of DEPLOYED) {
      const d = named(o, 'Deployment', `yizhan-${name}`);
      const c = (podSpec(d)?.containers as Obj[])[0] as Obj;
      assert.match(c.image, new RegExp(`/yizhan/${name}:[\\w.-]+$`), `${name}'s image`);
      const port = c.ports[0].containerPort;
      const portEnv = (c.env ?? []).find((e: Obj) => e.name === 'PORT')?.value;
      if (name !== 'web') assert.equal(Number(portEnv), port, `${name}: PORT is the container port`);
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        assert.equal(c[probe]?.httpGet?.port, 'http', `${name}: ${probe}`);
        const p = c[probe].httpGet.path as string;
        if (name !== 'web') assert.ok(sources[name === 'gateway' ? 'gateway' : 'subgraph']?.includes(`'${p}'`), `${name}: ${p} is served`);
      }
      if (name !== 'web') {
        assert.equal(c.readinessProbe.httpGet.path, '/readyz');
        assert.equal(c.livenessProbe.httpGet.path, '/healthz');
      }
      assert.ok(c.resources?.requests?.cpu && c.resources?.requests?.memory && c.resources?.limits?.memory, `${name}: requests and a memory limit`);
      assert.equal(c.securityContext?.readOnlyRootFilesystem, true);
      const svc = named(o, 'Service', `yizhan-${name}`);
      assert.equal((svc.spec as Obj).ports[0].port, port);
      const hpa = named(o, 'HorizontalPodAutoscaler', `yizhan-${name}`);
      assert.equal((hpa.spec as Obj).scaleTargetRef.name, d.metadata.name);
      assert.equal((hpa.spec as Obj).minReplicas, (d.spec as Obj).replicas, `${name}: starts at the autoscaler's minimum`);
      const pdb = named(o, 'PodDisruptionBudget', `yizhan-${name}`);
      assert.deepEqual((pdb.spec as Obj).selector.matchLabels, (d.spec as Obj).selector.matchLabels);
    }
  }
  // The README gives each measured figure and when it was measured.
  const readme = fs.readFileSync(path.join(k8s, 'README.md'), 'utf8');
  for (const name of DEPLOYED) assert.match(readme, new RegExp(`\\| ${name} \\|`), `k8s/README.md measures ${name}`);
});

test('the images are the build: one per process, job and connector of scripts/lib/build.ts, plus the dashboard', () => {
  for (const name of Object.keys(CONNECTORS))
    assert.ok(
      OVERLAYS.some((o) => deploys(o, name)),
      `no overlay deploys ${name}`,
    );
  for (const o of OVERLAYS) {
    const built = [...Object.keys(PROCESSES), ...Object.keys(JOBS), ...Object.keys(CONNECTORS).filter((n) => deploys(o, n))];
    const images = new Set(
      workloads(o)
        .flatMap((w) => (podSpec(w)?.containers as Obj[]).map((c) => c.image as string))
        .filter((i) => i.includes('/yizhan/')),
    );
    const names = [...images].map((i) => i.replace(/^.*\/yizhan\/([\w-]+):.*$/, '$1')).sort();
    assert.deepEqual(names, [...built, 'web'].sort(), `${o}: images`);
  }
  const containerfile = fs.readFileSync(path.join(k8s, 'images', 'Containerfile'), 'utf8');
  // The build writes dist/<name>/main.js (scripts/lib/build.ts builtEntry); the image copies dist/<name>/ and runs main.js.
  assert.match(containerfile, /COPY dist\/\$\{PROCESS\}\/ \/app\/dist\//);
  assert.match(containerfile, /"\/app\/dist\/main\.js"/);
  assert.match(
    fs.readFileSync(path.join(repoRoot, 'scripts/lib/build.ts'), 'utf8'),
    /builtEntry = \(name: string\) => path\.join\(distDir, name, 'main\.js'\)/,
  );
  const web = fs.readFileSync(path.join(k8s, 'images', 'Containerfile.web'), 'utf8');
  assert.match(web, /COPY web\/\.next /);
  for (const f of ['Containerfile', 'Containerfile.web']) assert.match(fs.readFileSync(path.join(k8s, 'images', f), 'utf8'), /^USER 65532:65532$/m);
  const script = fs.readFileSync(path.join(repoRoot, 'scripts/build-images.ts'), 'utf8');
  assert.match(script, /'buildah', \['build'/);
  for (const f of ['Containerfile.base', 'Containerfile', 'Containerfile.web']) assert.ok(script.includes(`'${f}'`), `build-images.ts builds ${f}`);
  // The gateway reads the composed schema and the dashboard's trusted documents at run time: they go into its image.
  assert.ok(script.includes("'schema/supergraph.graphql'"));
  const gw = named('province', 'Deployment', 'yizhan-gateway');
  const trusted = (podSpec(gw)?.containers[0].env as Obj[]).find((e) => e.name === 'YIZHAN_TRUSTED_DOCUMENTS')?.value;
  assert.equal(trusted, '/app/web/generated/persisted-documents.json');
  assert.ok(script.includes("'extra-gateway/web/generated/persisted-documents.json'"));
});

/** Each process's code: the folders its bundle is built from. */
const COMMON = ['lib/common/src', 'lib/contracts/src', 'lib/crypto/src'];
const SERVICE_CODE = [...COMMON, 'services/kernel/src'];
const CODE: Record<string, string[]> = {
  gateway: [...COMMON, 'gateway/src'],
  org: [...SERVICE_CODE, 'services/org/src'],
  documents: [...SERVICE_CODE, 'services/documents/src'],
  certificates: [...SERVICE_CODE, 'services/certificates/src'],
  seals: [...SERVICE_CODE, 'services/seals/src'],
  archive: [...SERVICE_CODE, 'services/archive/src'],
  migrate: [...SERVICE_CODE, ...['org', 'documents', 'certificates', 'seals', 'archive'].map((s) => `services/${s}/src`), 'scripts/migrate.ts'],
  exchange: ['lib/common/src', 'tools/exchange/src'],
  web: ['web/app', 'web/lib', 'web/components'],
};

/** The environment variables a folder's code reads: process.env.X (or env.X, of an environment passed in, as the
 * exchange's main(env = process.env) reads it), common's int('X')/str('X'), loadSecret('x'). */
function variablesRead(paths: string[]): Set<string> {
  const found = new Set<string>();
  const scan = (file: string) => {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?<![\w.$])(?:process\.)?env(?:\.([A-Z_][A-Z0-9_]*)|\[\s*['"]([A-Z_][A-Z0-9_]*)['"]\s*\])/g))
      found.add((m[1] ?? m[2]) as string);
    for (const m of text.matchAll(/\b(?:int|str)\(\s*'([A-Z_][A-Z0-9_]*)'/g)) found.add(m[1] as string);
    for (const m of text.matchAll(/loadSecret\(\s*'([a-z-]+)'\s*\)/g)) found.add(`YIZHAN_SECRET_${(m[1] as string).toUpperCase().replaceAll('-', '_')}`);
  };
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    if (fs.statSync(p).isFile()) return scan(p);
    for (const e of fs.readdirSync(p, { withFileTypes: true })) {
      if (['node_modules', 'test', 'testing', 'generated', '.next', '.next-test'].includes(e.name) || e.name.endsWith('.test.ts')) continue;
      const full = path.join(p, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(e.name)) scan(full);
    }
  };
  for (const p of paths) walk(path.join(repoRoot, p));
  return found;
}

/** Variables the manifests leave unset because the code's default is right in a cluster too, with why. Anything the
 * code reads that is neither set nor here fails the test; an entry the code no longer reads fails it too. */
const SAFE_DEFAULTS: Record<string, string> = {
  YIZHAN_MIGRATOR_ROLE: 'yizhan_migrator, the role the CloudNativePG Cluster declares',
  YIZHAN_APP_ROLE: 'yizhan_app, as declared in the Cluster',
  YIZHAN_RELAY_ROLE: 'yizhan_relay, as declared in the Cluster',
  YIZHAN_CALLER_TTL_SECONDS: '60 s caller contexts',
  YIZHAN_PUBLIC_URL:
    'read by every process with the rest of the configuration, used by the CA alone (which the manifests give it: yizhan-public); unset, no CRL distribution point is written',
  YIZHAN_SESSION_CHECK_SECONDS: "600 s safety net behind org's session-change feed",
  YIZHAN_MAX_DEPTH: 'gateway operation limit (10)',
  YIZHAN_MAX_ALIASES: 'gateway operation limit (15)',
  YIZHAN_MAX_TOKENS: 'gateway operation limit (2000)',
  YIZHAN_MAX_COST: 'gateway operation limit (5000)',
  YIZHAN_GATEWAY_PLANNER: "unset, the runtime's JavaScript query planner, the one every test passes with",
  YIZHAN_MAX_SOCKETS_PER_SESSION: 'live connections per login (20)',
  YIZHAN_MAX_SUBSCRIPTIONS_PER_SOCKET: 'subscriptions per connection (50)',
  YIZHAN_METRICS_TOKEN:
    "unset, the gateway's own /metrics answers only its own machine (closed); the subgraphs' /metrics serve the monitoring inside the cluster",
  YIZHAN_MAX_WS_PAYLOAD_KB: '64 KB graphql-ws messages',
  YIZHAN_MAX_FILE_KB: '20 MB uploads (the Ingress allows 25 MB bodies)',
  YIZHAN_MAX_IMAGE_KB: '500 KB seal images',
  YIZHAN_MAX_DOCUMENT_KB: '50 MB per document',
  OTEL_EXPORTER_OTLP_ENDPOINT: 'no trace export until a collector is named',
  YIZHAN_TELEMETRY: 'telemetry on',
  YIZHAN_SMS_GATEWAY_URL: 'unset: SMS alerts are not sent (in-app and webhook alerts are); set it to the province SMS gateway',
  YIZHAN_ALERT_INTERVAL_MS: 'alert dispatcher every second',
  YIZHAN_OVERDUE_CHECK_MS: 'overdue marker every minute',
  YIZHAN_ESCALATION_CHECK_MS: 'automatic 催办 (自动催办) every minute',
  YIZHAN_ALERT_MAX_ATTEMPTS: '30 attempts',
  YIZHAN_ALERT_GIVE_UP_HOURS: 'a day',
  YIZHAN_BOARD_INTERVAL_MS: 'live board every 125 ms',
  YIZHAN_EVIDENCE_BATCH_ITEMS: 'evidence linked and time-stamped when 1,000 items wait …',
  YIZHAN_EVIDENCE_BATCH_MS: '… or the oldest has waited 10 s',
  YIZHAN_ALLOW_PRIVATE_WEBHOOKS: 'honoured only with NODE_ENV=test; production refuses private webhook addresses',
  YIZHAN_TOKEN_TTL_SECONDS: '8-hour sessions',
  YIZHAN_MAX_FAILED_LOGINS: '5',
  YIZHAN_LOGIN_DELAY_MS: 'one minute, doubling',
  YIZHAN_LOGIN_DELAY_MAX_MS: 'half an hour at most',
  YIZHAN_LOGIN_ADDRESS_LIMIT: '20 failures per address',
  YIZHAN_LOGIN_ADDRESS_WINDOW_SECONDS: 'per 60 s',
  YIZHAN_PASSWORD_MAX_AGE_DAYS: '90 days',
  YIZHAN_MALWARE_SCAN_CMD: "the built-in check; a province sets clamdscan's command (k8s/README.md)",
  YIZHAN_TRUSTED_PROXIES: "none: the client address is the ingress controller's; login limits per address then count all clients together (k8s/README.md)",
  YIZHAN_EXCHANGE_INTERVAL_MS: "the exchange's turn every 30 s (components/exchange: an overlay may set it in the ConfigMap yizhan-exchange)",
};
/** Read by every process's shared code (common's loadConfig, the kernel's loadSecret) but used only by these, which
 * must set them; the others never connect or decrypt with them. */
const USED_ONLY_BY: Record<string, string[]> = {
  DATABASE_URL: ['migrate'],
  YIZHAN_MIGRATOR_PASSWORD: ['migrate'],
  YIZHAN_APP_PASSWORD: ['migrate', 'org', 'documents', 'certificates', 'seals', 'archive'],
  YIZHAN_RELAY_PASSWORD: ['migrate', 'org', 'documents', 'certificates', 'seals', 'archive'],
  YIZHAN_APP_DATABASE_URL: ['org', 'documents', 'certificates', 'seals', 'archive'],
  YIZHAN_RELAY_DATABASE_URL: ['org', 'documents', 'certificates', 'seals', 'archive'],
  PORT: ['gateway', 'org', 'documents', 'certificates', 'seals', 'archive'],
  YIZHAN_SECRET_CA_MASTER: ['certificates'],
  YIZHAN_SECRET_SEAL_MASTER: ['seals'],
};

test('every environment variable the code reads is set by the manifests or has a safe default', () => {
  const used = new Set<string>();
  for (const o of OVERLAYS) {
    const configMaps = new Map(ofKind(o, 'ConfigMap').map((c) => [c.metadata.name, Object.keys((c.data as Obj) ?? {})]));
    for (const [process, paths] of Object.entries(CODE)) {
      const w = workloads(o).find((x) => x.metadata.labels?.['app.kubernetes.io/name'] === process);
      if (!deploys(o, process)) {
        assert.ok(!w, `${o}: deploys ${process}, which it has no peer for`);
        continue;
      }
      assert.ok(w, `${o}: no workload for ${process}`);
      const c = (podSpec(w)?.containers as Obj[])[0] as Obj;
      const set = new Set<string>([
        ...((c.env as Obj[]) ?? []).map((e) => e.name as string),
        ...((c.envFrom as Obj[]) ?? []).flatMap((e) => configMaps.get(e.configMapRef?.name) ?? []),
      ]);
      // What the image itself sets (k8s/images/Containerfile*: ENV).
      set.add('NODE_ENV');
      if (process !== 'web') set.add('YIZHAN_LISTEN_HOST');
      const read = variablesRead(paths);
      assert.ok(read.size > 0 || process === 'web', `${process}: no variable found (the scan is broken)`);
      for (const v of read) {
        used.add(v);
        if (set.has(v)) continue;
        if (USED_ONLY_BY[v]) {
          assert.ok(!USED_ONLY_BY[v].includes(process), `${o}: ${process} must set ${v}`);
          continue;
        }
        assert.ok(v in SAFE_DEFAULTS, `${o}: ${process} reads ${v}, which the manifests do not set and whose default is not known to be safe`);
      }
    }
  }
  for (const v of Object.keys(SAFE_DEFAULTS)) assert.ok(used.has(v), `SAFE_DEFAULTS names ${v}, which no code reads any more`);
  // The configuration the manifests do set points at what they deploy.
  const config = ofKind('province', 'ConfigMap').find((c) => c.metadata.name.startsWith('yizhan-config-')) as Obj;
  const subgraphs = JSON.parse(config.data.YIZHAN_SUBGRAPHS) as Record<string, string>;
  for (const [name, url] of Object.entries(subgraphs)) {
    const svc = named('province', 'Service', `yizhan-${name}`);
    assert.equal(url, `http://yizhan-${name}:${(svc.spec as Obj).ports[0].port}/graphql`);
  }
  assert.equal(config.data.YIZHAN_EVENT_BUS, `nats://${named('province', 'Service', 'yizhan-nats').metadata.name}:4222`);
});

test('the Secrets the manifests name are those generate.ts makes, mounted where the code reads them; none is in the repository', () => {
  const made = new Map(secrets.map((s) => [s.metadata.name, s as Obj]));
  const ignoredBy = (file: string) => spawnSync('git', ['check-ignore', '-q', file], { cwd: repoRoot }).status === 0;
  for (const o of OVERLAYS) {
    const refs = new Set<string>();
    const walk = (v: unknown, key = '') => {
      if (Array.isArray(v)) {
        for (const x of v) walk(x);
        return;
      }
      if (!v || typeof v !== 'object') return;
      for (const [k, x] of Object.entries(v)) {
        if (
          (k === 'secretName' ||
            (['secretKeyRef', 'secretRef', 'passwordSecret', 'superuserSecret', 'secret', 'accessKeyId', 'secretAccessKey'].includes(key) && k === 'name')) &&
          typeof x === 'string'
        )
          refs.add(x);
        walk(x, k);
      }
    };
    for (const x of objects(o)) walk(x);
    refs.delete('yizhan-tls'); // the Ingress's certificate: the province's own (cert-manager or its CA)
    for (const r of refs) assert.ok(made.has(r), `${o}: names the Secret ${r}, which generate.ts does not make`);
    assert.equal(ofKind(o, 'Secret').length, 0, `${o}: a Secret in the rendered manifests`);
  }
  // Signing keys: the signer holds the private key, everyone else the public half only.
  const priv = (name: string) => Object.values(made.get(name)?.data as Record<string, string>).map((b) => JSON.parse(Buffer.from(b, 'base64').toString()));
  for (const name of ['yizhan-access-token-signing', 'yizhan-caller-context-signing', 'yizhan-service-documents-signing'])
    assert.ok(priv(name).every((k) => k.privateJwk));
  for (const name of ['yizhan-access-token-verify', 'yizhan-caller-context-verify', 'yizhan-service-documents-verify'])
    assert.ok(priv(name).every((k) => !k.privateJwk && k.publicJwk));
  const mounts = (name: string) => {
    const spec = podSpec(named('province', 'Deployment', `yizhan-${name}`)) as Obj;
    const byVolume = new Map((spec.volumes as Obj[]).map((v) => [v.name, v.secret?.secretName]));
    return Object.fromEntries((spec.containers[0].volumeMounts as Obj[]).filter((m) => byVolume.get(m.name)).map((m) => [m.mountPath, byVolume.get(m.name)]));
  };
  const keysDir = (ofKind('province', 'ConfigMap').find((c) => c.metadata.name.startsWith('yizhan-config-')) as Obj).data.YIZHAN_KEYS_DIR;
  assert.deepEqual(mounts('gateway'), {
    [`${keysDir}/access-token`]: 'yizhan-access-token-verify',
    [`${keysDir}/caller-context`]: 'yizhan-caller-context-signing',
  });
  // The documents service signs its own calls (its evidence job's time stamps, the contacts of the units its callers
  // sent to); the certificates and org services, which answer them, hold the public half.
  assert.deepEqual(mounts('org'), {
    [`${keysDir}/access-token`]: 'yizhan-access-token-signing',
    [`${keysDir}/caller-context`]: 'yizhan-caller-context-verify',
    [`${keysDir}/service-documents`]: 'yizhan-service-documents-verify',
  });
  assert.deepEqual(mounts('documents'), {
    [`${keysDir}/caller-context`]: 'yizhan-caller-context-verify',
    [`${keysDir}/service-documents`]: 'yizhan-service-documents-signing',
  });
  assert.deepEqual(mounts('certificates'), {
    [`${keysDir}/caller-context`]: 'yizhan-caller-context-verify',
    [`${keysDir}/service-documents`]: 'yizhan-service-documents-verify',
  });
  for (const s of ['seals', 'archive']) assert.deepEqual(mounts(s), { [`${keysDir}/caller-context`]: 'yizhan-caller-context-verify' });
  const secretEnv = (name: string, v: string) =>
    ((podSpec(named('province', 'Deployment', `yizhan-${name}`)) as Obj).containers[0].env as Obj[]).find((e) => e.name === v)?.valueFrom?.secretKeyRef?.name;
  assert.equal(secretEnv('certificates', 'YIZHAN_SECRET_CA_MASTER'), 'yizhan-ca-master');
  assert.equal(secretEnv('seals', 'YIZHAN_SECRET_SEAL_MASTER'), 'yizhan-seal-master');
  assert.equal(Buffer.from(Buffer.from((made.get('yizhan-ca-master') as Obj).data.key, 'base64').toString(), 'base64').length, 32);
  // The database Secrets name the roles the platform provisions.
  for (const [s, role] of [
    ['yizhan-db-app', 'yizhan_app'],
    ['yizhan-db-relay', 'yizhan_relay'],
    ['yizhan-db-migrator', 'yizhan_migrator'],
    ['yizhan-db-superuser', 'postgres'],
  ]) {
    const secret = made.get(s as string) as Obj;
    assert.equal(secret.type, 'kubernetes.io/basic-auth');
    assert.equal(Buffer.from(secret.data.username, 'base64').toString(), role);
    assert.match(Buffer.from(secret.data.password, 'base64').toString(), /^[\w-]{32}$/, 'URL-safe');
  }
  // Nothing secret is committed: the generated folder is ignored, and no committed file under k8s/ holds a Secret or key.
  assert.ok(ignoredBy('k8s/secrets/out/kustomization.yaml'));
  const tracked = spawnSync('git', ['ls-files', 'k8s'], { cwd: repoRoot, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  const candidates = [...new Set([...tracked, ...fs.readdirSync(path.join(k8s, 'base')).map((f) => `k8s/base/${f}`)])];
  for (const f of candidates) {
    if (f.startsWith('k8s/schemas/') || !fs.existsSync(path.join(repoRoot, f))) continue;
    const text = fs.readFileSync(path.join(repoRoot, f), 'utf8');
    assert.doesNotMatch(text, /privateJwk"\s*:|BEGIN [A-Z ]*PRIVATE KEY/, f);
    if (/\.ya?ml$/.test(f)) for (const x of parseManifests(text)) assert.ok(x.kind !== 'Secret', `${f}: a Secret`);
  }
});

test('subgraphs are reachable only from the gateway and their callers; PostgreSQL and NATS only from the services', () => {
  // The calls table of docs/architecture.md: `| caller → answering service | …`.
  const doc = fs.readFileSync(path.join(repoRoot, 'docs/architecture.md'), 'utf8');
  const callers = new Map<string, Set<string>>();
  for (const m of doc.matchAll(/^\| (\w+) → (\w+) \|/gm)) {
    const [caller, callee] = [m[1] as string, m[2] as string];
    callers.set(callee, new Set([...(callers.get(callee) ?? []), caller]));
  }
  assert.ok(callers.size >= 5, 'the calls table is found');
  for (const o of OVERLAYS) {
    const policies = ofKind(o, 'NetworkPolicy') as Obj[];
    const deny = policies.find((p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress);
    assert.ok(deny, `${o}: a default deny of ingress`);
    // Prometheus's scrape of the metrics ports is its own test (below).
    const from = (selector: Obj) =>
      policies
        .filter((p) => !isPrometheusPolicy(p) && JSON.stringify(p.spec.podSelector.matchLabels) === JSON.stringify(selector))
        .flatMap((p) => p.spec.ingress as Obj[]);
    for (const name of ['org', 'documents', 'certificates', 'seals', 'archive']) {
      const rules = from({ 'app.kubernetes.io/name': name });
      const allowed = new Set(
        rules.flatMap((r) => (r.from ?? [{ anyone: true }]).map((f: Obj) => f.podSelector?.matchLabels?.['app.kubernetes.io/name'] ?? 'ANYONE')),
      );
      assert.deepEqual(
        [...allowed].sort(),
        ['gateway', ...(callers.get(name) ?? [])].filter((v, i, a) => a.indexOf(v) === i).sort(),
        `${o}: who reaches ${name}`,
      );
    }
    const clients = (selector: Obj) =>
      from(selector)
        .flatMap((r) => r.from as Obj[])
        .map((f) => JSON.stringify(f.podSelector?.matchLabels ?? f.namespaceSelector?.matchLabels));
    const dbClients = clients({ 'cnpg.io/cluster': 'yizhan-db' });
    assert.deepEqual([...new Set(dbClients)].sort(), [
      '{"cnpg.io/cluster":"yizhan-db"}',
      '{"kubernetes.io/metadata.name":"cnpg-system"}',
      '{"yizhan.gov.cn/database-client":"true"}',
    ]);
    assert.deepEqual([...new Set(clients({ 'app.kubernetes.io/name': 'nats' }))].sort(), [
      '{"app.kubernetes.io/name":"nats"}',
      '{"yizhan.gov.cn/nats-client":"true"}',
    ]);
    // Exactly the services (and the migrations) carry the database label; exactly the services the NATS one.
    const labelled = (label: string) =>
      workloads(o)
        .filter((w) => (w.spec as Obj).template.metadata.labels[label] === 'true')
        .map((w) => w.metadata.labels?.['app.kubernetes.io/name'])
        .sort();
    assert.deepEqual(labelled('yizhan.gov.cn/database-client'), ['archive', 'certificates', 'documents', 'migrate', 'org', 'seals']);
    assert.deepEqual(labelled('yizhan.gov.cn/nats-client'), ['archive', 'certificates', 'documents', 'org', 'seals']);
  }
});

const isPrometheusPolicy = (p: Obj) => String(p.metadata.name).startsWith('yizhan-prometheus');

test('Prometheus scrapes /metrics: only its own pods of the monitoring namespace, only on the metrics ports of the processes that serve it', () => {
  const PROMETHEUS = { namespace: { 'kubernetes.io/metadata.name': 'monitoring' }, pod: { 'app.kubernetes.io/name': 'prometheus' } };
  // Every process that serves GET /metrics: the gateway and the five subgraphs, each on its http port.
  const SERVING = ['gateway', 'org', 'documents', 'certificates', 'seals', 'archive'];
  for (const o of OVERLAYS) {
    const policies = (ofKind(o, 'NetworkPolicy') as Obj[]).filter(isPrometheusPolicy);
    assert.equal(policies.length, 2, `${o}: one policy for the processes, one for the database's exporter`);
    for (const p of policies)
      for (const rule of p.spec.ingress as Obj[]) {
        // One element with both selectors: Prometheus pods AND the monitoring namespace (two elements would be OR).
        assert.equal((rule.from as Obj[]).length, 1, `${o}/${p.metadata.name}: one peer`);
        const peer = (rule.from as Obj[])[0] as Obj;
        assert.deepEqual(peer.namespaceSelector?.matchLabels, PROMETHEUS.namespace, `${o}/${p.metadata.name}: the monitoring namespace only`);
        assert.deepEqual(peer.podSelector?.matchLabels, PROMETHEUS.pod, `${o}/${p.metadata.name}: Prometheus's pods only`);
      }
    const processes = policies.find((p) => p.spec.podSelector.matchExpressions) as Obj;
    const selects = (processes.spec.podSelector.matchExpressions as Obj[])[0] as Obj;
    assert.deepEqual([selects.key, selects.operator, [...selects.values].sort()], ['app.kubernetes.io/name', 'In', [...SERVING].sort()]);
    const ports = new Set((processes.spec.ingress as Obj[]).flatMap((r) => (r.ports as Obj[]).map((p) => p.port)));
    const httpPorts = SERVING.map((name) => {
      const d = named(o, 'Deployment', `yizhan-${name}`);
      const container = (podSpec(d) as Obj).containers[0] as Obj;
      return (container.ports as Obj[]).find((p) => p.name === 'http')?.containerPort as number;
    });
    assert.deepEqual([...ports].sort(), [...httpPorts].sort(), `${o}: exactly the ports /metrics is served on`);
    const db = policies.find((p) => p.spec.podSelector.matchLabels) as Obj;
    assert.deepEqual(db.spec.podSelector.matchLabels, { 'cnpg.io/cluster': 'yizhan-db' });
    assert.deepEqual(
      (db.spec.ingress as Obj[]).flatMap((r) => (r.ports as Obj[]).map((p) => p.port)),
      [9187],
      `${o}: CloudNativePG's exporter only, not PostgreSQL`,
    );
  }
});

test('PostgreSQL: CloudNativePG with a standby, continuous backup, ltree and the platform roles; migrations as a Job first', () => {
  const cluster = named('province', 'Cluster', 'yizhan-db');
  const spec = cluster.spec as Obj;
  assert.equal(spec.instances, 2, 'a primary and a standby');
  assert.ok(spec.backup.barmanObjectStore.destinationPath && spec.backup.barmanObjectStore.wal, 'WAL archived continuously');
  assert.equal(named('province', 'ScheduledBackup', 'yizhan-db-nightly').spec.cluster.name, 'yizhan-db');
  assert.ok((spec.bootstrap.initdb.postInitApplicationSQL as string[]).some((s) => /CREATE EXTENSION IF NOT EXISTS ltree/.test(s)));
  const roles = new Map((spec.managed.roles as Obj[]).map((r) => [r.name, r]));
  for (const role of ['yizhan_migrator', 'yizhan_app', 'yizhan_relay']) {
    const r = roles.get(role) as Obj;
    assert.ok(r?.login && !r.superuser && !r.bypassrls, `${role}: LOGIN NOSUPERUSER NOBYPASSRLS as provision.ts makes it`);
  }
  assert.match(fs.readFileSync(path.join(repoRoot, 'services/kernel/src/db/provision.ts'), 'utf8'), /LOGIN NOSUPERUSER NOBYPASSRLS/);
  const job = named('province', 'Job', 'yizhan-migrate');
  const env = ((job.spec as Obj).template.spec.containers[0].env as Obj[]).map((e) => e.name);
  for (const v of ['DATABASE_URL', 'YIZHAN_MIGRATOR_PASSWORD', 'YIZHAN_APP_PASSWORD', 'YIZHAN_RELAY_PASSWORD']) assert.ok(env.includes(v), `the Job sets ${v}`);
  assert.equal(JOBS.migrate, 'scripts/migrate.ts');
});

test('NATS JetStream: three servers, file storage, synchronous writes, a route to each', () => {
  for (const o of OVERLAYS) {
    const sts = named(o, 'StatefulSet', 'yizhan-nats');
    const replicas = (sts.spec as Obj).replicas as number;
    assert.equal(replicas, 3);
    const conf = (named(o, 'ConfigMap', 'yizhan-nats-config').data as Obj)['nats.conf'] as string;
    assert.match(conf, /jetstream \{[^}]*store_dir: \/data[^}]*sync_interval: always/s);
    const routes = [...conf.matchAll(/nats:\/\/(yizhan-nats-\d)\.yizhan-nats-headless:6222/g)].map((m) => m[1]);
    assert.deepEqual(
      routes,
      Array.from({ length: replicas }, (_, i) => `yizhan-nats-${i}`),
    );
    const mount = ((sts.spec as Obj).template.spec.containers[0].volumeMounts as Obj[]).find((m) => m.name === 'data');
    assert.equal(mount?.mountPath, '/data');
    assert.equal((sts.spec as Obj).volumeClaimTemplates[0].metadata.name, 'data');
  }
});

test('blobs and archive files on one ReadWriteMany volume that every replica of documents and archive mounts', () => {
  for (const o of OVERLAYS) {
    assert.deepEqual((named(o, 'PersistentVolumeClaim', 'yizhan-files').spec as Obj).accessModes, ['ReadWriteMany']);
    const config = ofKind(o, 'ConfigMap').find((c) => c.metadata.name.startsWith('yizhan-config-')) as Obj;
    for (const name of ['documents', 'archive']) {
      const spec = podSpec(named(o, 'Deployment', `yizhan-${name}`)) as Obj;
      const volume = (spec.volumes as Obj[]).find((v) => v.persistentVolumeClaim?.claimName === 'yizhan-files');
      const mount = (spec.containers[0].volumeMounts as Obj[]).find((m) => m.name === volume?.name);
      assert.ok(mount, `${name} mounts the shared volume`);
      for (const dir of [config.data.YIZHAN_BLOB_DIR, config.data.YIZHAN_ARCHIVE_DIR]) assert.ok(dir.startsWith(`${mount.mountPath}/`), `${dir} is on it`);
    }
  }
});

/** Whether a label selector (matchLabels, matchExpressions In/NotIn/Exists/DoesNotExist) selects these labels. */
function selects(selector: Obj | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const byLabels = Object.entries((selector.matchLabels as Record<string, string>) ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = ((selector.matchExpressions as Obj[]) ?? []).every((e) => {
    const has = e.key in labels;
    if (e.operator === 'In') return has && (e.values as string[]).includes(labels[e.key] as string);
    if (e.operator === 'NotIn') return !has || !(e.values as string[]).includes(labels[e.key] as string);
    return e.operator === 'Exists' ? has : !has;
  });
  return byLabels && byExpressions;
}

/** What a container's envFrom ConfigMaps set. */
const envFromConfigMaps = (overlay: string, c: Obj): Record<string, string> => {
  const configMaps = new Map(ofKind(overlay, 'ConfigMap').map((m) => [m.metadata.name, (m.data as Record<string, string>) ?? {}]));
  return Object.assign({}, ...((c.envFrom as Obj[]) ?? []).map((e) => configMaps.get(e.configMapRef?.name) ?? {}));
};

test('the exchange with a peer platform: one replica, Recreate, no probe, both gateways and both tokens set', () => {
  assert.equal(CONNECTORS.exchange, 'tools/exchange/src/process.ts');
  // The built entry runs the command and exits with its status (a module that only exported main would do nothing).
  assert.match(fs.readFileSync(path.join(repoRoot, CONNECTORS.exchange), 'utf8'), /process\.exit\(await main\(\)\)/);
  const client = fs.readFileSync(path.join(repoRoot, 'tools/exchange/src/gateway-client.ts'), 'utf8');
  const deadlineMs = Number(/timeoutMs \?\? ([\d_]+)/.exec(client)?.[1]?.replaceAll('_', ''));
  assert.ok(deadlineMs > 0, "the gateway client's deadline is found");
  for (const o of OVERLAYS) {
    const d = objects(o).find((x) => x.kind === 'Deployment' && x.metadata.name === 'yizhan-exchange') as Obj | undefined;
    if (!deploys(o, 'exchange')) {
      assert.equal(d, undefined, `${o}: has no peer, so no exchange`);
      continue;
    }
    assert.ok(d, `${o}: no Deployment yizhan-exchange`);
    const spec = d.spec as Obj;
    assert.equal(spec.replicas, 1, 'one replica per peer');
    assert.deepEqual(spec.strategy, { type: 'Recreate' }, 'the old pod gone before the new one starts');
    const podLabels = spec.template.metadata.labels as Record<string, string>;
    assert.ok(!ofKind(o, 'HorizontalPodAutoscaler').some((h) => (h.spec as Obj).scaleTargetRef.name === 'yizhan-exchange'), `${o}: no autoscaler`);
    assert.ok(!ofKind(o, 'PodDisruptionBudget').some((b) => selects((b.spec as Obj).selector, podLabels)), `${o}: no disruption budget`);
    assert.ok(!ofKind(o, 'Service').some((v) => (v.spec as Obj).selector && selects({ matchLabels: (v.spec as Obj).selector }, podLabels)), `${o}: no Service`);
    const pod = spec.template.spec as Obj;
    assert.ok(pod.terminationGracePeriodSeconds > deadlineMs / 1000, 'SIGTERM leaves time for the call running to finish');
    assert.equal(pod.automountServiceAccountToken, false);
    assert.equal((pod.containers as Obj[]).length, 1);
    const c = pod.containers[0] as Obj;
    assert.match(c.image, /\/yizhan\/exchange:[\w.-]+$/);
    assert.ok(!c.command && !c.args, "the image's entrypoint runs dist/main.js");
    assert.ok(!c.ports, 'it listens on nothing');
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) assert.ok(!c[probe], `${probe}: there is no endpoint to probe`);
    assert.ok(c.resources?.requests?.cpu && c.resources?.requests?.memory && c.resources?.limits?.memory, 'requests and a memory limit');
    assert.ok(!c.resources.limits.cpu, 'no CPU limit, as every process');
    assert.equal(c.securityContext?.readOnlyRootFilesystem, true);
    assert.equal(c.securityContext?.runAsNonRoot, true);
    assert.equal(c.securityContext?.allowPrivilegeEscalation, false);
    assert.deepEqual(c.securityContext?.capabilities?.drop, ['ALL']);
    // Its variables: this platform's gateway in the cluster, the peer's from the overlay, the tokens from the Secret.
    const env = new Map((c.env as Obj[]).map((e) => [e.name as string, e]));
    const fromConfigMaps = envFromConfigMaps(o, c);
    const gateway = named(o, 'Service', 'yizhan-gateway');
    assert.equal(env.get('YIZHAN_EXCHANGE_URL')?.value, `http://${gateway.metadata.name}:${(gateway.spec as Obj).ports[0].port}/graphql`);
    const peerUrl = new URL(fromConfigMaps.YIZHAN_EXCHANGE_PEER_URL ?? 'missing:');
    assert.equal(peerUrl.protocol, 'https:', `${o}: the peer's gateway over HTTPS`);
    assert.equal(peerUrl.pathname, '/graphql');
    const own = new URL(fromConfigMaps.YIZHAN_GATEWAY_URL ?? 'missing:');
    assert.notEqual(peerUrl.host, own.host, `${o}: the peer is another platform, not this one`);
    assert.equal(env.has('YIZHAN_EXCHANGE_PEER_URL'), false, 'the peer URL from the ConfigMap alone');
    const tokens = { YIZHAN_EXCHANGE_TOKEN: 'token', YIZHAN_EXCHANGE_PEER_TOKEN: 'peer-token' };
    const made = secrets.find((x) => x.metadata.name === 'yizhan-exchange') as Obj | undefined;
    assert.ok(made, 'generate.ts makes the Secret yizhan-exchange when given the tokens');
    for (const [variable, key] of Object.entries(tokens)) {
      assert.deepEqual(env.get(variable)?.valueFrom?.secretKeyRef, { name: 'yizhan-exchange', key }, `${variable} from the Secret`);
      const value = Buffer.from(String(made.data[key]).replace(/\s+/g, ''), 'base64').toString();
      assert.equal(value, EXCHANGE_TOKENS[variable as keyof typeof EXCHANGE_TOKENS], `the Secret's ${key} is ${variable} as generate.ts was given it`);
    }
  }
  const readme = fs.readFileSync(path.join(k8s, 'README.md'), 'utf8');
  assert.match(readme, /\| exchange \|/, 'k8s/README.md gives its measured figures');
  assert.match(readme, /^## Exchange with another platform$/m);
});

test("nothing reaches the exchange; it reaches only this platform's gateway, DNS and the peer on 443", () => {
  for (const o of OVERLAYS.filter((x) => deploys(x, 'exchange'))) {
    const policies = ofKind(o, 'NetworkPolicy') as Obj[];
    const labels = named(o, 'Deployment', 'yizhan-exchange').spec.template.metadata.labels as Record<string, string>;
    const gatewayLabels = named(o, 'Deployment', 'yizhan-gateway').spec.template.metadata.labels as Record<string, string>;
    const gatewayPort = (podSpec(named(o, 'Deployment', 'yizhan-gateway')) as Obj).containers[0].ports[0].containerPort as number;
    const own = policies.filter((p) => selects(p.spec.podSelector, labels));
    // Ingress: every policy that selects its pods admits nobody, and one of them (beside the default deny) says so.
    for (const p of own) assert.ok(!p.spec.ingress?.length, `${o}/${p.metadata.name} admits someone to the exchange`);
    const exchange = own.find((p) => p.metadata.name === 'yizhan-exchange') as Obj;
    assert.ok(exchange, `${o}: the exchange's own policy`);
    assert.deepEqual([...exchange.spec.policyTypes].sort(), ['Egress', 'Ingress']);
    // Egress: the policies selecting its pods that restrict egress, and exactly the three kinds of rule.
    const egress = own.filter((p) => (p.spec.policyTypes as string[]).includes('Egress')).flatMap((p) => (p.spec.egress as Obj[]) ?? []);
    const toGateway = egress.filter(
      (r) => r.to?.length && (r.to as Obj[]).every((t) => !t.namespaceSelector && !t.ipBlock && selects(t.podSelector, gatewayLabels)),
    );
    assert.equal(toGateway.length, 1, `${o}: one rule to the gateway`);
    assert.deepEqual(
      (toGateway[0]?.ports as Obj[]).map((p) => p.port),
      [gatewayPort],
      `${o}: to the gateway's port only`,
    );
    const exchangeContainer = (podSpec(named(o, 'Deployment', 'yizhan-exchange')) as Obj).containers[0] as Obj;
    const peerPort = Number(new URL(envFromConfigMaps(o, exchangeContainer).YIZHAN_EXCHANGE_PEER_URL as string).port || 443);
    const rest = egress.filter((r) => !toGateway.includes(r));
    const ports = rest.flatMap((r) => (r.ports as Obj[]).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`)).sort();
    assert.deepEqual(ports, [`${peerPort}/TCP`, '53/TCP', '53/UDP'].sort(), `${o}: DNS and HTTPS to the peer, nothing else`);
    for (const r of rest) assert.ok(r.ports?.length, `${o}: an egress rule without ports`);
    // The gateway admits it: a policy selecting the gateway's pods lets the exchange's pods in on its port.
    const admits = policies
      .filter((p) => !isPrometheusPolicy(p) && selects(p.spec.podSelector, gatewayLabels))
      .flatMap((p) => (p.spec.ingress as Obj[]) ?? [])
      .some(
        (r) =>
          (!r.ports || (r.ports as Obj[]).some((p) => p.port === gatewayPort)) &&
          (!r.from || (r.from as Obj[]).some((f) => !f.namespaceSelector && !f.ipBlock && selects(f.podSelector, labels))),
      );
    assert.ok(admits, `${o}: the gateway's policy admits the exchange`);
  }
});

test("the exchange's tokens: generate.ts writes them when given and keeps them; without them it says how to make the Secret", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-k8s-exchange-secrets-'));
  try {
    const without = generateSecrets(dir);
    assert.equal(without.status, 0, without.stderr);
    assert.match(without.stdout, /kubectl -n yizhan create secret generic yizhan-exchange --from-literal=token=.* --from-literal=peer-token=/);
    assert.ok(!render(dir).objects.some((x) => x.metadata.name === 'yizhan-exchange'), 'no Secret without the tokens');
    // Given with a line break (as `echo` leaves one), written without: the token goes into a header as it is.
    const given = generateSecrets(dir, { YIZHAN_EXCHANGE_TOKEN: 'test-only-a\n', YIZHAN_EXCHANGE_PEER_TOKEN: 'test-only-b' });
    assert.equal(given.status, 0, given.stderr);
    const kept = generateSecrets(dir);
    assert.equal(kept.status, 0, kept.stderr);
    assert.doesNotMatch(kept.stdout, /no exchange tokens/);
    const s = render(dir).objects.find((x) => x.metadata.name === 'yizhan-exchange') as Obj;
    const data = Object.fromEntries(
      Object.entries(s.data as Record<string, string>).map(([k, v]) => [k, Buffer.from(v.replace(/\s+/g, ''), 'base64').toString()]),
    );
    assert.deepEqual(data, { token: 'test-only-a', 'peer-token': 'test-only-b' });
    assert.equal(fs.statSync(path.join(dir, 'exchange', 'token')).mode & 0o777, 0o600);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
