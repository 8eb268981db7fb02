// The dashboard's trusted documents: web/operations/*.graphql checked against the composed API schema, so a dashboard
// that asks for a field the subgraphs no longer have fails its build, not a clerk's screen. Imported by buildWeb only
// when it builds: composition, codegen's child and the limits' rules are not what a test file that serves the built
// dashboard needs to load.
import { spawnSync } from 'node:child_process';
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
import { generatedDir, webDir } from './web.ts';

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
  // The reads: the dashboard asks for one again when the network failed under it; a change it never repeats unasked.
  const queries: string[] = [];
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
    if (op.operation === 'query') queries.push(name);
  }
  if (problems.length) throw new Error(problems.join('\n'));
  const types = operationTypes(schema, sources);
  fs.mkdirSync(generatedDir, { recursive: true });
  fs.writeFileSync(path.join(generatedDir, 'persisted-documents.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(path.join(generatedDir, 'document-ids.json'), `${JSON.stringify(ids, null, 2)}\n`);
  fs.writeFileSync(path.join(generatedDir, 'queries.json'), `${JSON.stringify(queries.sort(), null, 2)}\n`);
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
 * Codegen (asynchronous) runs in a short-lived child, so the generation stays one synchronous step: schema, operations
 * and config on stdin, the TypeScript on stdout. It is plain JavaScript so that the child loads only codegen, not this
 * module and what it imports. `typescript-operations` (v6) generates the enums and inputs the operations use itself;
 * the `typescript` plugin beside it would declare them a second time.
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
    '// Generated by scripts/lib/trusted-documents.ts from web/operations/*.graphql and the composed schema/: do not edit.',
    r.stdout.trimEnd(),
    '',
    '/** Every dashboard operation by name: what it answers and what it takes. */',
    'export interface Operations {',
    ...operations,
    '}',
    '',
  ].join('\n');
}
