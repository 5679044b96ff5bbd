import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerView } from '#shared/domain/customer.ts';
import type { ExportResult } from '#shared/ipc/export.contract.ts';
import type { InboxEntry } from '#shared/ipc/inbox.contract.ts';
import type { SaveDialog } from '../../src-main/services/export/export.ipc.ts';
import { eventually, failure, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';

/** Stands in for Electron's dialog.showSaveDialog: answers with a path chosen in advance, or a cancel. */
class FakeSaveDialog implements SaveDialog {
  next: string | null = null;
  asked: string[] = [];
  async choosePath(defaultName: string): Promise<string | null> {
    this.asked.push(defaultName);
    return this.next;
  }
}

const EMAIL = 'export.canary@example.org';
const electron = { transport: 'electron' as const, origin: 'app://oms-console' };

describe('export.run through the dispatcher (local sandbox, real SQLite)', () => {
  let c: TestConsole;
  let out: string;
  const dialog = new FakeSaveDialog();
  let customer: CustomerView;
  const run = async (input: object) => unwrap((await c.call('export.run', input)) as never) as ExportResult;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'oms-export-'));
    c = await startTestConsole({ sandbox: { seed: 5, reviewDelayMs: 0, rateLimitPerSec: 10_000 }, saveDialog: dialog });
    await c.app.webhooks.registration;
    customer = unwrap(await c.oms.customers.create({ customer: { type: 'individual', firstName: 'Expo', lastName: 'Canary', email: EMAIL } }));
    await eventually(async () => {
      const r = unwrap(await c.oms.inbox.list({ customerId: customer.id }));
      return r.items.length > 0 ? r.items : null;
    }, 'a delivery about the new customer in the inbox', 300);
  });
  afterAll(async () => {
    await c?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('the audit log as CSV: the header, the same rows logs.audit gives, and the export itself audited', async () => {
    const r = await run({ target: { dataset: 'auditLog', filters: { action: 'customers.create' } }, format: 'csv' });
    expect(r).toMatchObject({ outcome: 'download', mimeType: 'text/csv', truncated: false });
    const lines = r.content!.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,osUser,profileId,action,target,inputSummary,result');
    const screen = unwrap(await c.oms.logs.audit({ action: 'customers.create' }));
    expect(r.rows).toBe(screen.items.length);
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(screen.items.map((i) => i.id));
    const audited = unwrap(await c.oms.logs.audit({ action: 'export.run' }));
    expect(audited.items[0]?.result).toBe('ok');
  });

  it('webhook inbox: payloads masked unless revealed with a reason, and the reveal is audited with it', async () => {
    const target = { dataset: 'inbox', filters: { customerId: customer.id } };
    const masked = await run({ target, format: 'json' });
    const doc = JSON.parse(masked.content!) as { piiMasked: boolean; rows: (InboxEntry & { payload: string })[] };
    expect(doc.piiMasked).toBe(true);
    expect(doc.rows.length).toBeGreaterThan(0);
    expect(doc.rows.every((row) => row.customerId === customer.id)).toBe(true);
    expect(masked.content).not.toContain(EMAIL);
    expect(doc.rows[0]!.payload).toContain(customer.id);

    const clear = await run({ target, format: 'csv', reveal: { reason: 'Ticket 4411: customer asked for their events' } });
    expect(clear.content).toContain(EMAIL);
    const row = unwrap(await c.oms.logs.audit({ action: 'export.run' })).items[0]!;
    expect(row.inputSummary).toContain('Ticket 4411: customer asked for their events');
  });

  it('refuses a reveal on a dataset with nothing masked to reveal, naming the field', async () => {
    const e = failure(await c.call('export.run', { target: { dataset: 'requestLog', filters: {} }, format: 'csv', reveal: { reason: 'curious' } }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('reveal');
  });

  it('transactions honour the screen filters; amounts are the decimal strings of the view', async () => {
    const all = unwrap(await c.oms.transactions.list({ limit: 100 }));
    expect(all.items.length).toBeGreaterThan(0);
    const status = all.items[0]!.status as 'completed';
    const r = await run({ target: { dataset: 'transactions', filters: { status } }, format: 'json' });
    const rows = (JSON.parse(r.content!) as { rows: { id: string; status: string; sourceAmountGross: string | null }[] }).rows;
    const screen = unwrap(await c.oms.transactions.list({ status, limit: 100 }));
    expect(rows.map((x) => x.id).slice(0, screen.items.length)).toEqual(screen.items.map((t) => t.id));
    expect(rows.every((x) => x.status === status)).toBe(true);
    expect(rows.map((x) => x.sourceAmountGross).slice(0, screen.items.length)).toEqual(screen.items.map((t) => t.source.amountGross));
  });

  it('Electron: the file goes where the dialog said, 0600, and its contents never come back; a cancel writes nothing', async () => {
    const path = join(out, 'queue.csv');
    dialog.next = path;
    const saved = unwrap(await c.app.dispatch('export.run', { target: { dataset: 'reviewQueue', filters: {} }, format: 'csv' }, electron)) as ExportResult;
    expect(saved).toMatchObject({ outcome: 'file', content: null });
    expect(dialog.asked.at(-1)).toMatch(/^oms-local-review-queue-\d{4}-\d{2}-\d{2}-\d{4}Z\.csv$/);
    expect(readFileSync(path, 'utf8').split('\r\n')[0]).toBe('\uFEFFcustomerId,name,group,waitingSince,endorsements');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    dialog.next = null;
    const cancelled = unwrap(await c.app.dispatch('export.run', { target: { dataset: 'requestLog', filters: {} }, format: 'json' }, electron)) as ExportResult;
    expect(cancelled).toMatchObject({ outcome: 'cancelled', content: null });
  });
});
