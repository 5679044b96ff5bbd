import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, failure, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';
import { control } from './main-support/sandbox.ts';

/**
 * Money movement through the console's own boundary (dispatcher → OMS client → the sandbox over
 * real HTTP): fund a wallet by cash-in, send to an address, follow it to completed, find it again by
 * every handle support has, and the refusals an operator must be able to read.
 */
const units = (s: string, scale = 6) => {
  const [whole = '0', frac = ''] = s.split('.');
  return BigInt(whole + frac.padEnd(scale, '0').slice(0, scale));
};

// Twice: against the sandbox, and against it answering as a documented-only OMS (no `transactionId` on a
// quote, no `customerId` filter on cash-ins, no customer text search).
describe.each([
  { mode: 'sandbox', documentedOnly: false },
  { mode: 'documented-only OMS', documentedOnly: true },
])('money movement through the console ($mode)', ({ documentedOnly }) => {
  let t: TestConsole;
  let ctl: ReturnType<typeof control>;
  let customerId: string;
  let walletId: string;

  beforeAll(async () => {
    t = await startTestConsole({ sandbox: { seed: 20, reviewDelayMs: 0, rateLimitPerSec: 10_000, documentedOnly } });
    ctl = control(t.app.services.local.handle ?? (await t.app.services.local.ensure()));
    await ctl.call('PUT', '/money', { settlementDelayMs: 50, quoteTtlSec: 300 });
    // A fully endorsed seeded customer with a usdc wallet on polygon (provisioned if missing).
    // On a documented-only OMS the first answers come from a directory still being read.
    const c = await eventually(
      async () =>
        unwrap(await t.oms.customers.search({ endorsement: { name: 'usd', status: 'active' }, limit: 50 })).items.find((x) =>
          x.endorsements.some((e) => e.name === 'cryptoCustody' && e.status === 'active'),
        ),
      'a fully endorsed customer',
      400,
    );
    customerId = c.id;
    const wallets = unwrap(await t.oms.wallets.list({ customerId })).items;
    walletId = wallets.find((w) => w.asset === 'usdc' && w.chain === 'polygon')?.id ?? unwrap(await t.oms.wallets.create({ customerId, asset: 'usdc', chain: 'polygon' })).id;
  });
  afterAll(async () => t?.close());

  it('funds a wallet with cash: a one-hour code, paid at the (simulated) counter, balance credited', async () => {
    const before = unwrap(await t.oms.wallets.balance({ walletId })).balance!;
    const locations = unwrap(await t.oms.cashIns.locations({ latitude: 38.495133, longitude: -121.505336 })).items;
    expect(locations.length).toBeGreaterThan(0);
    const loc = locations[0]!;
    const ci = unwrap(await t.oms.cashIns.create({ customerId, walletId, locationId: loc.id, locationReference: loc.reference ?? loc.id, indicatedAmount: '40.00' }));
    expect(ci.status).toBe('pending');
    expect(ci.depositInstructions?.code).toBeTruthy();
    const ttl = Date.parse(ci.depositInstructions!.expiresAt!) - Date.parse(ci.createdAt!);
    expect(ttl).toBe(3_600_000);
    const paid = unwrap(await t.oms.cashIns.simulatePayment({ cashInId: ci.id }));
    expect(paid.status).toBe('completed');
    const after = unwrap(await t.oms.wallets.balance({ walletId })).balance!;
    // Decimal strings compared as scaled BigInts, never as floats.
    expect(units(after) - units(before)).toBeGreaterThan(0n);
    expect(units(after) - units(before)).toBeLessThanOrEqual(units('40.00'));
    expect(paid.transactionId).toMatch(/^txn_/);
    // The customer's cash-ins are theirs only, whether or not OMS filters by customer.
    const other = unwrap(await t.oms.customers.search({ limit: 5 })).items.find((x) => x.id !== customerId)!;
    const listed = unwrap(await t.oms.cashIns.list({ customerId: other.id })).items;
    expect(listed.every((x) => x.customerId === other.id)).toBe(true);
    expect(unwrap(await t.oms.cashIns.list({ customerId })).items.map((x) => x.id)).toContain(ci.id);
  });

  it('quotes and sends to an address, follows it to completed, and finds it by id, quote id and hash', async () => {
    const quote = unwrap(
      await t.oms.quotes.create({
        customerId,
        sourceWalletId: walletId,
        destination: { kind: 'address', address: '0x52908400098527886E0F7030069857D2E4169EE7' },
        destinationAsset: 'usdc',
        destinationNetwork: 'polygon',
        side: 'source',
        amount: '5.00',
      }),
    );
    expect(quote.source.amountGross).toBe('5.00');
    expect(quote.rates?.exchangeRate).toBeTruthy();
    const sent = unwrap(await t.oms.transactions.execute({ quoteId: quote.id }));
    expect(sent.status).toBe('processing');
    const done = await eventually(async () => {
      const tx = unwrap(await t.oms.transactions.get({ transactionId: sent.id }));
      return tx.status === 'completed' ? tx : null;
    }, 'transaction completed');
    const hash = done.destination.txHash ?? done.source.txHash;
    expect(hash).toBeTruthy();
    for (const query of [sent.id, quote.id, hash!, '0x52908400098527886E0F7030069857D2E4169EE7']) {
      const found = unwrap(await t.oms.transactions.find({ query }));
      expect(found.kind, query).toBe('transaction');
      expect(found.transaction?.id).toBe(sent.id);
      expect(found.customerId).toBe(customerId);
    }
    const page = unwrap(await t.oms.transactions.list({ customerId, type: 'cryptoToCrypto', status: 'completed', limit: 5 }));
    expect(page.items.map((x) => x.id)).toContain(sent.id);
    // An executed quote cannot be executed again.
    expect(failure(await t.oms.transactions.execute({ quoteId: quote.id })).code).toBe('OMS_ERROR');
  });

  it('refuses an expired quote in words and a send beyond the balance with OMS own reason', async () => {
    const ask = (amount: string) =>
      t.oms.quotes.create({
        customerId,
        sourceWalletId: walletId,
        destination: { kind: 'address', address: '0x52908400098527886E0F7030069857D2E4169EE7' },
        destinationAsset: 'usdc',
        destinationNetwork: 'polygon',
        side: 'destination',
        amount,
      });
    const q = unwrap(await ask('1.00'));
    await ctl.advanceClock(301);
    const expired = failure(await t.oms.transactions.execute({ quoteId: q.id }));
    expect(expired.code).toBe('OMS_ERROR');
    expect(expired.message).toMatch(/expired/i);
    const tooMuch = failure(await ask('99999999.00'));
    expect(tooMuch.code).toBe('OMS_ERROR');
    expect(tooMuch.message).toMatch(/balance|insufficient/i);
    expect(unwrap(await t.oms.transactions.find({ query: 'txn_doesnotexist01' })).kind).toBe('none');
  });
});
