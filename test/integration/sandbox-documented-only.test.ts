/* eslint-disable @typescript-eslint/no-explicit-any -- tests read untyped JSON bodies straight off the wire */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL_CUSTOMER, waitFor } from '../unit/sandbox/support/harness.ts';
import { moneySetup, verifiedReceiver } from '../unit/sandbox/support/money.ts';

/**
 * `--documented-only`: the sandbox behaves as an OMS with only the documented filters, events and
 * fields. Each case is one sandbox [choice] switched off; the same call against the default sandbox
 * shows the choice is really there, so these assertions cannot pass by accident.
 */
describe.each([
  { mode: 'documented-only', documentedOnly: true },
  { mode: 'default', documentedOnly: false },
])('sandbox in $mode mode', ({ documentedOnly }) => {
  let m: Awaited<ReturnType<typeof moneySetup>>;
  let dora: string;
  beforeAll(async () => {
    m = await moneySetup({ documentedOnly, seed: 30 });
    dora = (await m.api.post('/customers', { ...FULL_CUSTOMER, firstName: 'Dora', lastName: 'Docs', email: 'dora@docs.example', externalId: 'crm-10042' })).body.id;
  });
  afterAll(() => m.sb.close());

  it('q and endorsement= are ignored as unknown parameters (an unfiltered page), never refused', async () => {
    const r = await m.api.get('/customers?q=dora&limit=10');
    expect(r.status).toBe(200);
    const names = r.body.data.map((c: any) => c.firstName);
    if (documentedOnly) expect(names.filter((n: string) => n !== 'Dora').length).toBeGreaterThan(0);
    else expect(names).toEqual(['Dora']);
    const e = await m.api.get('/customers?endorsement=usd:rejected&limit=50');
    expect(e.status).toBe(200);
    const rejected = e.body.data.every((c: any) => c.endorsements.some((x: any) => x.name === 'usd' && x.status === 'rejected'));
    expect(rejected).toBe(!documentedOnly);
    // Unknown parameters are ignored by a real API; the default sandbox is strict about them.
    expect((await m.api.get('/customers?colour=red')).status).toBe(documentedOnly ? 200 : 400);
  });

  it('the documented filters still work: exact email, externalId, status', async () => {
    expect((await m.api.get('/customers?email=dora@docs.example')).body.data.map((c: any) => c.id)).toEqual([dora]);
    expect((await m.api.get('/customers?externalId=crm-10042')).body.data.map((c: any) => c.id)).toEqual([dora]);
    const inactive = (await m.api.get('/customers?status=inactive&limit=100')).body.data;
    expect(inactive.every((c: any) => c.status === 'inactive')).toBe(true);
  });

  it('transaction lists take no status filter; quotes and endpoints carry only documented fields', async () => {
    const listed = await m.api.get('/transactions?status=failed&limit=5');
    expect(listed.status).toBe(200);
    const cust = await m.customer();
    const w = await m.wallet(cust, 'usdc', 'polygon', '50.00');
    const quote = (await m.api.post('/quotes', { customerId: cust, source: { walletId: w.id, asset: 'usdc', network: 'polygon', amount: '10.00' }, destination: { asset: 'usdc', network: 'polygon', wallet: { blockchainAddress: '0x52908400098527886E0F7030069857D2E4169EE7' } } })).body;
    expect(quote.id).toMatch(/^qt_/);
    expect('transactionId' in quote).toBe(!documentedOnly);
    expect('promoCode' in quote).toBe(!documentedOnly);
    const hook = (await m.api.post('/webhooks', { url: 'http://127.0.0.1:9/hook', events: [] })).body;
    expect('disabledReason' in hook).toBe(!documentedOnly);
    expect('updatedAt' in hook).toBe(!documentedOnly);
  });

  it('sends only the documented events', async () => {
    const hooks = await verifiedReceiver(m.api, []);
    try {
      const id = (await m.api.post('/customers', { ...FULL_CUSTOMER, email: `ev.${Date.now()}@acme.com` })).body.id;
      await m.ctl.post(`/customers/${id}/endorsements/basic/decision`, { decision: 'approve' });
      await m.ctl.post(`/customers/${id}/endorsements/cryptoCustody/decision`, { decision: 'approve' });
      await m.api.post(`/customers/${id}/wallets`, { asset: 'usdc', chain: 'polygon' });
      await waitFor(() => hooks.verified().some((v) => v.json.type === 'customer.endorsement.granted'), 5000, 'granted');
      await new Promise((r) => setTimeout(r, 300));
      const types = new Set(hooks.verified().map((v) => v.json.type as string));
      expect(types.has('customer.endorsement.granted')).toBe(true);
      for (const extra of ['customer.created', 'wallet.created']) expect(types.has(extra)).toBe(!documentedOnly);
    } finally {
      await hooks.close();
    }
  });
});
