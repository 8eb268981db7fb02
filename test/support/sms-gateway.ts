// An SMS gateway for tests: the outside service the alert dispatcher posts to ({mobile, text} as JSON), run locally
// (we cannot run the real one here). It answers 200 and keeps every message, in arrival order.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { type Platform, startPlatform } from './harness.ts';

export interface SmsGateway {
  url: string;
  /** Every message received so far. */
  messages: { mobile: string; text: string }[];
  close(): Promise<void>;
}

/** `messages` is where it keeps what it receives (a new list unless given). */
export async function startSmsGateway(messages: SmsGateway['messages'] = []): Promise<SmsGateway> {
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw);
      messages.push({ mobile: String(body.mobile), text: String(body.text) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`,
    messages,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A platform with org and documents whose alert dispatcher texts through `gateway`, trying every 100 ms. */
export async function startPlatformTexting(gateway: SmsGateway): Promise<Platform> {
  process.env.YIZHAN_SMS_GATEWAY_URL = gateway.url;
  process.env.YIZHAN_ALERT_INTERVAL_MS = '100';
  try {
    return await startPlatform({ services: ['documents'] });
  } finally {
    delete process.env.YIZHAN_SMS_GATEWAY_URL;
  }
}

/**
 * A test file's texting platform: before its tests a local SMS gateway and a platform texting through it
 * (startPlatformTexting), handed to `ready`; after them both stopped. Returns the messages the gateway receives, in
 * arrival order (filled as they come, from the first test on).
 *
 *   let p: Platform;
 *   const sms = textingPlatform((platform) => (p = platform));
 */
export function textingPlatform(ready: (platform: Platform) => void): SmsGateway['messages'] {
  const messages: SmsGateway['messages'] = [];
  let gateway: SmsGateway | undefined;
  let platform: Platform | undefined;
  before(async () => {
    gateway = await startSmsGateway(messages);
    platform = await startPlatformTexting(gateway);
    ready(platform);
  });
  after(async () => {
    await platform?.close();
    await gateway?.close();
  });
  return messages;
}
