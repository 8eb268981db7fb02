// npm run build: the production build of every process into dist/ (npm start also builds when sources changed).
import { buildProcesses } from './lib/build.ts';

if (!(await buildProcesses(console.log))) console.log('dist/ is up to date');
