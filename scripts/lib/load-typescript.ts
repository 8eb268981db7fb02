// The project's TypeScript, compiled as Node loads it: `node --import ./scripts/lib/load-typescript.ts main.ts`.
// Node strips types by itself but cannot compile the decorators of the entities and resolvers; esbuild does, as tsx
// did before. Unlike tsx, only our own .ts files pass through a hook, in Node's thread: the three thousand modules of
// node_modules load as Node loads them (tsx sent each through its own resolver, on another thread), and a file's
// output is kept on disk, keyed by its text, so a process that starts (each test file is one) compiles nothing it has
// compiled before. The dashboard tests' imports took 6.8–7.2 s of CPU under tsx and 4.6–4.9 s with this, under the
// test run's load.
// This file itself is only type-stripped by Node: it may use no syntax that needs compiling.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire, enableCompileCache, registerHooks } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const esbuildVersion: string = require('esbuild/package.json').version;
const cacheDir = path.join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'yizhan-typescript');
const options = {
  loader: 'ts',
  format: 'esm',
  target: `node${process.versions.node}`,
  // Stack traces name the TypeScript line; the source itself is on disk beside it.
  sourcemap: 'inline',
  sourcesContent: false,
  minifyWhitespace: true,
  keepNames: true,
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false, verbatimModuleSyntax: false } },
} as const;
// Output of another esbuild, or of other options, is another key.
const salt = JSON.stringify({ esbuildVersion, options });
fs.mkdirSync(cacheDir, { recursive: true });
// V8's compiled code of every module, kept between processes: the dashboard tests' imports took 3.3–3.4 s of CPU
// with it and 4.1–4.2 s without, on a quiet machine.
enableCompileCache(path.join(cacheDir, '..', 'node-compile-cache'));

let esbuild: typeof import('esbuild') | undefined;
function compile(file: string, source: string): string {
  const key = path.join(cacheDir, `${createHash('sha256').update(salt).update('\0').update(file).update('\0').update(source).digest('hex')}.js`);
  try {
    return fs.readFileSync(key, 'utf8');
  } catch {
    // Not compiled yet: loaded only now, most processes never start esbuild's service.
    esbuild ??= require('esbuild') as typeof import('esbuild');
    const { code } = esbuild.transformSync(source, { ...options, sourcefile: file });
    // Written whole under another name, then renamed: two processes compiling the same file at once each leave it whole.
    const partial = `${key}.${process.pid}`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, key);
    return code;
  }
}

registerHooks({
  load(url, context, nextLoad) {
    if (!url.startsWith('file:')) return nextLoad(url, context);
    const file = fileURLToPath(url);
    if (!file.endsWith('.ts') || file.includes(`${path.sep}node_modules${path.sep}`)) return nextLoad(url, context);
    return { format: 'module', source: compile(file, fs.readFileSync(file, 'utf8')), shortCircuit: true };
  },
});
process.setSourceMapsEnabled(true);
