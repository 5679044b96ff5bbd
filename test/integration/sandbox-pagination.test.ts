/* eslint-disable @typescript-eslint/no-explicit-any -- tests read untyped JSON bodies straight off the wire */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src-sandbox/index.ts';
import type { Client} from '../unit/sandbox/support/harness.ts';
import { FULL_CUSTOMER, setup } from '../unit/sandbox/support/harness.ts';

describe('pagination walks every row exactly once', () => {
  let sb: SandboxHandle;
  let api: Client;
  let ctl: Client;
  beforeAll(async () => ({ sb, api, ctl } = await setup()));
  afterAll(() => sb.close());

  async function walkCustomers(query: string, limit: number, start: string | null = null): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = start;
    for (let pages = 0; pages < 1000; pages++) {
      const r: any = await api.get(`/customers?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(r.status).toBe(200);
      expect(Object.keys(r.body).sort()).toEqual(['cursor', 'data', 'hasMore']);
      ids.push(...r.body.data.map((c: any) => c.id));
      if (!r.body.hasMore) {
        expect(r.body.cursor).toBeNull();
        return ids;
      }
      cursor = r.body.cursor;
    }
    throw new Error('runaway pagination');
  }

  it('customers {data, hasMore, cursor}: all, filtered, and with rows added mid-walk', async () => {
    expect((await ctl.post('/seed', { count: 53, seed: 7 })).body.created).toBe(53);
    const all = await walkCustomers('', 7);
    expect(all).toHaveLength(53);
    expect(new Set(all).size).toBe(53);

    const pendingUsd = await walkCustomers('&endorsement=usd:pending', 3);
    const expected = (await api.get('/customers?limit=100&endorsement=usd:pending')).body.data.map((c: any) => c.id);
    expect(pendingUsd).toEqual(expected);
    for (const id of pendingUsd.slice(0, 5)) {
      const c = (await api.get(`/customers/${id}`)).body;
      expect(c.endorsements.find((e: any) => e.name === 'usd').status).toBe('pending');
    }

    // Newest first: a customer created during the walk does not shift later pages.
    const first = await api.get('/customers?limit=10');
    await api.post('/customers', { type: 'individual', firstName: 'Late' });
    const rest = await walkCustomers('', 10, first.body.cursor);
    const combined = [...first.body.data.map((c: any) => c.id), ...rest];
    expect(combined).toEqual(all);
  });

  it('transactions {data, hasMore, nextCursor, previousCursor}: newest first, forward and back', async () => {
    const c = await api.post('/customers', FULL_CUSTOMER);
    await ctl.post(`/customers/${c.body.id}/endorsements/basic/decision`, { decision: 'approve' });
    await ctl.post(`/customers/${c.body.id}/endorsements/cryptoCustody/decision`, { decision: 'approve' });
    const w = (await api.post(`/customers/${c.body.id}/wallets`, { asset: 'usdc', chain: 'polygon' })).body;
    const amounts: string[] = [];
    for (let i = 1; i <= 23; i++) {
      amounts.push(`${i}.00`);
      await ctl.post(`/wallets/${w.id}/deposit`, { amount: `${i}.00` });
    }
    const seen: string[] = [];
    const amount = (t: any) => t.destination.amountGross;
    let page = (await api.get(`/accounts/${w.id}/transactions?limit=5`)).body;
    // Cursors come with every non-empty page (contract §6); hasMore says whether the walk goes on.
    expect(page.previousCursor).toBe(page.data[0].id);
    expect(page.nextCursor).toBe(page.data[4].id);
    const pages = [page];
    seen.push(...page.data.map(amount));
    while (page.hasMore) {
      page = (await api.get(`/accounts/${w.id}/transactions?limit=5&startingAfter=${page.nextCursor}`)).body;
      pages.push(page);
      seen.push(...page.data.map(amount));
    }
    expect(seen).toEqual([...amounts].reverse());
    expect(pages).toHaveLength(5);
    expect(page.data).toHaveLength(3);
    expect(page.nextCursor).toBe(page.data[2].id);

    // Walk back from the last page with endingBefore until no newer rows remain.
    const back: string[] = [...page.data.map(amount)];
    let prev = page;
    for (;;) {
      prev = (await api.get(`/accounts/${w.id}/transactions?limit=5&endingBefore=${prev.previousCursor}`)).body;
      back.unshift(...prev.data.map(amount));
      if (!prev.hasMore) break;
    }
    expect(back).toEqual(seen);
    const empty = (await api.get(`/accounts/${w.id}/transactions?limit=5&endingBefore=${pages[0].data[0].id}`)).body;
    expect(empty).toEqual({ data: [], hasMore: false, nextCursor: null, previousCursor: null });

    const customerTx = (await api.get(`/customers/${c.body.id}/transactions?limit=100`)).body;
    expect(customerTx.data).toHaveLength(23);
    expect(customerTx.hasMore).toBe(false);
    expect((await api.get(`/accounts/${w.id}/transactions?limit=101`)).status).toBe(400);
    expect((await api.get(`/accounts/${w.id}/transactions?startingAfter=txn_unknown`)).status).toBe(400);
    expect((await api.get(`/accounts/${w.id}/transactions`)).body.data).toHaveLength(23); // default 50
  });

  it('wallets and webhooks lists take limit and cursor', async () => {
    for (let i = 0; i < 5; i++) await api.post('/webhooks', { url: `http://127.0.0.1:9/h${i}`, enabled: false });
    const p1 = (await api.get('/webhooks?limit=2')).body;
    const p2 = (await api.get(`/webhooks?limit=2&cursor=${p1.cursor}`)).body;
    const p3 = (await api.get(`/webhooks?limit=2&cursor=${p2.cursor}`)).body;
    const urls = [...p1.data, ...p2.data, ...p3.data].map((w: any) => w.url);
    expect(new Set(urls).size).toBe(5);
    expect(p3.hasMore).toBe(false);
  });
});
