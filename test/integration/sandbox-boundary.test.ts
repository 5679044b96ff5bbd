/* eslint-disable @typescript-eslint/no-explicit-any -- tests read untyped JSON bodies straight off the wire */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src-sandbox/index.ts';
import { FULL_CUSTOMER, setup, type Client } from '../unit/sandbox/support/harness.ts';

/** The sandbox's HTTP boundary. Raw node:http so Host and Origin are ours to set. */
function raw(sb: SandboxHandle, o: { method: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: sb.port, method: o.method, path: o.path, headers: o.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
      });
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

describe('sandbox boundary: Host, Origin, Content-Type, auth before body, hostile q', () => {
  let sb: SandboxHandle;
  let api: Client;
  let ctl: Client;
  beforeAll(async () => ({ sb, api, ctl } = await setup()));
  afterAll(() => sb.close());

  const customers = async () => (await ctl.get('/stats')).body.customers as number;

  it('a cross-origin page cannot drive the control API (no-cors text/plain POST to /seed)', async () => {
    const before = await customers();
    const r = await raw(sb, {
      method: 'POST',
      path: '/_sandbox/seed',
      headers: { Host: `127.0.0.1:${sb.port}`, Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
      body: '{"count":50}',
    });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/Cross-origin/);
    expect(await customers()).toBe(before);
  });

  it('a JSON control POST from a foreign origin is refused too; our own origin and no origin pass', async () => {
    const body = '{"count":1}';
    const json = { Host: `127.0.0.1:${sb.port}`, 'Content-Type': 'application/json' };
    expect((await raw(sb, { method: 'POST', path: '/_sandbox/seed', headers: { ...json, Origin: 'http://127.0.0.1:1' }, body })).status).toBe(403);
    expect((await raw(sb, { method: 'POST', path: '/_sandbox/seed', headers: { ...json, Origin: `http://localhost:${sb.port}` }, body })).status).toBe(201);
    expect((await raw(sb, { method: 'POST', path: '/_sandbox/seed', headers: json, body })).status).toBe(201);
  });

  it('a rebinding Host cannot read a webhook secret', async () => {
    const hook = await api.post('/webhooks', { url: 'http://127.0.0.1:9/hook' });
    const path = `/_sandbox/webhooks/${hook.body.id}/secret`;
    for (const host of [`rebind.evil.example:${sb.port}`, '127.0.0.1:80', `127.0.0.1:${sb.port + 1}`, 'localhost']) {
      const r = await raw(sb, { method: 'GET', path, headers: { Host: host } });
      expect(r.status, `${host} ${JSON.stringify(r.body)}`).toBe(403);
      expect(JSON.stringify(r.body)).not.toContain('whsec_');
    }
    for (const host of [`127.0.0.1:${sb.port}`, `localhost:${sb.port}`, `[::1]:${sb.port}`]) {
      expect((await raw(sb, { method: 'GET', path, headers: { Host: host } })).body.secret, host).toMatch(/^whsec_/);
    }
  });

  it('control POSTs with a body must be application/json (415 otherwise); bodyless POSTs stay allowed', async () => {
    const r = await raw(sb, { method: 'POST', path: '/_sandbox/seed', headers: { Host: `127.0.0.1:${sb.port}`, 'Content-Type': 'text/plain' }, body: '{"count":1}' });
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('unsupported_media_type');
    expect((await raw(sb, { method: 'POST', path: '/_sandbox/stats/reset', headers: { Host: `127.0.0.1:${sb.port}` } })).status).toBe(200);
  });

  it('OMS POST and PATCH with text/plain → 415, nothing created or changed', async () => {
    const auth = { Host: `127.0.0.1:${sb.port}`, Authorization: `Bearer ${api.token}`, 'Idempotency-Key': `plain-${Date.now()}` };
    const post = await raw(sb, { method: 'POST', path: '/v0.9/customers', headers: { ...auth, 'Content-Type': 'text/plain' }, body: JSON.stringify({ type: 'individual', firstName: 'Plain' }) });
    expect(post.status).toBe(415);
    expect((await api.get('/customers?q=plain')).body.data).toHaveLength(0);
    const made = await api.post('/customers', { type: 'individual', firstName: 'Patchme' });
    const patch = await raw(sb, { method: 'PATCH', path: `/v0.9/customers/${made.body.id}`, headers: { ...auth, 'Content-Type': 'text/plain;charset=utf-8' }, body: '{"firstName":"Changed"}' });
    expect(patch.status).toBe(415);
    expect((await api.get(`/customers/${made.body.id}`)).body.firstName).toBe('Patchme');
  });

  it('authenticates before reading the body: anonymous malformed or oversized bodies get 401', async () => {
    const headers = { Host: `127.0.0.1:${sb.port}`, 'Content-Type': 'application/json', 'Idempotency-Key': 'anon' };
    const malformed = await raw(sb, { method: 'POST', path: '/v0.9/customers', headers, body: '{"type":' });
    expect(malformed.status).toBe(401);
    const huge = await raw(sb, { method: 'POST', path: '/v0.9/customers', headers, body: JSON.stringify({ type: 'individual', firstName: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(huge.status).toBe(401);
  });

  it('control characters in q (NUL included) answer 200, never 500', async () => {
    await api.post('/customers', { ...FULL_CUSTOMER, email: 'nul.probe@acme.com' });
    for (const q of ['\u0000', 'nul\u0000probe', 'a\u0000b\u0000c', '\u0001\u0002\u0003abc', 'probe\u007f', '"\u0000"']) {
      const r = await api.get(`/customers?q=${encodeURIComponent(q)}`);
      expect(r.status, JSON.stringify(q)).toBe(200);
    }
    expect((await api.get(`/customers?q=${encodeURIComponent('nul.pro\u0000')}`)).body.data.map((c: any) => c.email)).toContain('nul.probe@acme.com');
  });

  it('a malformed request target answers 400, and the server keeps serving', async () => {
    const r = await raw(sb, { method: 'GET', path: '//[', headers: { Host: `127.0.0.1:${sb.port}` } });
    expect(r.status).toBe(400);
    expect((await api.get('/customers?limit=1')).status).toBe(200);
  });
});
