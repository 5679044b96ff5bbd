import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { useCashIn as CashInStore } from '../../src-renderer/src/features/transactions/cash-in.store.ts';
import { eventually, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';

/**
 * The cash-in form's store, over the renderer's own api client and `window.oms` wired to a real console
 * (dispatcher → OMS client → the sandbox over HTTP): what the form shows is what OMS said.
 */
describe('cash-in store', () => {
  let t: TestConsole;
  // Imported once `window.oms` exists: the renderer's api client reads it on first use.
  let useCashIn: typeof CashInStore;
  let funded: { customerId: string; walletId: string };
  let other: string;

  beforeAll(async () => {
    t = await startTestConsole({ sandbox: { seed: 20, reviewDelayMs: 0, rateLimitPerSec: 10_000 } });
    (globalThis as { window?: unknown }).window = { oms: t.oms };
    ({ useCashIn } = await import('../../src-renderer/src/features/transactions/cash-in.store.ts'));
    const found = unwrap(await t.oms.customers.search({ endorsement: { name: 'usd', status: 'active' }, limit: 50 })).items;
    const c = found.find((x) => x.endorsements.some((e) => e.name === 'cryptoCustody' && e.status === 'active'))!;
    other = found.find((x) => x.id !== c.id)!.id;
    const own = unwrap(await t.oms.wallets.list({ customerId: c.id })).items.find((w) => w.asset === 'usdc' && w.chain === 'polygon');
    funded = { customerId: c.id, walletId: own?.id ?? unwrap(await t.oms.wallets.create({ customerId: c.id, asset: 'usdc', chain: 'polygon' })).id };
  });
  afterAll(async () => t?.close());

  it('starts with the locations OMS lists, creates a code that joins the open ones, and pays it at the counter', async () => {
    await useCashIn.getState().start(funded.customerId);
    const s = useCashIn.getState();
    expect(s.error).toBeNull();
    expect(s.locations!.length).toBeGreaterThan(0);
    const location = s.locations![0]!;

    await useCashIn.getState().create({ walletId: funded.walletId, location, amount: '25.00' });
    const created = useCashIn.getState().cashIn!;
    expect(created.status).toBe('pending');
    expect(created.depositInstructions?.code).toBeTruthy();
    expect(unwrap(await t.oms.cashIns.get({ cashInId: created.id })).status).toBe('pending');
    await eventually(async () => useCashIn.getState().open.some((c) => c.id === created.id), 'the new code among the open ones');

    await useCashIn.getState().act('pay', funded.walletId);
    expect(useCashIn.getState().cashIn).toMatchObject({ id: created.id, status: 'completed' });
    expect(useCashIn.getState().busy).toBeNull();
  });

  it('a code paid elsewhere settles on the next re-read; another customer starts clean, with none of the first one\'s codes', async () => {
    const location = useCashIn.getState().locations![0]!;
    await useCashIn.getState().create({ walletId: funded.walletId, location, amount: '12.00' });
    const waiting = useCashIn.getState().cashIn!;
    expect(waiting.status).toBe('pending');
    unwrap(await t.oms.cashIns.simulatePayment({ cashInId: waiting.id }));
    await useCashIn.getState().recheck();
    expect(useCashIn.getState().cashIn).toMatchObject({ id: waiting.id, status: 'completed' });

    await useCashIn.getState().create({ walletId: funded.walletId, location, amount: '13.00' });
    const mine = useCashIn.getState().cashIn!.id;
    await eventually(async () => useCashIn.getState().open.some((c) => c.id === mine), 'the open code listed');
    await useCashIn.getState().start(other);
    expect(useCashIn.getState().customerId).toBe(other);
    expect(useCashIn.getState().cashIn).toBeNull();
    expect(useCashIn.getState().open.map((c) => c.id)).not.toContain(mine);
  });

  it('a refused amount is said in words on the form, and nothing is on screen as created', async () => {
    await useCashIn.getState().start(funded.customerId);
    useCashIn.getState().pick(null);
    const location = useCashIn.getState().locations![0]!;
    await useCashIn.getState().create({ walletId: funded.walletId, location, amount: '0' });
    expect(useCashIn.getState().cashIn).toBeNull();
    expect(useCashIn.getState().error?.text).toBeTruthy();
    expect(useCashIn.getState().busy).toBeNull();
  });
});
