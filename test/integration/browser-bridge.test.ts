import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { sessionCookieName, startBrowserBridge, type BrowserBridge } from '../../src-main/ipc/browser-bridge.ts';
import { contentSecurityPolicy } from '../../src-main/lib/csp.ts';
import { EventBridge } from '../../src-main/ipc/event-bridge.ts';
import { EventBus } from '../../src-main/lib/event-bus.ts';
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
const cookie = (value: string, port = bridge.port) => `${sessionCookieName(port)}=${value}`;

/** Writes a request by hand (a client library would refuse to send these targets) and reads the reply. */
function rawRequest(port: number, head: string, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve) => {
    let reply = '';
    const s = connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => (s.destroy(), resolve(`${reply}<no answer in ${timeoutMs} ms>`)), timeoutMs);
    s.on('connect', () => s.write(head));
    s.on('data', (d) => {
      reply += d.toString();
      if (reply.includes('\r\n\r\n')) {
        clearTimeout(timer);
        s.destroy();
        resolve(reply);
      }
    });
    s.on('error', () => (clearTimeout(timer), resolve(`${reply}<error>`)));
    s.on('close', () => (clearTimeout(timer), resolve(reply)));
  });
}

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
    expect((await http('/', { headers: { Cookie: cookie('wrong') } })).status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie and serves the renderer with a CSP', async () => {
    const first = await http(`/?token=${bridge.token}`);
    expect(first.status).toBe(302);
    expect(String(first.headers['set-cookie'])).toMatch(new RegExp(`${sessionCookieName(bridge.port)}=.+; HttpOnly; SameSite=Strict`));
    expect(first.headers.location).toBe('/');
    const page = await http('/', { headers: { Cookie: cookie(bridge.token) } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('OMS Console');
    // The one policy (Electron's too), with this bridge's WebSocket as the only other place to connect.
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy([`ws://127.0.0.1:${bridge.port}`, `ws://localhost:${bridge.port}`]));
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const asset = await http('/assets/app.js', { headers: auth() });
    expect(asset.headers['content-type']).toContain('javascript');
    // Hashed build assets may be kept across starts; the page itself never is.
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(page.headers['cache-control']).toBe('no-store');
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
    expect(await refused({ Cookie: cookie('wrong') })).toBe(403);
    expect(await refused({ Cookie: cookie(bridge.token), Origin: 'https://evil.example' })).toBe(403);

    const ws = new WebSocket(url, { headers: { Cookie: cookie(bridge.token), Origin: bridge.origin } });
    await new Promise((r) => ws.on('open', r));
    const message = new Promise<string>((r) => ws.on('message', (d) => r(String(d))));
    bus.publish('event.app.heartbeat', { seq: 7, at: new Date().toISOString(), uptimeSec: 1 });
    expect(JSON.parse(await message)).toMatchObject({ name: 'event.app.heartbeat', payload: { seq: 7 } });
    ws.close();
  });

  it('sends webhook deliveries gathered in one window as one frame, every entry in order', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/api/events`, { headers: { Cookie: cookie(bridge.token), Origin: bridge.origin } });
    await new Promise((r) => ws.on('open', r));
    const frames: unknown[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(String(d))));
    const entry = (seq: number) => ({
      seq, eventId: `evt_${seq}`, type: 'customer.updated', customerId: 'cst_1', verdict: 'verified' as const, reason: 'ok', applied: true,
      duplicate: false, source: 'listener' as const, receivedAt: new Date(0).toISOString(), variant: 'standard', bodySize: 100, bodySha256: null,
    });
    for (const seq of [1, 2, 3]) bus.publish('event.webhooks.received', entry(seq));
    await vi.waitFor(() => expect(frames.length).toBeGreaterThan(0));
    await new Promise((r) => setTimeout(r, 50));
    expect(frames).toEqual([{ name: 'event.webhooks.received', payloads: [entry(1), entry(2), entry(3)] }]);
    ws.close();
  });

  it('answers every malformed request target with 400 and keeps serving', async () => {
    const host = `Host: 127.0.0.1:${bridge.port}\r\n`;
    for (const target of ['//[', '/%E0%A4%A', '/assets/%', '/%FF']) {
      const reply = await rawRequest(bridge.port, `GET ${target} HTTP/1.1\r\n${host}Connection: close\r\n\r\n`);
      expect(reply, target).toMatch(/^HTTP\/1\.1 400 /);
    }
    // Decodable but odd targets (a NUL, an IPv6-looking path) get an ordinary answer, never a hang.
    for (const target of ['/%00', '/assets/%00.js', '//[::1]/x']) {
      const reply = await rawRequest(bridge.port, `GET ${target} HTTP/1.1\r\n${host}Authorization: Bearer ${bridge.token}\r\nConnection: close\r\n\r\n`);
      expect(reply, target).toMatch(/^HTTP\/1\.1 (200|400|404) /);
    }
    const upgrade = await rawRequest(
      bridge.port,
      `GET //[ HTTP/1.1\r\n${host}Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${'a'.repeat(22)}==\r\n\r\n`,
    );
    expect(upgrade).toMatch(/^HTTP\/1\.1 400 /);
    // Still alive and still answering real requests.
    expect((await http('/', { headers: auth() })).status).toBe(200);
  });
});

describe('browser bridge restarts', () => {
  it('a restart on the same port: the new URL opens the app although the old cookie is still sent', async () => {
    const first = await startBrowserBridge({ dispatch: async () => ({ ok: true, data: null }), events: new EventBridge(new EventBus(), 5), staticDir, port: 0 });
    const port = first.port;
    const oldToken = first.token;
    await first.close();
    const second = await startBrowserBridge({ dispatch: async () => ({ ok: true, data: null }), events: new EventBridge(new EventBus(), 5), staticDir, port });
    try {
      expect(second.token).not.toBe(oldToken);
      const get = (path: string, headers: Record<string, string>) =>
        new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          });
          req.on('error', reject);
          req.end();
        });
      const stale = cookie(oldToken, port);
      const opened = await get(new URL(second.url).pathname + new URL(second.url).search, { Cookie: stale });
      expect(opened.status).toBe(302);
      const fresh = String(opened.headers['set-cookie']);
      expect(fresh).toContain(`${sessionCookieName(port)}=${second.token}`);
      const page = await get('/', { Cookie: fresh.split(';')[0]! });
      expect(page.status).toBe(200);
      expect(page.body).toContain('OMS Console');
      // The stale cookie alone is still refused.
      expect((await get('/', { Cookie: stale })).status).toBe(403);
    } finally {
      await second.close();
    }
  });

  it('two consoles in one browser keep separate sessions (cookie named per port)', async () => {
    const other = await startBrowserBridge({ dispatch: async () => ({ ok: true, data: null }), events: new EventBridge(new EventBus(), 5), staticDir, port: 0 });
    try {
      expect(sessionCookieName(other.port)).not.toBe(sessionCookieName(bridge.port));
      // The browser sends both cookies to both ports (cookies ignore the port): each console picks its own.
      const both = `${cookie(bridge.token)}; ${cookie(other.token, other.port)}`;
      expect((await http('/', { headers: { Cookie: both } })).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
