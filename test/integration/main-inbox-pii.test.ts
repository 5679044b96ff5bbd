import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, failure, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';

const EMAIL = 'inbox.canary@example.com';
const PHONE = '+14155550177';

/**
 * Sandbox events carry the full customer, and the delivery viewer used to show
 * email and phone in clear, unaudited. The viewer's body is masked like the customer view; the
 * clear body comes only through `inbox.revealBody`, which asks for a reason and is audited.
 */
describe('delivery viewer: PII masked, clear body only through an audited reveal', () => {
  let t: TestConsole;
  beforeAll(async () => {
    t = await startTestConsole();
    // Reading the status registers the listener with the local sandbox (as the inbox screen does).
    await eventually(async () => unwrap(await t.oms.inbox.listenerStatus({})).secretFingerprints.length > 0, 'the listener registered', 250);
  });
  afterAll(async () => t?.close());

  it('masks email and phone in a delivery, reveals them with a reason, and audits the reveal', async () => {
    const c = unwrap(await t.oms.customers.create({ customer: { type: 'individual', firstName: 'Ina', lastName: 'Box', email: EMAIL, phone: PHONE } }));
    const entry = await eventually(async () => unwrap(await t.oms.inbox.list({ customerId: c.id, limit: 10 })).items.find((e) => e.type === 'customer.created'), 'the customer.created delivery', 500);
    const detail = unwrap(await t.oms.inbox.get({ seq: entry.seq }));
    expect(detail.piiMasked).toBe(true);
    expect(detail.body).not.toContain(EMAIL);
    expect(detail.body).not.toContain('5550177');
    expect(detail.body).toContain('@example.com');
    expect(detail.body).toContain(c.id);

    expect(failure(await t.oms.inbox.revealBody({ seq: entry.seq, reason: '' })).code).toBe('INVALID_INPUT');
    const clear = unwrap(await t.oms.inbox.revealBody({ seq: entry.seq, reason: 'Support ticket: 4711' }));
    expect(clear.body).toContain(EMAIL);
    const audit = unwrap(await t.oms.logs.audit({ action: 'inbox.revealBody', limit: 5 })).items;
    expect(audit[0]).toMatchObject({ action: 'inbox.revealBody', target: String(entry.seq), result: 'ok' });
    expect(audit[0]!.inputSummary).toContain('Support ticket: 4711');
    // Nothing the renderer received before the reveal held the clear values.
    const before = JSON.stringify(t.outputs.filter((o) => o.channel !== 'inbox.revealBody'));
    expect(before).not.toContain(EMAIL);
  });
});
