/* eslint-disable @typescript-eslint/no-explicit-any -- tests read untyped JSON bodies straight off the wire */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src-sandbox/index.ts';
import { FULL_CUSTOMER, setup, startReceiver, waitFor, type Client } from '../unit/sandbox/support/harness.ts';

/** The sandbox side of the documented shapes: assets, transactions, balances, webhooks and external accounts as documented. */
const fixture = (path: string) => JSON.parse(readFileSync(new URL(`../fixtures/oms-docs/${path}`, import.meta.url), 'utf8')).example;

describe('documented shapes', () => {
  let sb: SandboxHandle;
  let api: Client;
  let ctl: Client;
  let customerId: string;
  beforeAll(async () => {
    ({ sb, api, ctl } = await setup({ reviewMode: 'manual' }));
    customerId = (await api.post('/customers', FULL_CUSTOMER)).body.id;
    for (const name of ['basic', 'cryptoCustody']) await ctl.post(`/customers/${customerId}/endorsements/${name}/decision`, { decision: 'approve' });
  });
  afterAll(() => sb.close());

  it('wallets exist for exactly the documented asset/network pairs, with network-shaped addresses', async () => {
    const shapes: Record<string, RegExp> = { polygon: /^0x[0-9a-f]{40}$/, ethereum: /^0x[0-9a-f]{40}$/, solana: /^[1-9A-HJ-NP-Za-km-z]{44}$/, bitcoin: /^bc1q[02-9ac-hj-np-z]{38}$/ };
    for (const [asset, chain] of [['usdc', 'polygon'], ['usdc', 'ethereum'], ['usdc', 'solana'], ['btc', 'bitcoin'], ['eth', 'ethereum']] as const) {
      const r = await api.post(`/customers/${customerId}/wallets`, { asset, chain });
      expect(r.status, `${asset}/${chain}`).toBe(201);
      expect(r.body.address).toMatch(shapes[chain]!);
    }
    for (const [body, field] of [
      [{ asset: 'usdc', chain: 'bitcoin' }, 'chain'],
      [{ asset: 'btc', chain: 'ethereum' }, 'chain'],
      [{ asset: 'usdc', chain: 'base' }, 'chain'],
      [{ asset: 'usdt', chain: 'polygon' }, 'asset'],
      [{ asset: 'pol', chain: 'polygon' }, 'asset'],
    ] as const) {
      const r = await api.post(`/customers/${customerId}/wallets`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.details.issues.map((i: any) => i.path), JSON.stringify(body)).toEqual([field]);
    }
    const documented = fixture('wallets/payments-wallets-object.json');
    const mine = (await api.get(`/customers/${customerId}/wallets`)).body.data[0];
    expect(Object.keys(mine)).toEqual(expect.arrayContaining(Object.keys(documented)));
  });

  it('balances: display balance and estimated value per wallet, exact for 18-decimal eth, aggregated per customer', async () => {
    const wallets = (await api.get(`/customers/${customerId}/wallets`)).body.data;
    const eth = wallets.find((w: any) => w.asset === 'eth');
    const btc = wallets.find((w: any) => w.asset === 'btc');
    expect((await ctl.post(`/wallets/${eth.id}/deposit`, { amount: '1.000000000000000001' })).status).toBe(201);
    expect((await ctl.post(`/wallets/${btc.id}/deposit`, { amount: '0.00000001' })).status).toBe(201);
    expect((await ctl.post(`/wallets/${btc.id}/deposit`, { amount: '0.000000001' })).status).toBe(400);
    const b = (await api.get(`/wallets/${eth.id}/balance?estimatedBalanceCurrencyCode=usd`)).body;
    expect(b).toMatchObject({ walletId: eth.id, asset: 'eth', network: 'ethereum', balance: '1.000000000000000001', estimatedBalance: '3125.00', estimatedBalanceCurrencyCode: 'USD' });
    const c = (await api.get(`/customers/${customerId}/balance`)).body;
    // 3125.00 (eth) + 0.00 (1 satoshi = 0.000625 USD, rounds to 0.00) + zero usdc wallets.
    expect(c).toMatchObject({ object: 'customerBalance', customerId, estimatedBalance: '3125.00', estimatedBalanceCurrencyCode: 'USD' });
    expect(c.balances).toHaveLength(5);
    expect((await api.get(`/customers/${customerId}/balance?estimatedBalanceCurrencyCode=JPY`)).status).toBe(400);
  });

  it('transactions: documented object, type and inclusive date filters, cursors, lookups by party', async () => {
    const usdc = (await api.get(`/customers/${customerId}/wallets`)).body.data.find((w: any) => w.chain === 'polygon');
    const made: any[] = [];
    for (const amount of ['1.00', '2.00', '3.00']) made.push((await ctl.post(`/wallets/${usdc.id}/deposit`, { amount })).body.transaction);
    const all = (await api.get('/transactions?limit=100')).body;
    expect(all.data.length).toBeGreaterThanOrEqual(5);
    for (const t of all.data) {
      expect(t).toMatchObject({ object: 'transaction', type: expect.stringMatching(/^(fiatToCrypto|cryptoToFiat|cryptoToCrypto)$/), status: expect.stringMatching(/^(processing|cashPickupReady|completed|failed)$/) });
      for (const leg of [t.source, t.destination]) {
        expect(Object.keys(leg)).toEqual(expect.arrayContaining(['asset', 'network', 'amountGross', 'amountNet', 'feesDeducted', 'txHash']));
        expect(Object.keys(leg.feesDeducted).sort()).toEqual(['developer', 'gas', 'oms', 'total']);
      }
      expect(t).not.toHaveProperty('amount');
    }
    expect((await api.get('/transactions?type=fiatToCrypto')).body).toEqual({ data: [], hasMore: false, nextCursor: null, previousCursor: null });
    expect((await api.get('/transactions?type=deposit')).status).toBe(400);
    // Inclusive bounds: a window that starts and ends exactly on one transaction's createdAt holds it.
    const mid = made[1];
    const window = (await api.get(`/customers/${customerId}/transactions?createdAfter=${mid.createdAt}&createdBefore=${mid.createdAt}`)).body.data.map((t: any) => t.id);
    expect(window).toContain(mid.id);
    const after = (await api.get(`/accounts/${usdc.id}/transactions?createdAfter=${made[0].createdAt}&type=cryptoToCrypto`)).body.data.map((t: any) => t.id);
    expect(after).toEqual(expect.arrayContaining(made.map((t) => t.id)));
    expect((await api.get(`/transactions/${mid.id}`)).body.id).toBe(mid.id);
    expect((await api.get(`/transactions/${mid.id}?recipientCustomerId=${customerId}`)).status).toBe(200);
    expect((await api.get(`/transactions/${mid.id}?recipientCustomerId=cst_other`)).status).toBe(404);
    expect((await api.get('/transactions/txn_nope')).status).toBe(404);
    expect((await api.get('/transactions?createdAfter=yesterday')).body.error.message).toContain('createdAfter');
  });

  it('webhook URLs: https, or http only to a loopback receiver', async () => {
    for (const url of ['https://hooks.example.com/oms', 'http://127.0.0.1:9/h', 'http://localhost:9/h', 'http://[::1]:9/h']) {
      expect((await api.post('/webhooks', { url, enabled: false })).status, url).toBe(201);
    }
    for (const url of ['http://hooks.example.com/oms', 'http://10.0.0.5/h', 'ftp://example.com/h']) {
      const r = await api.post('/webhooks', { url });
      expect(r.status, url).toBe(400);
      expect(r.body.error.details.issues[0].path).toBe('url');
    }
    const hook = (await api.post('/webhooks', { url: 'https://hooks.example.com/x', enabled: false })).body;
    expect((await api.patch(`/webhooks/${hook.id}`, { url: 'http://hooks.example.com/x' })).status).toBe(400);
  });

  it('event envelope {id, object:"event", type, createdAt, data:{object}} with the full object', async () => {
    const rx = await startReceiver();
    try {
      await api.post('/webhooks', { url: rx.url, events: ['wallet.depositDetected'] });
      const usdc = (await api.get(`/customers/${customerId}/wallets`)).body.data.find((w: any) => w.chain === 'solana');
      const dep = (await ctl.post(`/wallets/${usdc.id}/deposit`, { amount: '5.5' })).body;
      const got = await waitFor(() => rx.received.find((r) => r.json.data.object.transaction?.id === dep.transaction.id), 5000, 'delivery');
      expect(Object.keys(got.json).sort()).toEqual(['createdAt', 'data', 'id', 'object', 'type']);
      expect(got.json).toMatchObject({ id: expect.stringMatching(/^evt_/), object: 'event', type: 'wallet.depositDetected' });
      expect(Object.keys(got.json.data)).toEqual(['object']);
      expect(got.json.data.object).toMatchObject({ id: usdc.id, object: 'wallet', balance: '5.50', transaction: { type: 'cryptoToCrypto', status: 'completed' } });
    } finally {
      await rx.close();
    }
  });
});
