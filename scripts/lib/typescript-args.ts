// The Node flags that run one of our .ts files (scripts/lib/load-typescript.ts), for a process started from another.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const loadTypeScript = ['--import', pathToFileURL(path.join(import.meta.dirname, 'load-typescript.ts')).href];
