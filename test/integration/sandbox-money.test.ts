/* eslint-disable @typescript-eslint/no-explicit-any -- tests read untyped JSON bodies straight off the wire */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src-sandbox/index.ts';
import { idemKey, waitFor, type Client } from '../unit/sandbox/support/harness.ts';
import { moneySetup, mulExact, norm, normalize, verifiedReceiver } from '../unit/sandbox/support/money.ts';

/** Quotes and transactions over real HTTP, balances exact, webhooks verified by the reference library. */
describe('quotes and transactions', () => {
  let m: Awaited<ReturnType<typeof moneySetup>>;
  let sb: SandboxHandle;
  let api: Client;
  let ctl: Client;
  let alice: string;
  let bob: string;
  let aliceUsdc: { id: string; address: string };
  let bobUsdc: { id: string; address: string };
  beforeAll(async () => {
    m = await moneySetup();
    ({ sb, api, ctl } = m);
    alice = await m.customer();
    bob = await m.customer();
    aliceUsdc = await m.wallet(alice, 'usdc', 'polygon', '1000.00');
    bobUsdc = await m.wallet(bob, 'usdc', 'polygon');
  });
  afterAll(() => sb.close());

  const quote = (body: Record<string, unknown>, key?: string) => api.post('/quotes', body, key);
  const send = (quoteId: string, key?: string) => api.post('/transactions', { quoteId }, key);
  const toBob = (amount: Record<string, string>, walletForm: { id?: string; wallet?: string; blockchainAddress?: string } = { wallet: bobUsdc.id }) =>
    quote({ customerId: alice, source: { walletId: aliceUsdc.id, ...('source' in amount ? { amount: amount.source } : {}) }, destination: { asset: 'usdc', network: 'polygon', wallet: walletForm, ...('destination' in amount ? { amount: amount.destination } : {}) } });
  const settled = (id: string, status = 'completed') => waitFor(async () => {
    const t = (await api.get(`/transactions/${id}`)).body;
    return t.status === status ? t : null;
  }, 4000, `${id} ${status}`);

  it('validates the request: amount on exactly one side, precision, ownership, balance, endorsements', async () => {
    const base = { customerId: alice, source: { walletId: aliceUsdc.id }, destination: { asset: 'usdc', network: 'polygon', wallet: { id: bobUsdc.id } } };
    const both = await quote({ ...base, source: { walletId: aliceUsdc.id, amount: '1' }, destination: { ...base.destination, amount: '1' } });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toContain('exactly one side');
    expect((await quote(base)).status).toBe(400);
    expect((await toBob({ source: '1.0000001' })).body.error.message).toContain('source.amount');
    expect((await toBob({ source: '-1' })).status).toBe(400);
    expect((await quote({ ...base, source: { walletId: bobUsdc.id, amount: '1' } })).body.error.message).toContain('another customer');
    expect((await quote({ ...base, customerId: 'cst_nope', source: { walletId: aliceUsdc.id, amount: '1' } })).status).toBe(404);
    expect((await quote({ ...base, source: { walletId: aliceUsdc.id, amount: '1' }, destination: { ...base.destination, network: 'bitcoin' } })).body.error.message).toContain('destination.network');
    expect((await toBob({ source: '1' }, { blockchainAddress: 'not-an-address' })).body.error.message).toContain('blockchainAddress');
    const over = await toBob({ source: '1000.01' });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: 'insufficient_balance', details: { balance: '1000.00', required: '1000.01' } });
    // A customer whose usd endorsement is missing can hold and send crypto but cannot cash out.
    const carol = await m.customer(['basic', 'cryptoCustody']);
    const carolUsdc = await m.wallet(carol, 'usdc', 'polygon', '10');
    const cash = await quote({ customerId: carol, source: { walletId: carolUsdc.id, amount: '5' }, destination: { asset: 'usd', network: 'cash', cash: { locationId: 'loc_01jgd0cvs4521nyc00000000' } } });
    expect(cash.status).toBe(422);
    expect(cash.body.error).toMatchObject({ code: 'endorsement_required', details: { endorsement: 'usd' } });
    expect(cash.body.error.message).toContain('usd');
    await ctl.post(`/customers/${carol}/endorsements/cryptoCustody/decision`, { decision: 'revoke', reason: 'test' });
    const gated = await quote({ customerId: carol, source: { walletId: carolUsdc.id, amount: '1' }, destination: { asset: 'usdc', network: 'polygon', wallet: { id: bobUsdc.id } } });
    expect(gated.body.error).toMatchObject({ code: 'endorsement_required', details: { endorsement: 'cryptoCustody' } });
  });

  it('a quote to another OMS wallet (both documented wallet forms), with fees, rates and a TTL', async () => {
    for (const form of [{ wallet: bobUsdc.id }, { id: bobUsdc.id }]) {
      const q = (await toBob({ source: '10.00' }, form)).body;
      expect(q).toMatchObject({
        id: expect.stringMatching(/^qt_/), object: 'quote', type: 'cryptoToCrypto', status: 'open', customerId: alice, fixedAmountSide: 'source',
        // As in the documented quote object, the network fee is a source fee; the destination receives its gross.
        source: { walletId: aliceUsdc.id, asset: 'usdc', network: 'polygon', amountGross: '10.00', amountNet: '9.99', feesDeducted: { developer: '0.00', gas: '0.01', oms: '0.00', total: '0.01' } },
        destination: { asset: 'usdc', network: 'polygon', amountGross: '9.99', amountNet: '9.99', feesDeducted: { developer: '0.00', gas: '0.00', oms: '0.00', total: '0.00' }, wallet: { id: bobUsdc.id } },
        rates: { exchangeRate: '1', pair: 'usdc/usdc' },
        sponsorGas: false,
        sponsorGasCost: '0',
      });
      expect(Date.parse(q.expiresAt) - Date.parse(q.createdAt)).toBe(300_000);
      expect((await api.get(`/quotes/${q.id}`)).body).toEqual(q);
    }
    const fixedDest = (await toBob({ destination: '5.00' })).body;
    expect(fixedDest).toMatchObject({ fixedAmountSide: 'destination', source: { amountGross: '5.01', amountNet: '5.00' }, destination: { amountNet: '5.00', amountGross: '5.00' } });
    const sponsored = (await quote({ customerId: alice, source: { walletId: aliceUsdc.id, amount: '2' }, destination: { asset: 'usdc', network: 'polygon', wallet: { id: bobUsdc.id } }, sponsorGas: true })).body;
    expect(sponsored).toMatchObject({ source: { amountNet: '2.00', feesDeducted: { gas: '0.00' } }, destination: { amountNet: '2.00' } });
    expect((await api.get('/quotes/qt_nope')).status).toBe(404);
  });

  it('executes: processing → completed with a txHash, balances move by exactly the quoted amounts, signed webhooks', async () => {
    const hooks = await verifiedReceiver(api, ['transaction.*']);
    try {
      const before = { a: await m.balance(aliceUsdc.id), b: await m.balance(bobUsdc.id) };
      const q = (await toBob({ source: '25.50' })).body;
      const t = await send(q.id);
      expect(t.status).toBe(201);
      expect(t.body).toMatchObject({ id: expect.stringMatching(/^txn_/), object: 'transaction', type: 'cryptoToCrypto', status: 'processing', quoteId: q.id, sender: alice, recipient: bob, source: { amountGross: '25.50', txHash: null } });
      expect(t.body).not.toHaveProperty('_outcome');
      // The source is debited at once; the destination only on completion.
      expect(norm(await m.balance(aliceUsdc.id))).toBe(subExact(before.a, '25.50'));
      const done = await settled(t.body.id);
      expect(done.source.txHash).toMatch(/^0x[0-9a-f]{64}$/);
      expect(done.destination.txHash).toBe(done.source.txHash);
      expect(done.completedAt).toEqual(expect.any(String));
      expect(norm(await m.balance(bobUsdc.id))).toBe(norm(addExact(before.b, '25.49')));
      expect((await api.get(`/quotes/${q.id}`)).body).toMatchObject({ status: 'accepted', transactionId: t.body.id });
      const again = await send(q.id);
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'quote_already_accepted', details: { transactionId: t.body.id } });
      const got = await waitFor(() => {
        const v = hooks.verified().filter((d) => d.json.data.object.id === t.body.id);
        return v.length >= 2 ? v : null;
      }, 4000, 'transaction webhooks');
      expect(got.every((d) => d.ok)).toBe(true);
      expect(got.map((d) => d.json.type)).toEqual(['transaction.cryptoToCrypto.processing', 'transaction.cryptoToCrypto.completed']);
      expect(got[1]!.json.data.object).toMatchObject({ status: 'completed', destination: { amountNet: '25.49' } });
      for (const listing of [`/customers/${bob}/transactions`, `/accounts/${bobUsdc.id}/transactions`, `/customers/${alice}/transactions?type=cryptoToCrypto&status=completed`]) {
        expect((await api.get(listing)).body.data.map((x: any) => x.id), listing).toContain(t.body.id);
      }
    } finally {
      await hooks.close();
    }
  });

  it('replays quote and transaction creation idempotently; the money moves once', async () => {
    const qKey = idemKey();
    const body = { customerId: alice, source: { walletId: aliceUsdc.id, amount: '3.00' }, destination: { asset: 'usdc', network: 'polygon', wallet: { id: bobUsdc.id } } };
    const q1 = await quote(body, qKey);
    const q2 = await quote(body, qKey);
    expect(q2.headers.get('idempotent-replayed')).toBe('true');
    expect(q2.body).toEqual(q1.body);
    expect((await quote({ ...body, source: { walletId: aliceUsdc.id, amount: '4.00' } }, qKey)).status).toBe(422);
    const before = await m.balance(aliceUsdc.id);
    const tKey = idemKey();
    const t1 = await send(q1.body.id, tKey);
    const t2 = await send(q1.body.id, tKey);
    expect(t2.status).toBe(201);
    expect(t2.headers.get('idempotent-replayed')).toBe('true');
    expect(t2.body.id).toBe(t1.body.id);
    await settled(t1.body.id);
    expect(norm(await m.balance(aliceUsdc.id))).toBe(subExact(before, '3.00'));
  });

  it('fails reproducibly (magic 13.13, failNext) and returns the debit; webhooks say failed', async () => {
    const hooks = await verifiedReceiver(api, ['transaction.cryptoToCrypto.failed']);
    try {
      const before = await m.balance(aliceUsdc.id);
      const magic = await send((await toBob({ source: '13.13' })).body.id);
      expect(magic.body.status).toBe('processing');
      const failed = await settled(magic.body.id, 'failed');
      expect(failed.error).toMatchObject({ code: 'sandbox_failure' });
      expect(await m.balance(aliceUsdc.id)).toBe(before);
      expect((await ctl.raw('PUT', '/money', { body: { failNext: 1 } })).body.failNext).toBe(1);
      const second = await send((await toBob({ source: '2.00' })).body.id);
      await settled(second.body.id, 'failed');
      const third = await send((await toBob({ source: '2.00' })).body.id);
      await settled(third.body.id, 'completed');
      await waitFor(() => hooks.verified().length >= 2, 4000, 'failed webhooks');
      expect(hooks.verified().every((d) => d.ok && d.json.type === 'transaction.cryptoToCrypto.failed')).toBe(true);
    } finally {
      await hooks.close();
    }
  });

  it('cash out: cryptoToFiat → cashPickupReady with a pickup code → completed when collected', async () => {
    const hooks = await verifiedReceiver(api, ['transaction.cryptoToFiat.*']);
    try {
      const q = (await quote({ customerId: alice, source: { walletId: aliceUsdc.id, amount: '40.00' }, destination: { asset: 'usd', network: 'cash', cash: { locationId: 'loc_01jgd0wag7789sfo00000000' } } })).body;
      expect(q).toMatchObject({ type: 'cryptoToFiat', source: { amountGross: '40.00', amountNet: '39.59', feesDeducted: { oms: '0.40', gas: '0.01', total: '0.41' } }, destination: { asset: 'usd', network: 'cash', amountGross: '39.59', amountNet: '39.59', cash: { locationId: 'loc_01jgd0wag7789sfo00000000', locationReference: 'GD-WAG-7789' } } });
      const t = (await send(q.id)).body;
      const ready = await settled(t.id, 'cashPickupReady');
      expect(ready.cashPickup).toMatchObject({ amount: '39.59', asset: 'usd', cashCode: expect.stringMatching(/^\d{8}$/), location: { name: 'Walgreens #7789' } });
      expect((await ctl.post(`/transactions/${t.id}/pickup`, {})).body.status).toBe('completed');
      expect((await ctl.post(`/transactions/${t.id}/pickup`, {})).status).toBe(409);
      await waitFor(() => hooks.verified().length >= 3, 4000, 'cash webhooks');
      expect(hooks.verified().map((d) => [d.ok, d.json.type])).toEqual([
        [true, 'transaction.cryptoToFiat.processing'],
        [true, 'transaction.cryptoToFiat.cashPickupReady'],
        [true, 'transaction.cryptoToFiat.completed'],
      ]);
    } finally {
      await hooks.close();
    }
  });

  it('concurrent sends against one balance never overdraft', async () => {
    const dave = await m.customer(['basic', 'cryptoCustody']);
    const daveUsdc = await m.wallet(dave, 'usdc', 'polygon', '10.00');
    const outside = '0x' + 'ab'.repeat(20);
    const quotes = await Promise.all(Array.from({ length: 8 }, () => quote({ customerId: dave, source: { walletId: daveUsdc.id, amount: '3.00' }, destination: { asset: 'usdc', network: 'polygon', wallet: { blockchainAddress: outside } } })));
    expect(quotes.every((q) => q.status === 201)).toBe(true);
    const results = await Promise.all(quotes.map((q) => send(q.body.id)));
    const ok = results.filter((r) => r.status === 201);
    expect(ok).toHaveLength(3);
    expect(results.filter((r) => r.status === 422).every((r) => r.body.error.code === 'insufficient_balance')).toBe(true);
    expect(await m.balance(daveUsdc.id)).toBe('1.00');
    for (const r of ok) expect((await settled(r.body.id)).recipient).toBeNull();
    expect(await m.balance(daveUsdc.id)).toBe('1.00');
  });

  it('invariant: source.amountNet × exchangeRate = destination.amountGross, exactly, for every pair and side', async () => {
    const erin = await m.customer(['basic', 'cryptoCustody', 'usd']);
    const wallets = {
      usdc: await m.wallet(erin, 'usdc', 'ethereum', '99999999.00'),
      btc: await m.wallet(erin, 'btc', 'bitcoin', '50'),
      eth: await m.wallet(erin, 'eth', 'ethereum', '900'),
    };
    const dests: Record<string, Record<string, unknown>> = {
      usdc: { asset: 'usdc', network: 'solana', wallet: { blockchainAddress: '7'.repeat(44) } },
      btc: { asset: 'btc', network: 'bitcoin', wallet: { blockchainAddress: `bc1q${'q'.repeat(38)}` } },
      eth: { asset: 'eth', network: 'ethereum', wallet: { blockchainAddress: '0x' + 'cd'.repeat(20) } },
      usd: { asset: 'usd', network: 'cash', cash: { locationId: 'loc_01jgd0sev3291aus00000000' } },
    };
    const decimals: Record<string, number> = { usdc: 6, btc: 8, eth: 18, usd: 2 };
    const amountArb = (asset: string) =>
      fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 10 ** Math.min(decimals[asset]!, 9) - 1 })).map(([w, f]) => `${w}.${String(f).padStart(Math.min(decimals[asset]!, 9), '0')}`);
    const scenario = fc
      .record({ from: fc.constantFrom('usdc', 'btc', 'eth'), to: fc.constantFrom('usdc', 'btc', 'eth', 'usd'), side: fc.constantFrom('source', 'destination') })
      .filter((s) => s.to !== 'usd' || s.from === 'usdc')
      .chain((s) => fc.record({ s: fc.constant(s), amount: amountArb(s.side === 'source' ? s.from : s.to) }));
    await fc.assert(
      fc.asyncProperty(scenario, async ({ s, amount }) => {
        const src = wallets[s.from as keyof typeof wallets];
        const body = {
          customerId: erin,
          source: { walletId: src.id, ...(s.side === 'source' ? { amount } : {}) },
          destination: { ...dests[s.to], ...(s.side === 'destination' ? { amount } : {}) },
        };
        const r = await quote(body);
        if (r.status === 422 && r.body.error.code === 'amount_too_small') return;
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        const q = r.body;
        expect(norm(mulExact(q.source.amountNet, q.rates.exchangeRate))).toBe(norm(q.destination.amountGross));
        // Every amount carries no more decimals than its asset has; the fixed side is exactly what was asked.
        for (const [leg, asset] of [[q.source, s.from], [q.destination, s.to]] as const) {
          for (const v of [leg.amountGross, leg.amountNet, leg.feesDeducted.total]) expect((v.split('.')[1] ?? '').length).toBeLessThanOrEqual(decimals[asset]!);
        }
        if (s.side === 'source') expect(norm(q.source.amountGross)).toBe(norm(amount));
        else expect(norm(q.destination.amountNet)).toBe(norm(amount));
        // gross − fees = net on both sides.
        for (const leg of [q.source, q.destination]) expect(norm(subExact(leg.amountGross, leg.feesDeducted.total))).toBe(norm(leg.amountNet));
      }),
      { numRuns: 60 },
    );
  });
  // Last: advancing the sandbox clock moves webhook timestamps too, past a receiver's 5-minute tolerance.
  it('an expired quote cannot be executed; the sandbox clock expires it', async () => {
    const q = (await toBob({ source: '1.00' })).body;
    await ctl.post('/clock/advance', { seconds: 301 });
    expect((await api.get(`/quotes/${q.id}`)).body.status).toBe('expired');
    const r = await send(q.id);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('quote_expired');
    // A shorter TTL through the control API.
    await ctl.raw('PUT', '/money', { body: { quoteTtlSec: 5 } });
    const short = (await toBob({ source: '1.00' })).body;
    expect(Date.parse(short.expiresAt) - Date.parse(short.createdAt)).toBe(5000);
    await ctl.raw('PUT', '/money', { body: { quoteTtlSec: 300 } });
    expect((await ctl.get('/money')).body).toEqual({ settlementDelayMs: 20, quoteTtlSec: 300, failNext: 0 });
    expect((await ctl.raw('PUT', '/money', { body: { quoteTtlSec: 0 } })).status).toBe(400);
  });

});

/** Exact a − b and a + b on decimal strings (BigInt; the results here are never negative). */
function scaled(a: string, b: string) {
  const scale = Math.max((a.split('.')[1] ?? '').length, (b.split('.')[1] ?? '').length);
  const units = (x: string) => BigInt(x.replace('.', '') + '0'.repeat(scale - (x.split('.')[1] ?? '').length));
  return { x: units(a), y: units(b), scale };
}
function subExact(a: string, b: string): string {
  const { x, y, scale } = scaled(a, b);
  return normalize((x - y).toString(), scale);
}
function addExact(a: string, b: string): string {
  const { x, y, scale } = scaled(a, b);
  return normalize((x + y).toString(), scale);
}
