import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';

const ACCOUNT = '000123456789';
const ROUTING = '021000021';
const sandbox = (preview: boolean) => ({ sandbox: { seed: 5, reviewDelayMs: 0, rateLimitPerSec: 10_000, preview } });
const achDetails = { accountHolderName: 'Ada Lovelace', routingNumber: ROUTING, accountNumber: ACCOUNT, accountType: 'checking' };

describe('external accounts without the sandbox preview (OMS v0.9 as documented)', () => {
  let t: TestConsole;
  let customerId: string;
  beforeAll(async () => {
    t = await startTestConsole(sandbox(false));
    customerId = unwrap(await t.oms.customers.search({ limit: 1 })).items[0]!.id;
  });
  afterAll(async () => t?.close());

  it('sandbox.status says preview is off', async () => {
    expect(unwrap(await t.oms.sandbox.status({})).preview).toBe(false);
  });

  it('schemas and create fail UNAVAILABLE, saying plainly what to do instead', async () => {
    const s = failure(await t.oms.externalAccounts.schemas({ country: 'US', currency: 'USD' }));
    expect(s.code).toBe('UNAVAILABLE');
    expect(s.message).toMatch(/OMS v0\.9 does not offer external bank accounts yet/);
    expect(s.message).toMatch(/What to do instead: fund and pay out through the customer’s custodial wallet/);
    expect(s.details).toMatchObject({ status: 404, omsCode: 'not_available' });
    const c = failure(await t.oms.externalAccounts.create({ customerId, network: 'ach', country: 'US', currency: 'USD', bankDetails: achDetails }));
    expect(c.code).toBe('UNAVAILABLE');
    expect(c.message).toContain('OMS_SANDBOX_PREVIEW=1');
  });
});

describe('external accounts with the sandbox preview on', () => {
  let t: TestConsole;
  let customerId: string;
  beforeAll(async () => {
    t = await startTestConsole(sandbox(true));
    customerId = unwrap(await t.oms.customers.search({ limit: 1 })).items[0]!.id;
  });
  afterAll(async () => t?.close());

  it('sandbox.status says preview is on', async () => {
    expect(unwrap(await t.oms.sandbox.status({})).preview).toBe(true);
  });

  it('serves the rails and their fields per country and currency', async () => {
    const us = unwrap(await t.oms.externalAccounts.schemas({ country: 'us', currency: 'usd' }));
    expect([us.country, us.currency]).toEqual(['US', 'USD']);
    expect(us.rails.map((r) => r.network)).toEqual(['ach', 'wire']);
    const ach = us.rails[0]!.fields;
    expect(ach.map((f) => f.name)).toEqual(['accountHolderName', 'routingNumber', 'accountNumber', 'accountType']);
    expect(ach.find((f) => f.name === 'accountType')).toMatchObject({ type: 'enum', values: ['checking', 'savings'], required: true });
    expect(ach.find((f) => f.name === 'routingNumber')).toMatchObject({ label: 'ABA routing number', pattern: '^\\d{9}$' });
    const gb = unwrap(await t.oms.externalAccounts.schemas({ country: 'GB', currency: 'GBP' }));
    expect(gb.rails.map((r) => r.network)).toEqual(['swift']);
  });

  it('creates an ACH account and returns only the last 4 of the account and routing numbers', async () => {
    const a = unwrap(await t.oms.externalAccounts.create({ customerId, network: 'ach', country: 'US', currency: 'USD', bankDetails: achDetails }));
    expect(a).toMatchObject({ customerId, network: 'ach', country: 'US', currency: 'USD', status: 'verified', type: 'usBank' });
    expect(a.id).toMatch(/^cpUsBank_/);
    expect(a.bankDetails).toEqual({ accountHolderName: 'Ada Lovelace', routingNumber: '••••0021', accountNumber: '••••6789', accountType: 'checking', bankName: 'Sandbox Bank, N.A.' });
    const leaks = { ipc: JSON.stringify(t.outputs), audit: JSON.stringify(t.app.db.prepare('SELECT * FROM audit_log').all()), requests: JSON.stringify(t.app.db.prepare('SELECT * FROM request_log').all()), logs: t.logs.join('\n') };
    for (const [where, text] of Object.entries(leaks)) {
      expect(text, where).not.toContain(ACCOUNT);
      expect(text, where).not.toContain(ROUTING);
    }
    expect(leaks.audit).toContain('externalAccounts.create');
  });

  it('creates a SWIFT account with the IBAN masked', async () => {
    const bankDetails = { accountHolderName: 'Grace Hopper', iban: 'GB82WEST12345698765432', bic: 'NWBKGB2L', bankName: 'NatWest' };
    const a = unwrap(await t.oms.externalAccounts.create({ customerId, network: 'swift', country: 'GB', currency: 'GBP', bankDetails }));
    expect(a.id).toMatch(/^cpIntlBank_/);
    expect(a.bankDetails).toMatchObject({ iban: '••••5432', bic: 'NWBKGB2L' });
  });

  it('a field the sandbox refuses comes back INVALID_INPUT naming bankDetails.<field>', async () => {
    const e = failure(await t.oms.externalAccounts.create({ customerId, network: 'ach', country: 'US', currency: 'USD', bankDetails: { ...achDetails, routingNumber: '12ab' } }));
    expect(e.code).toBe('INVALID_INPUT');
    expect((e.details as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual(['bankDetails.routingNumber']);
    const rail = failure(await t.oms.externalAccounts.create({ customerId, network: 'swift', country: 'US', currency: 'USD', bankDetails: achDetails }));
    expect(rail.code).toBe('INVALID_INPUT');
    expect(rail.message).toMatch(/swift is not offered for US\/USD/);
  });

  it('the contract bounds the input before anything is sent', async () => {
    const cases: [unknown, string][] = [
      [{ customerId, network: 'sepa', country: 'US', currency: 'USD', bankDetails: {} }, 'network'],
      [{ customerId, network: 'ach', country: 'USA', currency: 'USD', bankDetails: {} }, 'country'],
      [{ customerId, network: 'ach', country: 'US', currency: 'USD', bankDetails: { accountNumber: '1'.repeat(101) } }, 'bankDetails.accountNumber'],
      [{ customerId, network: 'ach', country: 'US', currency: 'USD', bankDetails: { 'bad key': 'x' } }, 'bankDetails'],
      [{ customerId: 'wlt_1', network: 'ach', country: 'US', currency: 'USD', bankDetails: {} }, 'customerId'],
    ];
    for (const [input, field] of cases) {
      const e = failure(await t.call('externalAccounts.create', input));
      expect(e.code, field).toBe('INVALID_INPUT');
      expect(e.message, field).toContain(field);
    }
  });
});
