/* eslint-disable @typescript-eslint/no-explicit-any -- tests read untyped JSON bodies straight off the wire */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src-sandbox/index.ts';
import { setup, waitFor, type Client } from '../unit/sandbox/support/harness.ts';
import { moneySetup, verifiedReceiver } from '../unit/sandbox/support/money.ts';

/** Funding a wallet — retail cash-in, and (preview) deposit addresses and virtual accounts. */
const CVS = 'loc_01jgd0cvs4521nyc00000000';

describe('cash-in at a retail location', () => {
  let m: Awaited<ReturnType<typeof moneySetup>>;
  let sb: SandboxHandle;
  let api: Client;
  let ctl: Client;
  let cust: string;
  let wallet: { id: string; address: string };
  beforeAll(async () => {
    m = await moneySetup();
    ({ sb, api, ctl } = m);
    cust = await m.customer();
    wallet = await m.wallet(cust, 'usdc', 'polygon');
  });
  afterAll(() => sb.close());

  const order = (extra: Record<string, unknown> = {}) =>
    api.post('/cash-ins', { customerId: cust, source: { asset: 'usd', indicatedAmount: '60.00' }, destination: { wallet: { wallet: wallet.id }, asset: 'usdc', network: 'polygon' }, cash: { cashLocationId: CVS, cashLocationReference: 'GD-CVS-4521' }, ...extra });

  it('lists a fixed set of realistic locations, nearest first; the search centre is required', async () => {
    const all = (await api.get('/cash-locations?provider=greendot&latitude=38.5&longitude=-121.5')).body;
    expect(all.data.length).toBe(5);
    for (const l of all.data) expect(l).toMatchObject({ id: expect.stringMatching(/^loc_/), cashLocationReference: expect.stringMatching(/^GD-/), provider: 'greendot', address: { country: 'US' } });
    const nearSf = (await api.get('/cash-locations?provider=greendot&latitude=37.77&longitude=-122.42&flow=cashIn')).body.data;
    expect(nearSf[0].name).toBe('Walgreens #7789');
    expect(nearSf.map((l: any) => l.distanceMiles)).toEqual([...nearSf.map((l: any) => l.distanceMiles)].sort((a: number, b: number) => a - b));
    // The docs list latitude and longitude as the search centre: without them, a 400 naming the missing one.
    const none = await api.get('/cash-locations?provider=greendot');
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/^query\.latitude: is required/);
    const half = await api.get('/cash-locations?latitude=37');
    expect(half.status).toBe(400);
    expect(half.body.error.message).toMatch(/^query\.longitude: is required/);
    expect((await api.get('/cash-locations?provider=moneygram&latitude=37&longitude=-122')).status).toBe(400);
  });

  it('barcode-auth takes the plausible undocumented bodies: code, barcode or depositCode, with amount and cashInId', async () => {
    const shapes: ((c: any) => Record<string, unknown>)[] = [
      (c) => ({ barcode: c.depositInstructions.code }),
      (c) => ({ depositCode: c.depositInstructions.code, amount: '60.00' }),
      (c) => ({ code: c.depositInstructions.code, amount: '60', cashInId: c.id }),
    ];
    for (const shape of shapes) {
      const ci = (await order()).body;
      const auth = await api.post('/cash-ins/simulate/barcode-auth', shape(ci));
      expect(auth.status, JSON.stringify(auth.body)).toBe(200);
      expect(auth.body).toMatchObject({ cashInId: ci.id, amount: '60.00' });
    }
    const ci = (await order()).body;
    const code = ci.depositInstructions.code;
    const refused = async (body: Record<string, unknown>) => (await api.post('/cash-ins/simulate/barcode-auth', body)).body.error.message as string;
    expect(await refused({ code, barcode: code })).toMatch(/deposit code once/);
    expect(await refused({})).toMatch(/deposit code once/);
    expect(await refused({ code, amount: '61.00' })).toMatch(/^amount: 61.00 is not the cash-in's amount 60.00/);
    expect(await refused({ code, cashInId: 'ci_other' })).toMatch(/^cashInId: /);
    expect(await refused({ code, amount: 60 })).toMatch(/amount/);
    expect(await refused({ code, colour: 'red' })).toMatch(/colour/);
  });

  it('pending with a one-hour code → barcode-auth → auth-commit → completed, wallet credited, both webhooks signed', async () => {
    const hooks = await verifiedReceiver(api, ['cashIn.*', 'transaction.fiatToCrypto.*']);
    try {
      const ci = (await order()).body;
      expect(ci).toMatchObject({
        id: expect.stringMatching(/^ci_/), object: 'cashIn', status: 'pending', subStatus: 'order_reserved', customerId: cust,
        source: { asset: 'usd', network: 'cash', indicatedAmount: '60.00' }, destination: { wallet: { wallet: wallet.id }, asset: 'usdc', network: 'polygon' },
        cash: { locationId: CVS, locationReference: 'GD-CVS-4521' }, location: { name: 'CVS Pharmacy #4521' },
        depositInstructions: { code: expect.stringMatching(/^[A-Z]{3} \d{5}$/), locationName: 'CVS Pharmacy #4521' },
        omsFeeSchedule: { feeCurrency: 'usd', entries: [{ type: 'percentage', rate: '0.015' }, { type: 'fixed', amount: '0.50' }] },
        transactionId: null, completedAt: null,
      });
      expect(Date.parse(ci.depositInstructions.expiresAt) - Date.parse(ci.createdAt)).toBe(3600_000);
      const auth = await api.post('/cash-ins/simulate/barcode-auth', { code: ci.depositInstructions.code.toLowerCase() });
      expect(auth.body).toMatchObject({ cashInId: ci.id, accountReferenceNumber: ci.id, amount: '60.00', responseCode: '00' });
      expect((await api.get(`/cash-ins/${ci.id}`)).body.status).toBe('processing');
      const commitBody = { accountNumber: auth.body.accountNumber, accountReferenceNumber: ci.id, amount: '60.00', originalConfirmationId: auth.body.originalConfirmationId };
      expect((await api.post('/cash-ins/simulate/auth-commit', { ...commitBody, originalConfirmationId: 'conf_wrong' })).body.error.code).toBe('confirmation_mismatch');
      const commit = await api.post('/cash-ins/simulate/auth-commit', commitBody);
      expect(commit.status).toBe(200);
      expect(Object.keys(commit.body).sort()).toEqual(['authorizedAmount', 'confirmationId', 'responseCode', 'responseId', 'responseText']);
      expect(commit.body.authorizedAmount).toBe('60.00');
      // 60.00 − (1.5 % = 0.90, + 0.50) = 58.60 usdc.
      expect(await m.balance(wallet.id)).toBe('58.60');
      const done = (await api.get(`/cash-ins/${ci.id}`)).body;
      expect(done).toMatchObject({ status: 'completed', subStatus: 'settled', transactionId: expect.stringMatching(/^txn_/), completedAt: expect.any(String) });
      expect(done).not.toHaveProperty('_confirmationId');
      const txn = (await api.get(`/transactions/${done.transactionId}`)).body;
      expect(txn).toMatchObject({ type: 'fiatToCrypto', status: 'completed', cashInId: ci.id, source: { asset: 'usd', amountGross: '60.00', amountNet: '58.60', feesDeducted: { oms: '1.40' } }, destination: { amountNet: '58.60', wallet: { id: wallet.id } } });
      const got = await waitFor(() => (hooks.verified().length >= 2 ? hooks.verified() : null), 4000, 'cash-in webhooks');
      expect(got.map((d) => [d.ok, d.json.type]).sort()).toEqual([[true, 'cashIn.completed'], [true, 'transaction.fiatToCrypto.completed']]);
      expect(got.find((d) => d.json.type === 'cashIn.completed')!.json.data.object).toMatchObject({ id: ci.id, status: 'completed' });
      expect((await api.post('/cash-ins/simulate/auth-commit', commitBody)).status).toBe(409);
      const listed = (await api.get(`/cash-ins?customerId=${cust}&status=completed`)).body;
      expect(listed).toMatchObject({ hasMore: false, nextCursor: null });
      expect(listed.data.map((c: any) => c.id)).toContain(ci.id);
    } finally {
      await hooks.close();
    }
  });

  it('refuses bad orders with the field named', async () => {
    expect((await order({ cash: { cashLocationId: 'loc_nope' } })).body.error.message).toContain('cash.cashLocationId');
    expect((await order({ cash: { cashLocationId: CVS, cashLocationReference: 'GD-WRONG' } })).body.error.message).toContain('cashLocationReference');
    expect((await order({ source: { asset: 'usd', indicatedAmount: '10.001' } })).body.error.message).toContain('indicatedAmount');
    expect((await order({ source: { asset: 'usd', indicatedAmount: '900.00' } })).body.error.message).toContain('500.00');
    expect((await order({ destination: { wallet: { wallet: wallet.id }, asset: 'btc', network: 'bitcoin' } })).status).toBe(400);
    const noUsd = await m.customer(['basic', 'cryptoCustody']);
    const w = await m.wallet(noUsd);
    const r = await api.post('/cash-ins', { customerId: noUsd, source: { asset: 'usd' }, destination: { wallet: { wallet: w.id }, asset: 'usdc', network: 'polygon' }, cash: { cashLocationId: CVS } });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'endorsement_required', details: { endorsement: 'usd' } });
    expect((await api.post('/cash-ins/simulate/barcode-auth', { code: 'ZZZ 00000' })).status).toBe(404);
  });
  // Last in this block: the clock jump also expires tokens and shifts webhook timestamps.
  it('refresh renews the code; past an hour on the sandbox clock the order expires and the code is refused', async () => {
    const ci = (await order()).body;
    const fresh = (await api.post(`/cash-ins/${ci.id}/refresh`, {})).body;
    expect(fresh.depositInstructions.code).not.toBe(ci.depositInstructions.code);
    await ctl.post('/clock/advance', { seconds: 3601 });
    await api.login(); // the access token (1 h) expired with the jump too
    expect((await api.get(`/cash-ins/${ci.id}`)).body).toMatchObject({ status: 'expired', subStatus: 'cash_deposit_expired' });
    const late = await api.post('/cash-ins/simulate/barcode-auth', { code: fresh.depositInstructions.code });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('cash_in_expired');
    expect((await api.get('/cash-ins?status=expired')).body.data.map((c: any) => c.id)).toContain(ci.id);
    const revived = (await api.post(`/cash-ins/${ci.id}/refresh`, {})).body;
    expect(revived.status).toBe('pending');
  });

});

describe('deposit addresses and virtual accounts (not in v0.9)', () => {
  it('answer 404 not_available without the preview flag', async () => {
    const { sb, api } = await setup();
    try {
      for (const [method, path] of [['POST', '/customers/cst_x/deposit-addresses'], ['GET', '/deposit-addresses/da_x'], ['POST', '/deposit-addresses/da_x/simulate'], ['POST', '/customers/cst_x/virtual-accounts'], ['POST', '/virtual-accounts/va_x/simulate']] as const) {
        const r = await api.raw(method, path, method === 'POST' ? { body: {} } : {});
        expect(r.status, path).toBe(404);
        expect(r.body.error.code, path).toBe('not_available');
      }
    } finally {
      await sb.close();
    }
  });

  it('with preview: intended shapes; a simulated deposit lands in the wallet and fires transaction.fiatToCrypto.completed', async () => {
    const m = await moneySetup({ preview: true });
    const { api } = m;
    try {
      const hooks = await verifiedReceiver(api, ['transaction.fiatToCrypto.completed']);
      const cust = await m.customer();
      const w = await m.wallet(cust, 'usdc', 'ethereum');
      const da = await api.post(`/customers/${cust}/deposit-addresses`, { source: { asset: 'usdt', network: 'polygon' }, destination: { wallet: { wallet: w.id }, asset: 'usdc', network: 'ethereum' }, label: 'savings' });
      expect(da.status).toBe(201);
      expect(da.body).toMatchObject({ id: expect.stringMatching(/^da_/), object: 'depositAddress', customerId: cust, status: 'active', source: { asset: 'usdt', network: 'polygon', depositInstructions: { address: expect.stringMatching(/^0x[0-9a-f]{40}$/), asset: 'usdt', network: 'polygon' } }, destination: { wallet: w.id, asset: 'usdc', network: 'ethereum' } });
      const sim = await api.post(`/deposit-addresses/${da.body.id}/simulate`, { amount: { value: '12.5' } });
      expect(sim.body).toMatchObject({ amount: { value: '12.50', currency: 'usdt' }, depositAddressId: da.body.id, network: 'polygon', status: 'submitted', transactionHash: expect.stringMatching(/^0x/) });
      expect(await m.balance(w.id)).toBe('12.50');

      const va = await api.post(`/customers/${cust}/virtual-accounts`, { destination: { wallet: { id: w.id }, asset: 'usdc', network: 'ethereum' } });
      expect(va.body).toMatchObject({ id: expect.stringMatching(/^va_/), object: 'virtualAccount', status: 'active', source: { asset: 'usd', network: 'usBank' }, bankDetails: { routingNumber: '021000021', accountType: 'checking', ownerName: 'Ada Lovelace' } });
      const vsim = await api.post(`/virtual-accounts/${va.body.id}/simulate`, { rail: 'ach_in', amount: '100.00' });
      expect(vsim.body).toMatchObject({ amount: { value: '100.00', currency: 'usd' }, rail: 'ach_in', status: 'submitted' });
      expect(await m.balance(w.id)).toBe('112.50');
      await waitFor(() => (hooks.verified().length >= 2 ? true : null), 4000, 'deposit webhooks');
      expect(hooks.verified().every((d) => d.ok && d.json.type === 'transaction.fiatToCrypto.completed')).toBe(true);
      expect(hooks.verified().map((d) => d.json.data.object.depositAddressId ?? d.json.data.object.virtualAccountId)).toEqual([da.body.id, va.body.id]);

      // The read routes of both families.
      expect((await api.get(`/deposit-addresses/${da.body.id}`)).body).toEqual(da.body);
      expect((await api.get(`/virtual-accounts/${va.body.id}`)).body).toEqual(va.body);
      expect((await api.get(`/customers/${cust}/deposit-addresses`)).body).toEqual({ data: [da.body], hasMore: false, nextCursor: null });
      expect((await api.get(`/customers/${cust}/virtual-accounts`)).body.data.map((v: any) => v.id)).toEqual([va.body.id]);
      expect((await api.get('/deposit-addresses/da_nope')).status).toBe(404);
      const credited = (await api.get(`/accounts/${w.id}/transactions?type=fiatToCrypto`)).body.data;
      expect(credited.map((t: any) => t.depositAddressId ?? t.virtualAccountId)).toEqual([va.body.id, da.body.id]);
      // A virtual account needs an active usd endorsement.
      const noUsd = await m.customer(['basic', 'cryptoCustody']);
      const w2 = await m.wallet(noUsd);
      const refused = await api.post(`/customers/${noUsd}/virtual-accounts`, { destination: { wallet: { wallet: w2.id }, asset: 'usdc', network: 'polygon' } });
      expect(refused.body.error).toMatchObject({ code: 'endorsement_required', details: { endorsement: 'usd' } });
      await hooks.close();
    } finally {
      await m.sb.close();
    }
  });
});
