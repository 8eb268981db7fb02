// The wrong-tenant suite (issue 14, standing suite a), driven by the composed schema: every Query, Mutation and
// Subscription field of schema/supergraph.graphql must have a case in test/wrong-tenant/<subgraph>.ts, and each case
// runs its operation through the real gateway as a caller of the wrong unit (and, for administrative and supervision
// fields, of the wrong role) against another unit's object. A field without a case fails the first test by name; a
// case written ahead of its field (the schema does not have it yet) is skipped.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '@yizhan/common';
import { Kind, parse } from 'graphql';
import { type Platform, startPlatform } from './support/harness.ts';
import { archiveCases } from './wrong-tenant/archive.ts';
import { certificatesCases } from './wrong-tenant/certificates.ts';
import { documentsCases } from './wrong-tenant/documents.ts';
import { documentsJointCases } from './wrong-tenant/documents-joint.ts';
import { documentsNumberingCases } from './wrong-tenant/documents-numbering.ts';
import { documentsPaperCases } from './wrong-tenant/documents-paper.ts';
import { documentsUrgingCases } from './wrong-tenant/documents-urging.ts';
import { orgCases } from './wrong-tenant/org.ts';
import { orgEscalationCases } from './wrong-tenant/org-escalation.ts';
import { peerExchangeCases } from './wrong-tenant/peer-exchange.ts';
import { sealsCases } from './wrong-tenant/seals.ts';
import type { Cases, RootField, World } from './wrong-tenant/support.ts';
import { buildWorld } from './wrong-tenant/world.ts';

const BY_SUBGRAPH: Record<string, Cases> = {
  org: { ...orgCases, ...orgEscalationCases, ...peerExchangeCases },
  documents: { ...documentsCases, ...documentsUrgingCases, ...documentsJointCases, ...documentsPaperCases, ...documentsNumberingCases },
  certificates: certificatesCases,
  seals: sealsCases,
  archive: archiveCases,
};

/** Every root field of the composed schema, as `Query.org`, `Mutation.login` … */
function rootFields(): RootField[] {
  const doc = parse(fs.readFileSync(path.join(repoRoot, 'schema', 'supergraph.graphql'), 'utf8'));
  const fields: RootField[] = [];
  for (const d of doc.definitions) {
    if ((d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && ['Query', 'Mutation', 'Subscription'].includes(d.name.value))
      for (const f of d.fields ?? []) fields.push(`${d.name.value}.${f.name.value}` as RootField);
  }
  return fields;
}

const schemaFields = rootFields();
const cased = Object.values(BY_SUBGRAPH).flatMap((c) => Object.keys(c) as RootField[]);

test(`every root field of the composed schema has a wrong-tenant case (${schemaFields.length} fields)`, () => {
  const missing = schemaFields.filter((f) => !cased.includes(f));
  assert.deepEqual(missing, [], `${missing.length} root fields have no wrong-tenant case: add one to test/wrong-tenant/<subgraph>.ts`);
  assert.equal(new Set(cased).size, cased.length, 'one case per field');
});

let p: Platform;
let w: World;
before(async () => {
  p = await startPlatform();
  w = await buildWorld(p);
});
after(() => p?.close());

for (const [subgraph, cases] of Object.entries(BY_SUBGRAPH)) {
  describe(`${subgraph}: from the wrong unit`, () => {
    for (const [field, c] of Object.entries(cases)) {
      // A case written ahead of its field (another change adds it) waits, skipped, until the schema has it.
      const absent = !schemaFields.includes(field as RootField) && 'not in schema/supergraph.graphql (yet)';
      test(c.public ? `${field} (public: ${c.public})` : field, { skip: absent }, () => c.run(w));
    }
  });
}
