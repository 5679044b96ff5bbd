import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '#shared/ipc/registry.ts';
import { failure, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';

describe('audit: every mutation writes exactly one row, failed ones included', () => {
  let t: TestConsole;
  let customerId: string;
  let walletId: string;
  let webhookId: string;

  const auditCount = () => (t.app.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
  const lastAudit = () => t.app.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get() as Record<string, unknown>;

  beforeAll(async () => {
    t = await startTestConsole();
    const c = unwrap(await t.oms.customers.search({ endorsement: { name: 'cryptoCustody', status: 'active' }, limit: 1 })).items[0]!;
    customerId = c.id;
    walletId = c.wallets[0]?.id ?? unwrap(await t.oms.wallets.create({ customerId, asset: 'usdc', chain: 'ethereum' })).id;
    webhookId = unwrap(await t.oms.webhooks.create({ url: 'http://127.0.0.1:9/audit', events: [] })).id;
  });
  afterAll(async () => t?.close());

  /** A realistic input for every mutation; success or an OMS/validation failure, each is audited. */
  const valid = (): Record<string, unknown> => ({
    'settings.setActiveProfile': { profileId: 'local' },
    'settings.saveProfile': { id: 'audit-custom', name: 'Audit', baseUrl: 'https://oms.example.test', apiVersion: 'v0.11' },
    'settings.deleteProfile': { profileId: 'audit-custom' },
    'settings.setCredentials': { profileId: 'oms-sandbox', apiKey: 'sk_sdbx_auditkey12345', apiSecret: 'audit-secret-123', sessionOnly: true },
    'settings.clearCredentials': { profileId: 'oms-sandbox' },
    'settings.setDesktopPrefs': { theme: 'system' },
    'settings.setDisplayPrefs': { utc: false },
    'customers.create': { customer: { type: 'individual', firstName: 'Audrey' } },
    'customers.update': { customerId, patch: { middleName: 'A' } },
    'customers.requestEndorsements': { customerId, endorsements: ['usd'] },
    'customers.delete': { customerId: 'cst_notthere0001' },
    'wallets.create': { customerId, asset: 'usdc', chain: 'ethereum' },
    'quotes.create': {
      customerId,
      sourceWalletId: walletId,
      destination: { kind: 'address', address: '0x52908400098527886E0F7030069857D2E4169EE7' },
      destinationAsset: 'usdc',
      destinationNetwork: 'polygon',
      side: 'source',
      amount: '1.00',
    },
    'transactions.execute': { quoteId: 'qt_notthere0001' },
    'cashIns.create': { customerId, walletId, locationId: 'loc_notthere0001', locationReference: 'ref' },
    'cashIns.refresh': { cashInId: 'ci_notthere0001' },
    'cashIns.simulatePayment': { cashInId: 'ci_notthere0001' },
    'externalAccounts.create': {
      customerId,
      network: 'ach',
      country: 'US',
      currency: 'USD',
      bankDetails: { accountHolderName: 'Audrey A', routingNumber: '021000021', accountNumber: '4444555566', accountType: 'checking' },
    },
    'webhooks.create': { url: 'http://127.0.0.1:9/audit2', events: [] },
    'webhooks.setEnabled': { webhookId, enabled: false },
    'webhooks.delete': { webhookId: 'whk_notthere0001' },
    'inbox.replay': { seq: 987654 },
    'inbox.revealBody': { seq: 987654, reason: 'Support ticket' },
    'inbox.clear': {},
    'inbox.configureListener': { signatureVariant: null },
    'pii.reveal': { customerId, fields: ['email'], reason: 'Support ticket' },
    'sandbox.decideEndorsement': { customerId, endorsement: 'usd', decision: 'revoke', reason: 'Audit test' },
    'sandbox.decidePending': { decision: 'reject', reason: 'Audit test' },
    'sandbox.setReviewMode': { mode: 'auto' },
    'sandbox.simulateDeposit': { walletId, amount: '5.00' },
    'export.run': { target: { dataset: 'auditLog', filters: {} }, format: 'csv' },
  });
  const mutations = [...operations.values()].filter((op) => op.mutation).map((op) => op.channel);

  it('has an input for every mutation in the contract', () => {
    expect(Object.keys(valid()).sort()).toEqual([...mutations].sort());
  });

  it.each(mutations)('%s: one row for a valid call and one for a refused one', async (channel) => {
    const before = auditCount();
    const result = await t.call(channel, valid()[channel]);
    expect(auditCount() - before).toBe(1);
    const row = lastAudit();
    expect(row).toMatchObject({ action: channel, result: result.ok ? 'ok' : result.error.code });
    expect(typeof row.os_user).toBe('string');

    const refused = await t.call(channel, { ...(valid()[channel] as object), unexpectedField: 'x'.repeat(50) });
    expect(failure(refused).code).toBe('INVALID_INPUT');
    expect(auditCount() - before).toBe(2);
    expect(lastAudit()).toMatchObject({ action: channel, result: 'INVALID_INPUT' });
  });

  it('audits a PII reveal with its target and without the revealed value', async () => {
    const r = unwrap(await t.oms.pii.reveal({ customerId, fields: ['email', 'phone'], reason: 'caller verification' }));
    const row = lastAudit();
    expect(row).toMatchObject({ action: 'pii.reveal', target: customerId, result: 'ok' });
    expect(JSON.stringify(row)).not.toContain(r.values.email!);
    expect(Date.parse(r.expiresAt) - Date.now()).toBeGreaterThan(20_000);
  });

  it('the audit log is append-only', () => {
    expect(() => t.app.db.exec("UPDATE audit_log SET result = 'ok'")).toThrow(/append-only/);
    expect(() => t.app.db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
  });

  it('reads back through logs.audit, newest first, filterable by action', async () => {
    const page = unwrap(await t.oms.logs.audit({ action: 'pii.reveal', limit: 2 }));
    expect(page.items).toHaveLength(2);
    expect(page.hasMore).toBe(true); // three reveals so far: valid, refused, audited-with-reason
    const next = unwrap(await t.oms.logs.audit({ action: 'pii.reveal', limit: 2, beforeId: page.items[1]!.id }));
    expect([next.items.length, next.hasMore]).toEqual([1, false]);
    expect(page.items.every((r) => r.action === 'pii.reveal')).toBe(true);
    const ids = page.items.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });
});

describe('input schemas are the first line of defence', () => {
  let t: TestConsole;
  beforeAll(async () => {
    t = await startTestConsole();
  });
  afterAll(async () => t?.close());

  it.each([
    ['a wrong type', 'customers.search', { limit: 'ten' }, 'limit'],
    ['an unknown field', 'customers.search', { q: 'a', sql: 'drop' }, 'sql'],
    ['an oversized string', 'customers.search', { q: 'x'.repeat(201) }, 'q'],
    ['a malformed id', 'customers.get', { customerId: 'wlt_123' }, 'customerId'],
    ['a nested wrong field', 'customers.create', { customer: { email: 'not-an-email' } }, 'customer.email'],
    ['a secret of the wrong shape', 'settings.setCredentials', { profileId: 'local', apiKey: 'pk_wrong', apiSecret: 'abcdefgh' }, 'apiKey'],
    ['an http non-loopback base URL', 'settings.saveProfile', { id: 'x', name: 'X', baseUrl: 'http://evil.example', apiVersion: 'v0.9' }, 'baseUrl'],
  ])('%s → INVALID_INPUT naming the field', async (_label, channel, input, field) => {
    const e = failure(await t.call(channel, input));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain(field);
    const fields = (e.details as { fields: { path: string; message: string }[] }).fields;
    expect(fields.some((f) => f.path === field || f.message.includes(`"${field}"`))).toBe(true);
  });
});
