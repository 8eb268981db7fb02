// One page for a browser test that renders outside the dashboard (pdf.js, ofd.js): an HTML page at / and the files it
// loads, served from this machine on a port of its own (nothing is fetched from elsewhere).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticPage {
  /** The page's address (http://127.0.0.1:<port>/). */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `body` inside a bare page (grey, no margin) at /, and each of `files` (path → [file on disk, content type])
 * read when asked; anything else is a 404.
 */
export async function serveStaticPage(body: string, files: Record<string, [file: string, contentType: string]> = {}): Promise<StaticPage> {
  const server = http.createServer((req, res) => {
    const f = files[req.url ?? ''];
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><meta charset="utf-8"><body style="margin:0;background:#888">${body}</body>`);
    } else if (f) {
      res.writeHead(200, { 'content-type': f[1] });
      res.end(fs.readFileSync(f[0]));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
