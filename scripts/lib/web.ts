// The dashboard (web/): its trusted documents, its build and its server. The operations in web/operations are
// checked against the composed API schema, so a dashboard that asks for a field the subgraphs no longer have
// fails its build, not a clerk's screen.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { composeServices } from '@theguild/federation-composition';
import { loadConfig, repoRoot } from '@yizhan/common';
import {
  buildSchema,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  parse,
  print,
  printSchema,
  specifiedRules,
  validate,
  visit,
} from 'graphql';
import { limitOptions } from '../../gateway/src/limits.ts';

export const webDir = path.join(repoRoot, 'web');
export const generatedDir = path.join(webDir, 'generated');

function apiSchema() {
  const dir = path.join(repoRoot, 'schema');
  const subgraphs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.graphql') && f !== 'supergraph.graphql')
    .map((f) => ({ name: f.replace(/\.graphql$/, ''), typeDefs: parse(fs.readFileSync(path.join(dir, f), 'utf8')) }));
  const result = composeServices(subgraphs);
  if (!result.publicSdl) throw new Error(`schema/ does not compose: ${(result.errors ?? []).map((e) => e.message).join('; ')}`);
  return buildSchema(result.publicSdl);
}

/** The fragments an operation uses, directly or through other fragments. */
function fragmentsOf(node: DefinitionNode, all: Map<string, DefinitionNode>, seen = new Set<string>()): Set<string> {
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      if (seen.has(name)) return;
      seen.add(name);
      const fragment = all.get(name);
      if (!fragment) throw new Error(`Unknown fragment ${name}`);
      fragmentsOf(fragment, all, seen);
    },
  });
  return seen;
}

/**
 * Reads web/operations/*.graphql, validates every operation, and writes web/generated/: the manifest the gateway
 * trusts (hash → text), the ids the dashboard sends (operation name → hash), and the TypeScript types of every
 * operation's result and variables (operations.ts), so the dashboard's code is checked against the same schema.
 */
export function generateTrustedDocuments(): { count: number } {
  const dir = path.join(webDir, 'operations');
  const sources = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => ({ location: `web/operations/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  const definitions = sources.flatMap((s) => parse(s.text).definitions);
  const fragments = new Map(definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d] as const));
  const schema = apiSchema();
  const limits = limitOptions(loadConfig().limits);
  const problems: string[] = [];
  const manifest: Record<string, string> = {};
  const ids: Record<string, string> = {};
  for (const op of definitions) {
    if (op.kind !== Kind.OPERATION_DEFINITION) continue;
    const name = op.name?.value;
    if (!name) throw new Error('Every dashboard operation needs a name');
    if (ids[name]) throw new Error(`Two dashboard operations are named ${name}`);
    const used = [...fragmentsOf(op, fragments)].sort().map((n) => fragments.get(n) as DefinitionNode);
    const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [op, ...used] };
    // Valid, and within the limits the gateway will hold it to (a list's literal `first` multiplies its cost): an
    // operation over them would be refused on every call.
    let errors: readonly Error[];
    try {
      errors = validate(schema, document, [...specifiedRules, maxDepthRule(limits.depth), costLimitRule(limits.cost)]);
    } catch (e) {
      // The limits' rules throw rather than report.
      errors = [e as Error];
    }
    if (errors.length) {
      problems.push(`Dashboard operation ${name}: ${errors.map((e) => e.message).join('; ')}`);
      continue;
    }
    const text = print(document);
    const hash = crypto.createHash('sha256').update(text).digest('hex');
    manifest[hash] = text;
    ids[name] = hash;
  }
  if (problems.length) throw new Error(problems.join('\n'));
  const types = operationTypes(schema, sources);
  fs.mkdirSync(generatedDir, { recursive: true });
  fs.writeFileSync(path.join(generatedDir, 'persisted-documents.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(path.join(generatedDir, 'document-ids.json'), `${JSON.stringify(ids, null, 2)}\n`);
  fs.writeFileSync(path.join(generatedDir, 'operations.ts'), types);
  return { count: Object.keys(ids).length };
}

const codegenConfig = {
  // Type names exactly as the operations spell them (`InboxQuery`, `InboxQueryVariables`), so the map of
  // operations below can name them.
  namingConvention: 'keep',
  // A custom scalar that schema/ gains and that is not mapped here fails the build instead of becoming `any`.
  strictScalars: true,
  scalars: { DateTimeISO: 'string', JSON: 'unknown' },
};

/**
 * @graphql-codegen/core is asynchronous and buildWeb is not (the stack and the test runner call it synchronously),
 * so codegen runs in a short-lived child: schema, operations and config on stdin, the TypeScript on stdout. It is
 * plain JavaScript so that the child loads only codegen, not this module and what it imports. `typescript-operations`
 * (v6) generates the enums and inputs the operations use itself; the `typescript` plugin beside it would declare
 * them a second time.
 */
const codegenChild = `
import { text } from 'node:stream/consumers';
import { codegen } from '@graphql-codegen/core';
import * as typescriptOperations from '@graphql-codegen/typescript-operations';
import { parse } from 'graphql';
const { schema, documents, config } = JSON.parse(await text(process.stdin));
const output = await codegen({
  filename: 'web/generated/operations.ts',
  schema: parse(schema),
  documents: documents.map((d) => ({ location: d.location, document: parse(d.text) })),
  config,
  plugins: [{ typescriptOperations: {} }],
  pluginMap: { typescriptOperations },
});
process.stdout.write(output);
`;

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * web/generated/operations.ts: the result and variable types of every operation and fragment, and `Operations`, the
 * map from operation name to them through which gql() in web/lib/client.ts types its answer and checks its variables.
 */
function operationTypes(schema: GraphQLSchema, sources: { location: string; text: string }[]): string {
  const r = spawnSync(process.execPath, ['--input-type=module', '--eval', codegenChild], {
    cwd: repoRoot,
    input: JSON.stringify({ schema: printSchema(schema), documents: sources, config: codegenConfig }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`Generating the dashboard's operation types failed:\n${r.stderr}`);
  const operations = sources
    .flatMap((s) => parse(s.text).definitions)
    .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    .map((op) => {
      const name = op.name?.value as string;
      const type = `${name}${capitalised(op.operation)}`;
      return `  ${name}: { result: ${type}; variables: ${type}Variables };`;
    })
    .sort();
  return [
    '// Generated by scripts/lib/web.ts from web/operations/*.graphql and the composed schema/: do not edit.',
    r.stdout.trimEnd(),
    '',
    '/** Every dashboard operation by name: what it answers and what it takes. */',
    'export interface Operations {',
    ...operations,
    '}',
    '',
  ].join('\n');
}

export const manifestPath = path.join(generatedDir, 'persisted-documents.json');

const nextBin = path.join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next');

/** A stamp of everything the build depends on: the build is skipped when nothing changed since the last one. */
function sourceStamp(): string {
  const hash = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      // What the build itself writes (next-env.d.ts, the TypeScript build info) is not a source: counting it would
      // make the next start rebuild, and a rebuild under a running dashboard pulls its scripts from under it.
      if (['node_modules', '.next', 'test-results', 'next-env.d.ts', 'tsconfig.tsbuildinfo'].includes(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(full).update(fs.readFileSync(full));
    }
  };
  walk(webDir);
  return hash.digest('hex');
}

/** Generates the trusted documents and builds the dashboard for production (`next build`) unless it is current. */
export function buildWeb(log: (m: string) => void = () => {}): void {
  const { count } = generateTrustedDocuments();
  const stampFile = path.join(webDir, '.next', 'yizhan-build-stamp');
  const stamp = sourceStamp();
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
    log(`dashboard is built (${count} trusted operations)`);
    return;
  }
  log(`building the dashboard (${count} trusted operations; about a minute the first time)`);
  const r = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: webDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`next build failed:\n${r.stdout}\n${r.stderr}`);
  // Stamped as the sources are after the build, in case the build touched one.
  fs.writeFileSync(stampFile, sourceStamp());
}

/** Serves the built dashboard; it reads the gateway's URL at request time. */
export async function startWeb(opts: { port: number; gatewayUrl: string }): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(opts.port), '-H', '127.0.0.1'], {
    cwd: webDir,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', YIZHAN_GATEWAY_URL: opts.gatewayUrl },
  });
  const url = `http://127.0.0.1:${opts.port}`;
  await new Promise<void>((resolve, reject) => {
    // Two minutes at most, and its words read across chunks: a start that never says it is ready fails, saying what it
    // said, instead of waiting for ever.
    let said = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the dashboard did not say it was ready within 120 s; it said: ${said.slice(-500)}`));
    }, 120_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the dashboard exited with code ${code} before it was ready (is port ${opts.port} taken? set WEB_PORT)`));
    };
    child.once('exit', onExit);
    child.stdout?.on('data', (chunk: Buffer) => {
      said = (said + chunk.toString()).slice(-4000);
      if (/Ready|started server|Local:/.test(said)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve();
      }
    });
  });
  child.stdout?.resume();
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
