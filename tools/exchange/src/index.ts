// @yizhan/exchange: the exchange between two deployments (对端平台) as a library (startExchange) and a command (main).
export { type ExchangeOptions, type ExchangeTurn, startExchange } from './exchange.ts';
export { type GatewayClient, GatewayError, gatewayClient } from './gateway-client.ts';
export { main } from './main.ts';
