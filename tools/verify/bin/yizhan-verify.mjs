#!/usr/bin/env node
// yizhan-verify package.zip: checks an evidence package offline and prints a verdict per item; exits 0 when it holds
// against the roots given with --root, 3 when it holds but only against its own roots, 1 on any failure, 2 when it
// cannot read the package. The package is TypeScript, run through tsx (a dependency of the repo).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
