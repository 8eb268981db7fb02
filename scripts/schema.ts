// npm run schema: regenerate schema/*.graphql from the subgraphs' code.
import fs from 'node:fs';
import path from 'node:path';
import { generateSchemas, schemaDir } from './lib/schema.ts';

fs.mkdirSync(schemaDir, { recursive: true });
for (const [name, sdl] of await generateSchemas()) {
  fs.writeFileSync(path.join(schemaDir, name), sdl);
  console.log(`wrote schema/${name}`);
}
