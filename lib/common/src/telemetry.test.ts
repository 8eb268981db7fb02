// Stopping a process whose trace collector is down or silent: its spans cannot be exported, and the stop does not
// wait for the exporter's own ten seconds of retries (a rolling restart, npm start's Ctrl-C). In a child process, as
// the SDK registers itself for the whole process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './config.ts';

test('a process stops within seconds when its trace collector takes connections and never answers', async () => {
  const held: net.Socket[] = [];
  const collector = net.createServer((socket) => held.push(socket)); // reads nothing, answers nothing
  await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
  const { port } = collector.address() as net.AddressInfo;
  const script = `
    import { startTelemetry, stopTelemetry } from '@yizhan/common';
    import { trace } from '@opentelemetry/api';
    await startTelemetry('stop-test');
    trace.getTracer('t').startSpan('a span the collector never takes').end();
    await new Promise((r) => setTimeout(r, 700)); // past the batch's delay: its export is under way
    const began = Date.now();
    await stopTelemetry();
    console.log(JSON.stringify({ stoppedInMs: Date.now() - began }));
    process.exit(0);`;
  const child = spawn(process.execPath, ['--import', path.join(repoRoot, 'scripts/lib/load-typescript.ts'), '--input-type=module', '-e', script], {
    cwd: repoRoot,
    env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, YIZHAN_TELEMETRY: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise((r) => child.once('exit', r));
  for (const s of held) s.destroy();
  collector.close();
  assert.equal(code, 0);
  const { stoppedInMs } = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { stoppedInMs: number };
  assert.ok(held.length > 0, 'the exporter did try the collector');
  assert.ok(stoppedInMs < 4_000, `stopped in ${stoppedInMs} ms`);
});
