// The boundaries between services hold by construction: the lint rule that `npm test` runs refuses a service that
// imports another service's implementation, and accepts an import of its contract. Shown on a small test tree with the
// project's own Biome configuration, so the rule is proven to bite, not just present.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '@yizhan/common';

let tree: string;

before(() => {
  tree = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-lint-'));
  const config = JSON.parse(fs.readFileSync(path.join(repoRoot, 'biome.json'), 'utf8'));
  delete config.$schema;
  fs.writeFileSync(path.join(tree, 'biome.json'), JSON.stringify(config));
});
after(() => fs.rmSync(tree, { recursive: true, force: true }));

/** Lints one file placed at `file` in the test tree; returns Biome's exit status and what it said. */
function lint(file: string, source: string): { status: number | null; output: string } {
  const full = path.join(tree, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, source);
  const r = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'biome'), ['lint', file], { cwd: tree, encoding: 'utf8' });
  fs.rmSync(full);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

test('a service importing another service’s implementation fails the lint', () => {
  const r = lint(
    'services/seals/src/app/probe.ts',
    "import { getDocument } from '@yizhan/documents/src/store/documents.ts';\nexport const use = getDocument;\n",
  );
  assert.notEqual(r.status, 0, r.output);
  assert.match(r.output, /noRestrictedImports/);
  assert.match(r.output, /only through its contract/);
});

test('a relative import into another service fails the lint', () => {
  const r = lint('services/archive/src/probe.ts', "import { ingest } from '../../documents/src/app/send.ts';\nexport const use = ingest;\n");
  assert.notEqual(r.status, 0, r.output);
  assert.match(r.output, /noRestrictedImports/);
});

test('a service importing another service’s contract, the kernel and common passes', () => {
  const r = lint(
    'services/seals/src/app/probe.ts',
    "import { documentsApi } from '@yizhan/contracts/documents';\nimport { emit } from '@yizhan/kernel';\nimport { badInput } from '@yizhan/common';\nexport const use = [documentsApi, emit, badInput];\n",
  );
  assert.equal(r.status, 0, r.output);
});

test('the gateway may not import the kernel (database and subgraph code)', () => {
  const r = lint('gateway/src/probe.ts', "import { emit } from '@yizhan/kernel';\nexport const use = emit;\n");
  assert.notEqual(r.status, 0, r.output);
  assert.match(r.output, /never on database or subgraph code/);
});

test('a contract holds no implementation: it may not import a service’s code', () => {
  const r = lint('lib/contracts/src/org.ts', "import { seedDemo } from '@yizhan/org';\nexport const use = seedDemo;\n");
  assert.notEqual(r.status, 0, r.output);
  assert.match(r.output, /holds no implementation/);
});

test('the offline verifier (tools/verify) imports lib/crypto and npm packages only: no service, kernel or common code', () => {
  for (const source of [
    "import { startSealsService } from '@yizhan/seals';\nexport const use = startSealsService;\n",
    "import { withSql } from '@yizhan/kernel';\nexport const use = withSql;\n",
    "import { canonicalBytes } from '@yizhan/common';\nexport const use = canonicalBytes;\n",
    "import { verifyStamp } from '../../../services/seals/src/domain/stamp.ts';\nexport const use = verifyStamp;\n",
  ]) {
    const r = lint('tools/verify/src/probe.ts', source);
    assert.notEqual(r.status, 0, r.output);
    assert.match(r.output, /noRestrictedImports/);
    assert.match(r.output, /offline verifier/);
  }
  const fine = lint(
    'tools/verify/src/probe.ts',
    "import { verifySesSignature } from '@yizhan/crypto';\nimport { unzipSync } from 'fflate';\nexport const use = [verifySesSignature, unzipSync];\n",
  );
  assert.equal(fine.status, 0, fine.output);
});
