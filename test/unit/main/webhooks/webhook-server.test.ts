import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookServer, type RawDelivery, type WebhookServer } from '../../../../src-main/webhooks/webhook-server.ts';
import { httpRequest, slowHeaders } from './http-client.ts';

describe('webhook listener attack surface', () => {
  let listener: WebhookServer;
  const received: RawDelivery[] = [];

  beforeAll(async () => {
    listener = await startWebhookServer({
      port: 0,
      headersTimeoutMs: 1_000,
      onDelivery: async (d) => {
        received.push(d);
        if (d.headers['x-test-status']) return { status: Number(d.headers['x-test-status']), body: {} };
        return { status: 200, body: { ok: true } };
      },
    });
  });
  afterAll(() => listener.close());

  const json = { 'content-type': 'application/json' };

  it('binds loopback and reports the URL to register', () => {
    expect(listener.url).toBe(`http://127.0.0.1:${listener.port}/webhooks/oms`);
  });

  it('accepts POST JSON on its path with the raw bytes intact', async () => {
    const body = '{ "spaced" :  1 }';
    const r = await httpRequest(listener.port, { headers: json, body });
    expect(r.status).toBe(200);
    expect(received.at(-1)!.rawBody.toString()).toBe(body);
  });

  it.each(['evil.example', 'evil.example:4590', '127.0.0.1.nip.io', '10.0.0.1', 'localhost.evil.example'])('refuses non-loopback Host %j', async (host) => {
    const r = await httpRequest(listener.port, { headers: { ...json, host }, body: '{}' });
    expect(r.status).toBe(403);
  });

  it.each(['localhost', 'LOCALHOST:1', '[::1]:4590', '127.0.0.1'])('accepts loopback Host %j', async (host) => {
    expect((await httpRequest(listener.port, { headers: { ...json, host }, body: '{}' })).status).toBe(200);
  });

  it.each(['GET', 'PUT', 'DELETE', 'PATCH'])('%s → 405 with Allow: POST', async (method) => {
    const r = await httpRequest(listener.port, { method, headers: json, body: method === 'GET' ? undefined : '{}' });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('POST');
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''])('content type %j → 415', async (ct) => {
    const r = await httpRequest(listener.port, { headers: ct ? { 'content-type': ct } : {}, body: '{}' });
    expect(r.status).toBe(415);
  });

  it('2 MiB → 413, declared or chunked', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 0x20);
    const declared = await httpRequest(listener.port, { headers: { ...json, 'content-length': String(big.length) }, body: big });
    expect(declared.status).toBe(413);
    const chunked = await httpRequest(listener.port, { headers: { ...json, 'transfer-encoding': 'chunked' }, body: big });
    expect(chunked.status).toBe(413);
  });

  it('cuts off a client sending headers one byte a second', async () => {
    const r = await slowHeaders(listener.port, 1_000);
    expect(r.closed).toBe(true);
    expect(r.bytesSent).toBeLessThan(200);
    expect(r.reply).not.toMatch(/^HTTP\/1\.1 410/);
  }, 20_000);

  it('never answers 410, whatever the path, method or handler says', async () => {
    const paths = ['/', '/webhooks/oms', '/webhooks/oms/', '/webhooks/oms?x=1', '/../webhooks/oms', '/%2e%2e/', '/webhooks', '/favicon.ico'];
    const methods = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'];
    for (const path of paths) {
      for (const method of methods) {
        const r = await httpRequest(listener.port, { method, path, headers: json, body: method === 'GET' || method === 'HEAD' ? undefined : '{}' });
        expect(r.status, `${method} ${path}`).not.toBe(410);
      }
    }
    const forced = await httpRequest(listener.port, { headers: { ...json, 'x-test-status': '410' }, body: '{}' });
    expect(forced.status).toBe(400);
  });
});
