// Process entry of yizhan-exchange in the production build (scripts/lib/build.ts CONNECTORS: dist/exchange/main.js,
// the image yizhan/exchange): runs the command (main.ts) and exits with its status — 2 when a variable is missing or
// wrong, 0 once SIGTERM or SIGINT stopped it after the turn running. bin/yizhan-exchange.mjs does the same from source.
import { main } from './main.ts';

process.exit(await main());
