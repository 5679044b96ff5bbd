import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserBridge, type BrowserBridge } from '../../src-main/ipc/browser-bridge.ts';
import { EventBridge } from '../../src-main/ipc/event-bridge.ts';
import { EventBus } from '../../src-main/ipc/event-bus.ts';
import type { Dispatch } from '../../src-main/ipc/dispatcher.ts';

let bridge: BrowserBridge;
let bus: EventBus;
let staticDir: string;
const calls: string[] = [];

/** Raw HTTP, so the test controls Host and Origin exactly (fetch would not let it). */
function http(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: bridge.port, path, method: opts.method ?? 'GET', headers: { Host: `127.0.0.1:${bridge.port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const auth = () => ({ Authorization: `Bearer ${bridge.token}` });

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'oms-static-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>OMS Console</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  bus = new EventBus();
  const dispatch: Dispatch = async (channel, input) => {
    calls.push(channel);
    return channel === 'app.info' ? { ok: true, data: { echo: input } } : { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'nope' } };
  };
  bridge = await startBrowserBridge({ dispatch, events: new EventBridge(bus, 5), staticDir, port: 0 });
});

afterAll(async () => {
  await bridge.close();
  rmSync(staticDir, { recursive: true, force: true });
});

describe('browser bridge over real HTTP', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(bridge.origin).toBe(`http://127.0.0.1:${bridge.port}`);
    const v6 = await new Promise<string>((resolve) => {
      const s = connect({ host: '::1', port: bridge.port });
      s.on('connect', () => (s.destroy(), resolve('connected')));
      s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(v6).not.toBe('connected');
  });

  it('answers 401 without a token and 403 with a wrong one', async () => {
    expect((await http('/')).status).toBe(401);
    expect((await http('/api/invoke/app.info', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await http('/', { headers: { Authorization: 'Bearer wrong' } })).status).toBe(403);
    expect((await http('/?token=wrong')).status).toBe(403);
    expect((await http('/', { headers: { Cookie: 'oms_session=wrong' } })).status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie and serves the renderer with a CSP', async () => {
    const first = await http(`/?token=${bridge.token}`);
    expect(first.status).toBe(302);
    expect(String(first.headers['set-cookie'])).toMatch(/oms_session=.+; HttpOnly; SameSite=Strict/);
    expect(first.headers.location).toBe('/');
    const page = await http('/', { headers: { Cookie: `oms_session=${bridge.token}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('OMS Console');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await http('/assets/app.js', { headers: auth() })).headers['content-type']).toContain('javascript');
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin even with the right token', async () => {
    expect((await http('/', { headers: { ...auth(), Host: `evil.example:${bridge.port}` } })).status).toBe(403);
    const cross = await http('/api/invoke/app.info', { method: 'POST', body: '{}', headers: { ...auth(), Origin: 'https://evil.example' } });
    expect(cross.status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('invokes the dispatcher and returns its Result; bad JSON is 400, over 1 MiB is 413, GET is 405', async () => {
    const ok = await http('/api/invoke/app.info', { method: 'POST', body: '{"a":1}', headers: { ...auth(), Origin: bridge.origin } });
    expect(JSON.parse(ok.body)).toEqual({ ok: true, data: { echo: { a: 1 } } });
    expect((await http('/api/invoke/app.info', { method: 'POST', body: '{nope', headers: auth() })).status).toBe(400);
    expect((await http('/api/invoke/app.info', { method: 'POST', body: Buffer.alloc(1024 * 1024 + 10, 32), headers: auth() })).status).toBe(413);
    expect((await http('/api/invoke/app.info', { headers: auth() })).status).toBe(405);
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await http('/..%2f..%2f..%2fetc%2fpasswd', { headers: auth() });
    expect(r.body).not.toContain('root:');
  });

  it('pushes events over the WebSocket to an authorised page and refuses others', async () => {
    const url = `ws://127.0.0.1:${bridge.port}/api/events`;
    const refused = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => (ws.close(), resolve(101)));
        ws.on('error', () => resolve(-1));
      });
    expect(await refused({})).toBe(401);
    expect(await refused({ Cookie: 'oms_session=wrong' })).toBe(403);
    expect(await refused({ Cookie: `oms_session=${bridge.token}`, Origin: 'https://evil.example' })).toBe(403);

    const ws = new WebSocket(url, { headers: { Cookie: `oms_session=${bridge.token}`, Origin: bridge.origin } });
    await new Promise((r) => ws.on('open', r));
    const message = new Promise<string>((r) => ws.on('message', (d) => r(String(d))));
    bus.publish('event.app.heartbeat', { seq: 7, at: new Date().toISOString(), uptimeSec: 1 });
    expect(JSON.parse(await message)).toMatchObject({ name: 'event.app.heartbeat', payload: { seq: 7 } });
    ws.close();
  });
});
