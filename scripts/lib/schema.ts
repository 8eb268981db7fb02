// Generates each subgraph's SDL and composes the supergraph. `npm run schema` writes them to schema/; a test
// regenerates them in memory and fails if the checked-in files differ or do not compose.
import path from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import { repoRoot } from '@yizhan/common';
import { parse } from 'graphql';
import { services } from './services.ts';

export const schemaDir = path.join(repoRoot, 'schema');

/** The URL each subgraph has in the checked-in supergraph; the gateway replaces it with the real one. */
export const placeholderUrl = (name: string) => `http://${name}.yizhan.internal/graphql`;

export async function generateSchemas(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const subgraphs = [];
  for (const svc of await services()) {
    const sdl = `${printSubgraphSchema(await svc.buildSchema()).trim()}\n`;
    files.set(`${svc.name}.graphql`, sdl);
    subgraphs.push({ name: svc.name, typeDefs: parse(sdl), url: placeholderUrl(svc.name) });
  }
  const result = composeServices(subgraphs);
  if (result.errors?.length || !result.supergraphSdl) {
    throw new Error(`The subgraphs do not compose:\n${(result.errors ?? []).map((e) => `- ${e.message}`).join('\n')}`);
  }
  files.set('supergraph.graphql', `${result.supergraphSdl.trim()}\n`);
  return files;
}
