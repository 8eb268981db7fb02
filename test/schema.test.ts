// schema/ is generated from the subgraphs' code: this fails when someone changes a subgraph and forgets
// `npm run schema`, or when the subgraphs stop composing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { buildSchema } from 'graphql';
import { generateSchemas, schemaDir } from '../scripts/lib/schema.ts';

test('the checked-in schema files are what the subgraphs generate, and they compose', async () => {
  const generated = await generateSchemas();
  assert.ok(generated.has('supergraph.graphql'));
  for (const [name, sdl] of generated) {
    const file = path.join(schemaDir, name);
    assert.ok(fs.existsSync(file), `schema/${name} is missing: run npm run schema`);
    assert.equal(fs.readFileSync(file, 'utf8'), sdl, `schema/${name} is stale: run npm run schema`);
  }
  const checkedIn = fs.readdirSync(schemaDir).filter((f) => f.endsWith('.graphql'));
  assert.deepEqual(checkedIn.sort(), [...generated.keys()].sort(), 'no leftover schema files');
  // The supergraph is a valid GraphQL document the gateway can load.
  assert.ok(
    buildSchema(generated.get('supergraph.graphql') as string, { assumeValidSDL: true })
      .getQueryType()
      ?.getFields().me,
  );
});
