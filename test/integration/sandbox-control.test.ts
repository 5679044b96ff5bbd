/* eslint-disable @typescript-eslint/no-explicit-any -- tests read untyped JSON bodies straight off the wire */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src-sandbox/index.ts';
import { Client, setup, startTestSandbox, control } from '../unit/sandbox/support/harness.ts';

describe('control API', () => {
  let sb: SandboxHandle;
  let api: Client;
  let ctl: Client;
  beforeAll(async () => ({ sb, api, ctl } = await setup({ preview: true })));
  afterAll(() => sb.close());

  it('seeds deterministically, with a realistic mix of states, wallets and balances', async () => {
    const other = await startTestSandbox();
    try {
      await ctl.post('/reset', {});
      expect((await ctl.post('/seed', { count: 200, seed: 3 })).body).toEqual({ created: 200 });
      await control(other).post('/seed', { count: 200, seed: 3 });
      const o = new Client(other.baseUrl);
      await o.login();
      const mine = (await api.get('/customers?limit=100')).body.data;
      const theirs = (await o.get('/customers?limit=100')).body.data;
      expect(mine.map((c: any) => [c.id, c.email, c.phone, c.externalId])).toEqual(theirs.map((c: any) => [c.id, c.email, c.phone, c.externalId]));
    } finally {
      await other.close();
    }
    for (const status of ['incomplete', 'pending', 'active', 'rejected']) {
      expect((await api.get(`/customers?endorsement=basic:${status}&limit=1`)).body.data.length).toBe(1);
    }
    const withWallet = (await api.get('/customers?limit=100')).body.data.filter((c: any) => c.wallets.length);
    expect(withWallet.length).toBeGreaterThan(5);
    expect(withWallet.some((c: any) => Number(c.wallets[0].balance) > 0)).toBe(true);
    // Search variants: word starts of name, email domain, phone, externalId, id, full name.
    const sample = withWallet[0];
    const domain = sample.email.split('@')[1].slice(0, 5);
    for (const q of [sample.lastName.slice(0, 3).toUpperCase(), `@${domain}`, sample.phone.slice(0, 6), sample.externalId, sample.id, `${sample.firstName} ${sample.lastName}`]) {
      const ids = (await api.get(`/customers?limit=100&q=${encodeURIComponent(q)}`)).body.data.map((c: any) => c.id);
      expect(ids, q).toContain(sample.id);
    }
    // Inside a word only with the looser setting (a test aid), switched back after.
    const inside = sample.email.split('@')[0].slice(2, 5);
    const insideIds = async () => (await api.get(`/customers?limit=100&q=${encodeURIComponent(inside)}`)).body.data.map((c: any) => c.id);
    expect(await insideIds()).not.toContain(sample.id);
    expect((await ctl.raw('PUT', '/search', { body: { qMatch: 'substring' } })).body).toEqual({ qMatch: 'substring' });
    expect(await insideIds()).toContain(sample.id);
    expect((await ctl.raw('PUT', '/search', { body: { qMatch: 'anything' } })).status).toBe(400);
    await ctl.raw('PUT', '/search', { body: { qMatch: 'wordStart' } });
    expect((await ctl.get('/search')).body).toEqual({ qMatch: 'wordStart' });
    expect((await api.get(`/customers?email=${encodeURIComponent(sample.email.toUpperCase())}`)).body.data[0].id).toBe(sample.id);
    expect((await api.get(`/customers?externalId=${sample.externalId}`)).body.data).toHaveLength(1);
  });

  it('snapshot, change, restore', async () => {
    await ctl.post('/snapshots', { name: 'base' });
    const count = async () => (await api.get('/customers?limit=100&q=snap')).body.data.length;
    await api.post('/customers', { type: 'individual', firstName: 'Snap', email: 'snap@restore.test' });
    expect(await count()).toBe(1);
    const restored = await ctl.post('/snapshots/base/restore', {});
    expect(restored.status).toBe(200);
    expect(await count()).toBe(0);
    expect((await api.get('/customers?q=restore.test')).body.data).toHaveLength(0);
    expect((await ctl.get('/snapshots')).body.data.map((s: any) => s.name)).toEqual(['base']);
    expect((await ctl.post('/snapshots/nope/restore', {})).status).toBe(404);
    await ctl.post('/reset', {});
    expect((await api.get('/customers')).body.data).toHaveLength(0);
    await ctl.post('/snapshots/base/restore', {});
    expect((await api.get('/customers?limit=100')).body.data.length).toBe(100);
  });

  it('stats count requests per route template and token exchanges', async () => {
    await ctl.post('/stats/reset', {});
    await api.get('/customers');
    await api.get('/customers/cst_x');
    await api.get('/customers/cst_y');
    await api.login();
    const stats = (await ctl.get('/stats')).body;
    expect(stats.tokenExchanges).toBe(1);
    expect(stats.requests['GET /customers']).toBe(1);
    expect(stats.requests['GET /customers/{id}']).toBe(2);
    expect(stats.requests['POST /auth/token']).toBe(1);
  });

  it('preview serves external accounts with schema validation; not_available without it', async () => {
    const schema = (await api.get('/external-accounts/schemas?country=US&currency=USD')).body;
    expect(schema.rails.map((r: any) => r.network)).toEqual(['ach', 'wire']);
    const c = (await api.post('/customers', { type: 'individual' })).body;
    const bad = await api.post(`/customers/${c.id}/external-accounts`, { network: 'ach', bankDetails: { accountHolderName: 'Ada L', routingNumber: '12', accountNumber: '12345678', accountType: 'checking' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('bankDetails.routingNumber');
    const good = await api.post(`/customers/${c.id}/external-accounts`, { network: 'ach', bankDetails: { accountHolderName: 'Ada L', routingNumber: '021000021', accountNumber: '12345678', accountType: 'checking' } });
    expect(good.status).toBe(201);
    expect(good.body.id).toMatch(/^cpUsBank_/);
    // The documented example's shape: type usBank, status verified, masked number with six asterisks.
    expect(good.body).toMatchObject({ object: 'externalAccount', type: 'usBank', status: 'verified', network: 'ach', bankDetails: { bankName: expect.any(String), accountNumber: '******5678' } });
    expect(JSON.stringify(good.body)).not.toContain('12345678');

    const plain = await startTestSandbox();
    try {
      const p = new Client(plain.baseUrl);
      await p.login();
      const r = await p.get('/external-accounts/schemas');
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('not_available');
      expect((await p.get('/deposit-addresses/da_x')).body.error.code).toBe('not_available');
      // Invented routes are gone: cash pickup is a quote plus a transaction, payouts do not exist.
      for (const path of ['/cash-pickups', '/payouts']) {
        expect((await p.get(path)).body.error.code, path).toBe('not_found');
        expect((await p.post(path, {})).body.error.code, path).toBe('not_found');
      }
    } finally {
      await plain.close();
    }
  });

  it('custom base path', async () => {
    const custom = await startTestSandbox({ basePath: '/v0.11/' });
    try {
      expect(custom.baseUrl.endsWith('/v0.11')).toBe(true);
      const c = new Client(custom.baseUrl);
      await c.login();
      expect((await c.get('/customers')).status).toBe(200);
      expect((await fetch(`${custom.origin}/v0.9/customers`)).status).toBe(404);
    } finally {
      await custom.close();
    }
  });
});
