// The comparison gateway of bench/gateway.ts: Apollo's own federation gateway (`@apollo/gateway`, queries and
// mutations only) on the same supergraph and subgraphs, in its own process. It does the work our gateway does on the
// request path that a fair comparison needs — the bearer token verified, the caller context signed for each subgraph
// call (reused per caller, as ours does) — and nothing else: no session check against org, no operation limits, no
// trusted documents. Started by bench/gateway.ts with PORT and YIZHAN_SUBGRAPHS set; answers { ready: url } over IPC.
import fs from 'node:fs';
import path from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { CALLER_HEADER, type Caller, loadConfig, loadSigner, loadVerifier, repoRoot } from '@yizhan/common';
import { callerHeaderFor, verifyAccessToken } from '../gateway/src/auth.ts';

interface Context {
  caller: Caller | null;
}

const config = loadConfig();
const verifier = await loadVerifier('access-token');
const callerHeader = callerHeaderFor(await loadSigner('caller-context'), config.auth.callerContextTtlSeconds);
const subgraphs = JSON.parse(process.env.YIZHAN_SUBGRAPHS ?? '{}') as Record<string, string>;

const gateway = new ApolloGateway({
  supergraphSdl: fs.readFileSync(path.join(repoRoot, 'schema', 'supergraph.graphql'), 'utf8'),
  buildService: ({ name }) =>
    new RemoteGraphQLDataSource<Context>({
      url: subgraphs[name] as string,
      async willSendRequest({ request, context }) {
        request.http?.headers.set(CALLER_HEADER, await callerHeader({ caller: context.caller ?? null }));
      },
    }),
});
const server = new ApolloServer<Context>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT), host: '127.0.0.1' },
  context: async ({ req }) => ({ caller: (await verifyAccessToken(req.headers.authorization, verifier))?.caller ?? null }),
});
process.send?.({ ready: url.replace(/\/$/, '') });
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
