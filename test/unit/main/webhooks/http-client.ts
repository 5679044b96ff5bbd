import { request } from 'node:http';
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, not fetch: fetch forbids setting Host, and the Host check is what some tests probe. */
export function httpRequest(
  port: number,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path ?? '/webhooks/oms', headers: opts.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    // Writes may fail after the server answered early (413): the response is what matters.
    req.on('error', (e) => reject(e));
    if (opts.body !== undefined) req.write(opts.body, () => {});
    req.end();
  });
}

/** Sends request headers one byte every `everyMs`; resolves with what the server did about it. */
export function slowHeaders(port: number, everyMs: number): Promise<{ closed: boolean; bytesSent: number; reply: string }> {
  return new Promise((resolve) => {
    const text = 'POST /webhooks/oms HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Slow: ' + 'a'.repeat(10_000);
    let i = 0;
    let reply = '';
    const socket = connect(port, '127.0.0.1');
    const timer = setInterval(() => {
      if (i < text.length && !socket.destroyed) socket.write(text[i++]!);
    }, everyMs);
    socket.on('data', (d) => (reply += d.toString()));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ closed: true, bytesSent: i, reply });
    });
  });
}
