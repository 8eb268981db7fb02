// The TypeScript loader: decorators compiled as the entities and resolvers need them, a changed file run as it is now
// (never an output kept from its old text), and a file that does not compile named with its line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadTypeScript } from './typescript-args.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-load-ts-'));
const file = path.join(dir, 'main.ts');
const run = () => spawnSync(process.execPath, [...loadTypeScript, file], { encoding: 'utf8', timeout: 30_000 });
const decorated = (word: string) => `
const named: string[] = [];
function entity(name: string) {
  return (target: Function) => void named.push(\`\${name}:\${target.name}\`);
}
@entity('${word}')
class Delivery {
  constructor(private readonly id: number) {}
  get key(): number { return this.id; }
}
console.log(named.join(','), new Delivery(7).key);
`;

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a class decorator and a parameter property compile and run', () => {
  fs.writeFileSync(file, decorated('签收'));
  const r = run();
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), '签收:Delivery 7');
});

test('a file whose text changed runs as it is now, not as it was compiled before', () => {
  fs.writeFileSync(file, decorated('退回'));
  assert.equal(run().stdout.trim(), '退回:Delivery 7');
  fs.writeFileSync(file, decorated('签收'));
  assert.equal(run().stdout.trim(), '签收:Delivery 7');
});

test('a file that does not compile is named, with its line', () => {
  fs.writeFileSync(file, 'const a: number = 1;\nconst = 2;\n');
  const r = run();
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /main\.ts:2/);
});
