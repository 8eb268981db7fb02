// Renders a kustomization: with `kubectl kustomize` where kubectl is installed, otherwise with the small subset of
// kustomize that k8s/ uses, implemented here (no maintained kustomize renderer exists for JavaScript): resources
// (files and folders), components (kind Component: applied in order to what the kustomization has accumulated, after
// its resources and generators and before its patches and transformers, as kustomize 5.1 and later does), namespace, labels (pairs, without selectors), images (newName, newTag), patches (JSON 6902,
// targeted by kind and name), configMapGenerator and secretGenerator (literals, files, behavior create/merge/replace,
// type, generatorOptions.disableNameSuffixHash and labels) with kustomize's name hash and the rewriting of the
// references to generated names in pod templates. test/k8s.test.ts compares the two wherever kubectl exists, so the
// subset stays true to the real renderer; a feature outside it fails loudly rather than renders wrongly.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [k: string]: unknown };
  [k: string]: unknown;
};

export const hasKubectl = (): boolean => spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((d) => {
      if (d.errors.length) throw new Error(d.errors.map((e) => e.message).join('; '));
      return d.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

export function kubectlKustomize(dir: string): K8sObject[] {
  const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`kubectl kustomize ${dir}: ${r.stderr}`);
  return parseManifests(r.stdout);
}

/** kubectl kustomize where kubectl is installed (YIZHAN_K8S_RENDERER=subset forces the subset, to try it). */
export function render(dir: string): { objects: K8sObject[]; renderer: string } {
  return hasKubectl() && process.env.YIZHAN_K8S_RENDERER !== 'subset'
    ? { objects: kubectlKustomize(dir), renderer: 'kubectl kustomize' }
    : { objects: renderSubset(dir), renderer: 'test/support/kustomize.ts' };
}

interface Generator {
  name: string;
  behavior?: 'create' | 'merge' | 'replace';
  type?: string;
  literals?: string[];
  files?: string[];
  options?: unknown;
}
interface Kustomization {
  kind?: string;
  resources?: string[];
  components?: string[];
  namespace?: string;
  labels?: { pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { target: { kind?: string; name?: string }; patch?: string; path?: string }[];
  configMapGenerator?: Generator[];
  secretGenerator?: Generator[];
  generatorOptions?: { disableNameSuffixHash?: boolean; labels?: Record<string, string> };
}
const KNOWN = new Set([
  'apiVersion',
  'kind',
  'resources',
  'components',
  'namespace',
  'labels',
  'images',
  'patches',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
]);

/** A generated object: its name before the hash, to rewrite references. */
interface Generated {
  object: K8sObject;
  base: string;
  hashed: boolean;
}

export function renderSubset(dir: string): K8sObject[] {
  return build(dir).map((g) => g.object);
}

/**
 * A kustomization's objects. A Component is built into what the kustomization that names it has accumulated (`into`):
 * its resources join them, and its generators, patches and transformers act on all of them.
 */
function build(dir: string, into?: Generated[]): Generated[] {
  const k = parseYaml(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')) as Kustomization;
  for (const key of Object.keys(k)) if (!KNOWN.has(key)) throw new Error(`${dir}: kustomization field "${key}" is outside the subset this renderer implements`);
  const isComponent = into !== undefined;
  if (isComponent !== (k.kind === 'Component'))
    throw new Error(`${dir}: ${isComponent ? 'named in components but not' : 'a Component named in resources, not'} kind: Component`);
  let items: Generated[] = into ?? [];
  for (const r of k.resources ?? []) {
    const full = path.join(dir, r);
    if (fs.statSync(full).isDirectory()) items.push(...build(full));
    else items.push(...parseManifests(fs.readFileSync(full, 'utf8')).map((object) => ({ object, base: object.metadata.name, hashed: false })));
  }
  items = generate(dir, k, items);
  for (const c of k.components ?? []) items = build(path.join(dir, c), items);
  for (const p of k.patches ?? []) {
    const ops = parseYaml(p.patch ?? fs.readFileSync(path.join(dir, p.path as string), 'utf8')) as JsonPatchOp[];
    if (!Array.isArray(ops)) throw new Error(`${dir}: only JSON 6902 patches are in the subset`);
    const targets = items.filter((i) => (!p.target.kind || i.object.kind === p.target.kind) && (!p.target.name || i.object.metadata.name === p.target.name));
    if (!targets.length) throw new Error(`${dir}: a patch matches nothing: ${JSON.stringify(p.target)}`);
    for (const t of targets) for (const op of ops) applyOp(t.object, op);
  }
  for (const i of items) {
    if (k.namespace) i.object.metadata.namespace = k.namespace;
    for (const l of k.labels ?? []) {
      if (l.includeSelectors || l.includeTemplates) throw new Error('labels with selectors or templates are outside the subset');
      i.object.metadata.labels = { ...i.object.metadata.labels, ...l.pairs };
    }
    for (const img of k.images ?? []) for (const c of containersOf(i.object)) c.image = retag(c.image, img);
  }
  // Hash the generated objects now (after labels and namespace, as kustomize does only over kind, name, data) and
  // rewrite the references to them.
  const renamed = new Map<string, string>();
  for (const i of items) {
    if (!i.hashed) continue;
    // Again at every level: an overlay that merges into a generated object changes its hash, and the references
    // (to the base name, or to the name the level below gave it) follow.
    const hashedName = `${i.base}-${nameHash(i.object)}`;
    renamed.set(`${i.object.kind}/${i.base}`, hashedName);
    renamed.set(`${i.object.kind}/${i.object.metadata.name}`, hashedName);
    i.object.metadata.name = hashedName;
  }
  if (renamed.size) for (const i of items) rewriteReferences(i.object, renamed);
  return items;
}

function generate(dir: string, k: Kustomization, items: Generated[]): Generated[] {
  const gens: [string, Generator][] = [
    ...(k.configMapGenerator ?? []).map((g) => ['ConfigMap', g] as [string, Generator]),
    ...(k.secretGenerator ?? []).map((g) => ['Secret', g] as [string, Generator]),
  ];
  for (const [kind, g] of gens) {
    if (g.options) throw new Error('per-generator options are outside the subset');
    const data: Record<string, string> = {};
    for (const lit of g.literals ?? []) {
      const at = lit.indexOf('=');
      let value = lit.slice(at + 1);
      if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) value = value.slice(1, -1);
      data[lit.slice(0, at)] = value;
    }
    for (const f of g.files ?? []) {
      const at = f.indexOf('=');
      const [key, file] = at < 0 ? [path.basename(f), f] : [f.slice(0, at), f.slice(at + 1)];
      data[key] = fs.readFileSync(path.join(dir, file), 'utf8');
    }
    const existing = items.find((i) => i.object.kind === kind && i.base === g.name);
    const behavior = g.behavior ?? 'create';
    if (behavior !== 'create') {
      if (!existing) throw new Error(`${dir}: ${behavior} of ${kind} ${g.name}, which is not generated below`);
      const before = (kind === 'Secret' ? decodeData(existing.object.data as Record<string, string>) : existing.object.data) as Record<string, string>;
      setData(existing.object, kind, behavior === 'merge' ? { ...before, ...data } : data);
      continue;
    }
    if (existing) throw new Error(`${dir}: ${kind} ${g.name} generated twice`);
    const object: K8sObject = {
      apiVersion: 'v1',
      kind,
      metadata: { name: g.name, ...(k.generatorOptions?.labels && { labels: { ...k.generatorOptions.labels } }) },
    };
    if (kind === 'Secret') object.type = g.type ?? 'Opaque';
    setData(object, kind, data);
    items.push({ object, base: g.name, hashed: !k.generatorOptions?.disableNameSuffixHash });
  }
  return items;
}

const decodeData = (d: Record<string, string> = {}) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
function setData(o: K8sObject, kind: string, data: Record<string, string>) {
  o.data = kind === 'Secret' ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) : data;
}

/** kustomize's hash of a generated object (api/hasher): SHA-256 of Go's JSON of kind, name, data (and a secret's type),
 * its first ten hex digits with 0 1 3 a e replaced so that the suffix has no vowel or look-alike. The name is empty
 * when kustomize (v5) hashes a generated object: its hash is the same under any name. */
function nameHash(o: K8sObject): string {
  const m: Record<string, unknown> = { data: o.data ?? {}, kind: o.kind, name: '' };
  if (o.kind === 'Secret') m.type = o.type;
  const sorted = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
        )
      : v;
  // Go's encoding/json escapes <, > and & (and U+2028/2029) in strings.
  const json = JSON.stringify(sorted(m)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const hex = crypto.createHash('sha256').update(json).digest('hex').slice(0, 10);
  return hex.replace(/[013ae]/g, (c) => ({ '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' })[c] as string);
}

type Obj = Record<string, unknown>;
function podSpecs(o: K8sObject): Obj[] {
  const spec = o.spec as Obj | undefined;
  if (!spec) return [];
  if (o.kind === 'Pod') return [spec];
  const template = spec.template as Obj | undefined;
  if (template?.spec) return [template.spec as Obj];
  const job = (spec.jobTemplate as Obj | undefined)?.spec as Obj | undefined;
  return job?.template ? [(job.template as Obj).spec as Obj] : [];
}
function containersOf(o: K8sObject): { image: string }[] {
  return podSpecs(o).flatMap((s) => [...((s.containers as { image: string }[]) ?? []), ...((s.initContainers as { image: string }[]) ?? [])]);
}
function retag(image: string, img: { name: string; newName?: string; newTag?: string }): string {
  const at = image.lastIndexOf(':');
  const hasTag = at > image.lastIndexOf('/');
  const name = hasTag ? image.slice(0, at) : image;
  if (name !== img.name) return image;
  return `${img.newName ?? name}${img.newTag ? `:${img.newTag}` : hasTag ? image.slice(at) : ''}`;
}
function rewriteReferences(o: K8sObject, renamed: Map<string, string>) {
  const to = (kind: string, name: unknown) => renamed.get(`${kind}/${name}`) ?? (name as string);
  for (const spec of podSpecs(o)) {
    for (const c of [...((spec.containers as Obj[]) ?? []), ...((spec.initContainers as Obj[]) ?? [])]) {
      for (const e of (c.envFrom as Obj[]) ?? []) {
        const cm = e.configMapRef as Obj | undefined;
        if (cm) cm.name = to('ConfigMap', cm.name);
        const s = e.secretRef as Obj | undefined;
        if (s) s.name = to('Secret', s.name);
      }
      for (const e of (c.env as Obj[]) ?? []) {
        const from = e.valueFrom as Obj | undefined;
        const cm = from?.configMapKeyRef as Obj | undefined;
        if (cm) cm.name = to('ConfigMap', cm.name);
        const s = from?.secretKeyRef as Obj | undefined;
        if (s) s.name = to('Secret', s.name);
      }
    }
    for (const v of (spec.volumes as Obj[]) ?? []) {
      const cm = v.configMap as Obj | undefined;
      if (cm) cm.name = to('ConfigMap', cm.name);
      const s = v.secret as Obj | undefined;
      if (s) s.secretName = to('Secret', s.secretName);
    }
  }
}

interface JsonPatchOp {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}
/** RFC 6902 add, replace and remove. */
function applyOp(target: unknown, op: JsonPatchOp) {
  const parts = op.path
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  const last = parts.pop() as string;
  let parent = target as Obj | unknown[];
  for (const p of parts) {
    const next = Array.isArray(parent) ? parent[Number(p)] : parent[p];
    if (next === undefined || next === null || typeof next !== 'object') throw new Error(`patch path ${op.path} does not exist`);
    parent = next as Obj | unknown[];
  }
  const value = structuredClone(op.value);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (op.op === 'add') parent.splice(i, 0, value);
    else if (i >= parent.length) throw new Error(`patch path ${op.path} does not exist`);
    else if (op.op === 'replace') parent[i] = value;
    else parent.splice(i, 1);
    return;
  }
  if (op.op !== 'add' && !(last in parent)) throw new Error(`patch path ${op.path} does not exist`);
  if (op.op === 'remove') delete parent[last];
  else parent[last] = value;
}
