// For `npm start` on a developer's machine, which has no SMS gateway: a local stand-in that takes the gateway's
// request ({mobile, text}, JSON) and writes each message to a file instead of a phone, so urgent-document alerts are
// delivered (and visible) in the demo. Only when YIZHAN_SMS_GATEWAY_URL is not set; never in tests or production.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export async function startSmsOutbox(file: string): Promise<{ url: string; close(): Promise<void> }> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST') return void res.writeHead(405).end();
    let body = '';
    req.on('data', (c) => {
      body += c;
      if (body.length > 64 * 1024) req.destroy();
    });
    req.on('end', () => {
      try {
        const { mobile, text } = JSON.parse(body) as { mobile?: string; text?: string };
        if (!mobile || !text) return void res.writeHead(400).end('{"error":"mobile and text are required"}');
        fs.appendFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), mobile, text })}\n`);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"queued"}');
      } catch {
        res.writeHead(400).end('{"error":"not JSON"}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
