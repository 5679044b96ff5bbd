import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRow } from '#shared/ipc/logs.contract.ts';
import { holdCalls, settle } from './support/held-transport.ts';

const held = holdCalls();
const { useLogs } = await import('../../../src-renderer/src/features/logs/logs.store.ts');

const row = (id: number, action: string) => ({ id, action }) as unknown as AuditRow;

afterEach(() => {
  for (const c of held) c.ok({ items: [], hasMore: false });
  held.length = 0;
});

describe('logs store', () => {
  it('typing an audit filter: the answer for an older filter, arriving last, does not replace the newest, and its read is aborted', async () => {
    useLogs.getState().setAuditFilter('cust');
    useLogs.getState().setAuditFilter('customers.update');
    expect(held.map((c) => c.input.action)).toEqual(['cust', 'customers.update']);
    held[1]!.ok({ items: [row(2, 'customers.update')], hasMore: false });
    await settle();
    held[0]!.ok({ items: [row(1, 'customers.create'), row(2, 'customers.update')], hasMore: true });
    await settle();
    expect(useLogs.getState().audit.items.map((r) => r.id)).toEqual([2]);
    expect(useLogs.getState().audit.hasMore).toBe(false);
    expect(useLogs.getState().audit.req.status).toBe('ok');
    expect(held.map((c) => c.signal?.aborted)).toEqual([true, false]);
  });

  it('a failed read keeps the rows on screen and says why', async () => {
    useLogs.getState().setAuditFilter('');
    held[0]!.ok({ items: [row(7, 'pii.reveal')], hasMore: false });
    await settle();
    void useLogs.getState().loadAudit();
    held[1]!.answer({ ok: false, error: { code: 'UNAVAILABLE', message: 'store closed' } });
    await settle();
    expect(useLogs.getState().audit.items.map((r) => r.id)).toEqual([7]);
    expect(useLogs.getState().audit.req.error?.message).toBe('store closed');
  });
});
