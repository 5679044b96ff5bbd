import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../src-main/secrets/memory-secret-store.ts';
import { eventually, failure, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';
import { control } from './main-support/sandbox.ts';

// Recognisable values: if any of them shows up where it must not, the assertion names it.
const API_KEY = 'sk_sdbx_CANARY_apikey_7f3e9a1c';
const API_SECRET = 'CANARY-apisecret-5d2b8e4f';
const WEBHOOK_SECRET = `whsec_${'ca11ab1e'.repeat(8)}`;
const OTHER_KEY = 'sk_live_CANARY_otherkey_4a4a4a';
const OTHER_SECRET = 'CANARY-othersecret-9b9b9b';
const EMAIL = 'canary.person@example.com';
const PHONE = '+14155550199';
const QUERY = 'CanaryQuery';
const ACCOUNT_NUMBER = '7070123456789';

describe('canary: secrets and PII never leave main', () => {
  let t: TestConsole;
  const tokens: string[] = [];
  const pushed: unknown[] = [];

  beforeAll(async () => {
    const store = new MemorySecretStore('memory');
    await store.set('local/apiKey', API_KEY);
    await store.set('local/apiSecret', API_SECRET);
    await store.set('local/webhook/whk_canary0001', WEBHOOK_SECRET);
    // Records every bearer token OMS issues, so the test can look for them afterwards.
    const recording: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith('/auth/token') && res.ok) tokens.push(((await res.clone().json()) as { accessToken: string }).accessToken);
      return res;
    };
    t = await startTestConsole({ store, omsClient: { fetch: recording, timeoutMs: 500 } });
    t.app.events.addSink((name, payload) => pushed.push({ name, payload }));
  });
  afterAll(async () => t?.close());

  it('runs every domain operation, failures included, and finds no canary in any output, row or log line', async () => {
    const { oms } = t;
    const ctl = control(t.app.services.local.handle ?? (await t.app.services.local.ensure()));
    unwrap(await oms.app.info({}));
    unwrap(await oms.settings.listProfiles({}));
    unwrap(await oms.settings.keychainStatus({}));
    expect(unwrap(await oms.customers.search({ q: QUERY })).items).toEqual([]);
    const seeded = unwrap(await oms.customers.search({ endorsement: { name: 'cryptoCustody', status: 'active' }, limit: 5 })).items;
    expect(seeded.length).toBeGreaterThan(0);

    const created = unwrap(
      await oms.customers.create({
        customer: {
          type: 'individual',
          firstName: 'Cara',
          lastName: 'Nary',
          email: EMAIL,
          phone: PHONE,
          birthDate: '1990-01-02',
          nationality: 'US',
          signedAgreement: true,
          residentialAddress: { line1: '1 Canary Wharf', city: 'Austin', state: 'TX', country: 'US', zipCode: '73301' },
          identifyingInformation: [{ type: 'ssn', issuingCountry: 'US', number: '123-45-6789' }],
        },
      }),
    );
    expect(created.emailMasked).toBe('ca•••@example.com');
    expect(created.phoneMasked).toBe('•••• 0199');
    const id = created.id;
    unwrap(await oms.customers.get({ customerId: id }));
    unwrap(await oms.customers.update({ customerId: id, patch: { middleName: 'Q' } }));
    unwrap(await oms.customers.requestEndorsements({ customerId: id, endorsements: ['cryptoCustody'] }));
    await eventually(async () => unwrap(await oms.customers.get({ customerId: id })).endorsements.find((e) => e.name === 'cryptoCustody' && e.status === 'active'), 'cryptoCustody active');
    const revealed = unwrap(await oms.pii.reveal({ customerId: id, fields: ['email', 'phone'], reason: 'Canary check' }));
    expect(revealed.values).toEqual({ email: EMAIL, phone: PHONE });

    const wallet = unwrap(await oms.wallets.create({ customerId: id, asset: 'usdc', chain: 'polygon' }));
    expect(failure(await oms.wallets.create({ customerId: id, asset: 'usdc', chain: 'polygon' })).details).toMatchObject({ status: 409 });
    unwrap(await oms.sandbox.simulateDeposit({ walletId: wallet.id, amount: '12.50' }));
    expect(unwrap(await oms.wallets.balance({ walletId: wallet.id })).balance).toMatch(/^12\.5/);
    unwrap(await oms.wallets.list({ customerId: id }));
    unwrap(await oms.transactions.list({ walletId: wallet.id }));
    unwrap(await oms.customers.balance({ customerId: id }));
    unwrap(await oms.customers.transactions({ customerId: id }));
    // Not offered by v0.9 (no preview here): refused, and the account number goes nowhere.
    expect(failure(await oms.externalAccounts.schemas({ country: 'US', currency: 'USD' })).code).toBe('UNAVAILABLE');
    const bankDetails = { accountHolderName: 'Cara Nary', routingNumber: '021000021', accountNumber: ACCOUNT_NUMBER, accountType: 'checking' };
    expect(failure(await oms.externalAccounts.create({ customerId: id, network: 'ach', country: 'US', currency: 'USD', bankDetails })).code).toBe('UNAVAILABLE');
    unwrap(await oms.sandbox.status({}));
    unwrap(await oms.sandbox.setReviewMode({ mode: 'manual' }));
    unwrap(await oms.sandbox.decideEndorsement({ customerId: id, endorsement: 'usd', decision: 'revoke', reason: 'canary test' }));

    const hook = unwrap(await oms.webhooks.create({ url: 'http://127.0.0.1:9/canary', events: ['customer.created'] }));
    unwrap(await oms.webhooks.setEnabled({ webhookId: hook.id, enabled: false }));
    unwrap(await oms.webhooks.list({}));
    unwrap(await oms.webhooks.delete({ webhookId: hook.id }));

    // Failures: OMS errors, malformed answers, timeouts, refused input, refused credentials.
    failure(await oms.customers.get({ customerId: 'cst_doesnotexist1' }));
    await ctl.faults([{ method: 'GET', path: '^/customers/cst_', action: 'malformed', malformed: { set: { status: 7, email: 42 } } }]);
    expect(failure(await oms.customers.get({ customerId: id })).code).toBe('OMS_ERROR');
    await ctl.clearFaults();
    await ctl.faults([{ method: 'GET', path: '^/customers$', action: 'hang', times: 3 }]);
    expect(failure(await oms.customers.search({ q: EMAIL })).code).toBe('TIMEOUT');
    await ctl.clearFaults();
    await ctl.advanceClock(7200); // the token dies server-side: one refresh (another canary token)
    unwrap(await oms.customers.search({ email: EMAIL }));
    failure(await t.call('settings.setCredentials', { profileId: 'oms-sandbox', apiKey: API_SECRET, apiSecret: API_KEY }));
    failure(await t.call('customers.create', { customer: { email: EMAIL, bogus: API_SECRET } }));
    const origin = t.app.services.local.handle!.origin;
    unwrap(await oms.settings.saveProfile({ id: 'canary-custom', name: 'Canary', baseUrl: origin, apiVersion: 'v0.9' }));
    unwrap(await oms.settings.setCredentials({ profileId: 'canary-custom', apiKey: OTHER_KEY, apiSecret: OTHER_SECRET, sessionOnly: true }));
    unwrap(await oms.settings.setActiveProfile({ profileId: 'canary-custom' }));
    expect(failure(await oms.customers.search({})).code).toBe('UNAVAILABLE'); // rejected credentials
    expect(failure(await oms.sandbox.simulateDeposit({ walletId: wallet.id, amount: '1' })).code).toBe('UNAVAILABLE');
    unwrap(await oms.settings.setActiveProfile({ profileId: 'local' }));
    unwrap(await oms.logs.requests({ limit: 500 }));
    unwrap(await oms.logs.audit({ limit: 500 }));
    t.app.events.flush();

    const webhookSecrets = await Promise.all((await t.app.services.secrets.list('local/webhook/')).map((a) => t.app.services.secrets.get(a)));
    const secrets = { API_KEY, API_SECRET, WEBHOOK_SECRET, OTHER_KEY, OTHER_SECRET, ...Object.fromEntries(tokens.map((v, i) => [`token${i}`, v])), ...Object.fromEntries(webhookSecrets.map((v, i) => [`webhook${i}`, v!])) };
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    expect(webhookSecrets.length).toBeGreaterThanOrEqual(1); // the console's own listener registration

    const ipc = JSON.stringify(t.outputs) + JSON.stringify(pushed);
    const requestRows = JSON.stringify(t.app.db.prepare('SELECT * FROM request_log').all());
    const auditRows = JSON.stringify(t.app.db.prepare('SELECT * FROM audit_log').all());
    const logLines = t.logs.join('\n');
    const leaks: string[] = [];
    for (const [name, value] of Object.entries(secrets)) {
      for (const [where, text] of Object.entries({ ipc, requestRows, auditRows, logLines })) if (text.includes(value)) leaks.push(`${name} in ${where}`);
    }
    // PII may reach the renderer only through pii.reveal; never the logs.
    const pii = { EMAIL, PHONE, QUERY, ssn: '123-45-6789', street: 'Canary Wharf', ACCOUNT_NUMBER };
    for (const [name, value] of Object.entries(pii).flatMap(([n, v]): [string, string][] => [[n, v], [`${n} (url-encoded)`, encodeURIComponent(v)]])) {
      for (const [where, text] of Object.entries({ requestRows, auditRows, logLines })) if (text.includes(value)) leaks.push(`${name} in ${where}`);
    }
    const ipcWithoutReveal = JSON.stringify(t.outputs.filter((o) => o.channel !== 'pii.reveal')) + JSON.stringify(pushed);
    for (const [name, value] of Object.entries({ EMAIL, PHONE })) if (ipcWithoutReveal.includes(value)) leaks.push(`${name} in ipc outside pii.reveal`);
    expect(leaks).toEqual([]);

    // The sinks did record the work (so "no canary" is not "no rows").
    expect(requestRows).toContain('q=[redacted]');
    expect(requestRows).toContain('email=[redacted]');
    expect(requestRows).toContain('"status":401');
    expect(auditRows).toContain('pii.reveal');
    expect(logLines.length).toBeGreaterThan(0);
  });
});
