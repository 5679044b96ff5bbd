/* eslint-disable @typescript-eslint/no-explicit-any -- tests read untyped JSON bodies straight off the wire */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../../../src-sandbox/index.ts';

/** Test harness: a real sandbox over real HTTP, a plain fetch client, and a local webhook receiver. */
export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export const CREDS = { apiKey: 'sk_sdbx_test_key', apiSecret: 'test-secret-value' };

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'oms-sandbox-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startTestSandbox(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  return startSandbox({ ...CREDS, reviewDelayMs: 30, retryScale: 0.001, rateLimitPerSec: 1000, ...opts });
}

let keySeq = 0;
export function idemKey(): string {
  keySeq += 1;
  return `test-${process.pid}-${Date.now()}-${keySeq}`;
}

export class Client {
  readonly baseUrl: string;
  token: string | null = null;
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  async login(creds = CREDS): Promise<string> {
    const r = await this.raw('POST', '/auth/token', { body: creds, auth: false });
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
    this.token = r.body.accessToken;
    return this.token!;
  }

  async raw(
    method: string,
    path: string,
    o: { body?: unknown; rawBody?: string; headers?: Record<string, string>; auth?: boolean; idem?: string | false; signal?: AbortSignal } = {},
  ): Promise<HttpResult> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.auth !== false && this.token) headers.Authorization = `Bearer ${this.token}`;
    if ((method === 'POST' || method === 'PUT') && o.idem !== false && path !== '/auth/token') headers['Idempotency-Key'] = o.idem ?? idemKey();
    let body: string | undefined = o.rawBody;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['Content-Type'] = 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body, signal: o.signal ?? null });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* keep text */
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  get(path: string) {
    return this.raw('GET', path);
  }
  post(path: string, body: unknown, idem?: string) {
    return this.raw('POST', path, idem === undefined ? { body } : { body, idem });
  }
  patch(path: string, body: unknown) {
    return this.raw('PATCH', path, { body });
  }
}

export function control(sb: SandboxHandle) {
  return new Client(`${sb.origin}/_sandbox`);
}

export async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs = 5000, label = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

export interface Received {
  headers: IncomingMessage['headers'];
  raw: string;
  json: any;
  at: number;
}

/** A local webhook receiver; `respond` decides the status for each delivery (default 200). */
export async function startReceiver(respond: (r: Received, n: number) => number = () => 200) {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const r: Received = { headers: req.headers, raw, json: JSON.parse(raw), at: Date.now() };
      received.push(r);
      res.statusCode = respond(r, received.length);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const FULL_CUSTOMER = {
  type: 'individual',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada.lovelace@acme.com',
  phone: '+14155550100',
  birthDate: '1985-12-10',
  nationality: 'US',
  signedAgreement: true,
  ipAddress: '203.0.113.7',
  residentialAddress: { line1: '1 Main St', city: 'San Francisco', state: 'CA', country: 'US', zipCode: '94103' },
  identifyingInformation: [{ type: 'ssn', issuingCountry: 'US', number: '123-45-6789' }],
};

/** Starts a sandbox and returns a logged-in client plus the control client. */
export async function setup(opts: SandboxOptions = {}) {
  const sb = await startTestSandbox(opts);
  const api = new Client(sb.baseUrl);
  await api.login();
  return { sb, api, ctl: control(sb) };
}

export function statuses(customer: any): Record<string, string> {
  return Object.fromEntries(customer.endorsements.map((e: any) => [e.name, e.status]));
}
