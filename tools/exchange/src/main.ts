// yizhan-exchange: the exchange between this platform and a peer platform, as a process (src/exchange.ts). Set:
//   YIZHAN_EXCHANGE_PEER_URL    the peer platform's gateway (https://…/graphql)
//   YIZHAN_EXCHANGE_PEER_TOKEN  the API token there of this platform's stand-in (registered there by the peer)
//   YIZHAN_EXCHANGE_URL         this platform's gateway
//   YIZHAN_EXCHANGE_TOKEN       the API token here of the peer's stand-in (registerPeerPlatform, then issueApiToken)
//   YIZHAN_EXCHANGE_INTERVAL_MS between turns (30 s)
// Stops on SIGTERM or SIGINT after the turn running.
import { createLogger } from '@yizhan/common';
import { startExchange } from './exchange.ts';
import { gatewayClient } from './gateway-client.ts';

const VARIABLES = ['YIZHAN_EXCHANGE_PEER_URL', 'YIZHAN_EXCHANGE_PEER_TOKEN', 'YIZHAN_EXCHANGE_URL', 'YIZHAN_EXCHANGE_TOKEN'] as const;

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const log = createLogger('exchange');
  const missing = VARIABLES.filter((v) => !env[v]);
  if (missing.length) {
    log.error({ missing }, `set ${missing.join(', ')}: the two gateways and the exchange's API token on each`);
    return 2;
  }
  const intervalMs = Number(env.YIZHAN_EXCHANGE_INTERVAL_MS ?? 30_000);
  if (!Number.isInteger(intervalMs) || intervalMs < 1_000) {
    log.error({ value: env.YIZHAN_EXCHANGE_INTERVAL_MS }, 'YIZHAN_EXCHANGE_INTERVAL_MS must be a whole number of milliseconds, 1000 or more');
    return 2;
  }
  const exchange = startExchange({
    peer: gatewayClient(env.YIZHAN_EXCHANGE_PEER_URL as string, env.YIZHAN_EXCHANGE_PEER_TOKEN as string),
    here: gatewayClient(env.YIZHAN_EXCHANGE_URL as string, env.YIZHAN_EXCHANGE_TOKEN as string),
    log,
    intervalMs,
  });
  log.info({ peer: env.YIZHAN_EXCHANGE_PEER_URL }, 'exchange started');
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => resolve());
  });
  await exchange.close();
  log.info('exchange stopped');
  return 0;
}
