#!/usr/bin/env node
// yizhan-exchange: carries documents from a peer platform into this one and reports 签收 and 退回 back (src/main.ts).
// The package is TypeScript, run through tsx (a dependency of the repo).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main();
