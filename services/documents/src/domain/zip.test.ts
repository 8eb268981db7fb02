import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { unzip, zip } from './zip.ts';

test('a zip of Chinese-named files reads back byte for byte, deflated or stored', () => {
  const entries = [
    { name: '报送情况.csv', data: Buffer.from('\uFEFF单位,状态\n新城区人民政府,已报送\n'.repeat(50)) },
    { name: '01-新城区人民政府/关于做好冬季防火工作的报告.html', data: Buffer.from('<p>报告</p>') },
    { name: 'empty.txt', data: Buffer.alloc(0) },
  ];
  const archive = zip(entries);
  const back = unzip(archive);
  assert.deepEqual(
    [...back.keys()],
    entries.map((e) => e.name),
  );
  for (const e of entries) assert.deepEqual(back.get(e.name), Buffer.from(e.data));
  assert.throws(() => zip([entries[1] as never, entries[1] as never]), /Duplicate/);
});

test('the system unzip (where installed) lists and checks it', (t) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zip-')), 'reports.zip');
  fs.writeFileSync(file, zip([{ name: '报送情况.csv', data: Buffer.from('单位,状态\n'.repeat(100)) }]));
  try {
    execFileSync('unzip', ['-tq', file], { stdio: 'pipe' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return t.skip('no unzip here');
    throw e;
  }
});
