 
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src-sandbox/index.ts';
import { Client, CREDS, setup, startTestSandbox } from '../unit/sandbox/support/harness.ts';

describe('auth and rate limit', () => {
  let sb: SandboxHandle;
  let api: Client;
  let ctl: Client;
  beforeAll(async () => ({ sb, api, ctl } = await setup({ tokenTtlSec: 60 })));
  afterAll(() => sb.close());

  it('rejects missing, unknown and wrong credentials with 401', async () => {
    const anon = new Client(sb.baseUrl);
    const r = await anon.get('/customers');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthorized');
    expect((await anon.raw('POST', '/auth/token', { body: { ...CREDS, apiSecret: 'wrong' } })).status).toBe(401);
    expect((await anon.raw('POST', '/auth/token', { body: { apiKey: 'sk_sdbx_unknown', apiSecret: 'x' } })).status).toBe(401);
    expect((await anon.raw('POST', '/auth/token', { body: { apiKey: CREDS.apiKey } })).status).toBe(400);
    anon.token = 'oms_at_forged';
    expect((await anon.get('/customers')).status).toBe(401);
    // Older docs sent the raw key as bearer: the sandbox refuses it (the console always exchanges).
    anon.token = CREDS.apiKey;
    expect((await anon.get('/customers')).status).toBe(401);
  });

  it('a token expires with the clock: 401, then a new exchange works', async () => {
    expect((await api.get('/customers')).status).toBe(200);
    await ctl.post('/clock/advance', { seconds: 59 });
    expect((await api.get('/customers')).status).toBe(200);
    await ctl.post('/clock/advance', { seconds: 2 });
    const expired = await api.get('/customers');
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/expired/i);
    const before = (await ctl.get('/stats')).body.tokenExchanges;
    await api.login();
    expect((await api.get('/customers')).status).toBe(200);
    expect((await ctl.get('/stats')).body.tokenExchanges).toBe(before + 1);
    expect((await ctl.get('/clock')).body.offsetMs).toBe(61_000);
  });

  it('429 with Retry-After past the per-key limit', async () => {
    const limited = await startTestSandbox({ rateLimitPerSec: 5 });
    try {
      const c = new Client(limited.baseUrl);
      await c.login();
      const results = await Promise.all(Array.from({ length: 12 }, () => c.get('/customers')));
      const tooMany = results.filter((r) => r.status === 429);
      expect(results.filter((r) => r.status === 200)).toHaveLength(5);
      expect(tooMany).toHaveLength(7);
      expect(tooMany[0]!.body.error.code).toBe('rate_limited');
      expect(Number(tooMany[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      await new Promise((r) => setTimeout(r, 1050));
      expect((await c.get('/customers')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('generates credentials on first start only, and they work', async () => {
    const fresh = await startTestSandbox({ apiKey: undefined, apiSecret: undefined });
    try {
      expect(fresh.generatedCredentials?.apiKey).toMatch(/^sk_sdbx_/);
      const c = new Client(fresh.baseUrl);
      await c.login(fresh.generatedCredentials!);
      expect((await c.get('/customers')).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});
