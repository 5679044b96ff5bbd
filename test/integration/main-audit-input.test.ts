import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';

/** What the audit log keeps of an operator's input: a readable reason, and a row whatever was sent. */
describe('audited input', () => {
  let t: TestConsole;
  let customerId: string;
  const auditCount = () => (t.app.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
  const lastAudit = () => t.app.db.prepare('SELECT action, result, input_summary AS summary FROM audit_log ORDER BY id DESC LIMIT 1').get() as { action: string; result: string; summary: string };

  beforeAll(async () => {
    t = await startTestConsole();
    customerId = unwrap(await t.oms.customers.search({ limit: 1 })).items[0]!.id;
  });
  afterAll(async () => t?.close());

  it.each([
    ['a zero-width space', '\u200b'],
    ['a word joiner and a bidi override', '\u2060\u202e'],
    ['spaces, tabs and format characters only', ' \t\u200d\u2063\ufeff \u00a0'],
    ['a Hangul filler and a braille blank', '\u3164\u2800'],
  ])('a reveal reason of %s is refused, naming the field', async (_label, reason) => {
    const e = failure(await t.oms.pii.reveal({ customerId, fields: ['email'], reason }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('reason');
    expect(e.message).toContain('visible');
    expect(failure(await t.oms.inbox.revealBody({ seq: 1, reason })).code).toBe('INVALID_INPUT');
  });

  it('a reason is stored normalised: NFC, format characters gone, whitespace collapsed', async () => {
    const typed = 'Ticket\u200b 4711\u202e\n\n\t Cafe\u0301 call';
    unwrap(await t.oms.pii.reveal({ customerId, fields: ['email'], reason: typed }));
    const row = lastAudit();
    expect(row).toMatchObject({ action: 'pii.reveal', result: 'ok' });
    expect(JSON.parse(row.summary).reason).toBe('Ticket 4711 Café call');
  });

  it('a refused sandbox decision keeps its reason normalised too', async () => {
    await t.call('sandbox.decidePending', { decision: 'reject', reason: '\u202eAudit\u200b  test', extra: 1 });
    expect(JSON.parse(lastAudit().summary).reason).toBe('Audit test');
  });

  const nested = (depth: number): unknown => {
    let v: unknown = 'leaf';
    for (let i = 0; i < depth; i += 1) v = [v];
    return v;
  };

  it.each([
    ['pii.reveal', (deep: unknown) => ({ customerId: 'cst_x', fields: deep, reason: 'Support ticket' })],
    ['webhooks.create', (deep: unknown) => ({ url: 'https://hooks.example.com/x', events: deep })],
    ['customers.create', (deep: unknown) => ({ customer: { type: 'individual', metadata: { k: deep } } })],
    ['sandbox.decideEndorsement', (deep: unknown) => deep],
  ])('%s with a 5,000-deep nested array still writes its one audit row', async (channel, input) => {
    const before = auditCount();
    const r = await t.call(channel, input(nested(5000)));
    expect(r.ok).toBe(false);
    expect(auditCount()).toBe(before + 1);
    const row = lastAudit();
    expect(row).toMatchObject({ action: channel, result: failure(r).code });
    expect(() => JSON.parse(row.summary)).not.toThrow();
    expect(row.summary.length).toBeLessThanOrEqual(2000);
  });
});
