import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerView } from '#shared/domain/customer.ts';
import type { WebhookView } from '#shared/domain/webhook.ts';
import type { InboxEntry } from '#shared/ipc/inbox.contract.ts';
import { createConsole, type ConsoleApp } from '../../src-main/app/composition.ts';
import { MemorySecretStore } from '../../src-main/secrets/memory-secret-store.ts';
import { tempDir } from '../unit/main/webhooks/harness.ts';
import { consoleCalls, freePort, waitFor } from './webhooks-support.ts';


/**
 * A headless machine has no keychain: the local profile keeps its secrets in memory, so every
 * start begins with none. The listener must still keep its sandbox endpoint (and what is queued
 * for it) across a restart, instead of re-registering and dropping those deliveries.
 */
describe('local profile without a keychain: restart keeps the endpoint and its queued deliveries', () => {
  let tmp: ReturnType<typeof tempDir>;
  let port: number;
  let app: ConsoleApp;
  // A fresh in-memory store on every start is exactly what a keychain-less restart looks like.
  const open = async () => {
    const a = await createConsole({
      transport: 'browser',
      dataDir: tmp.dir,
      version: 'test',
      secretStore: new MemorySecretStore('memory'),
      sandbox: { seed: 1, reviewDelayMs: 0, retryScale: 0.001 },
      webhookPort: port,
    });
    await a.webhooks.registration;
    return a;
  };
  const { call, control } = consoleCalls(() => app);
  const consoleEndpoints = async () => (await call<WebhookView[]>('webhooks.list', {})).filter((w) => w.url.endsWith('/webhooks/oms'));

  beforeAll(async () => {
    tmp = tempDir();
    port = await freePort();
    app = await open();
  });
  afterAll(async () => {
    await app?.close();
    tmp.remove();
  });

  it('delivers, verified, what the sandbox queued while the console was down', async () => {
    const before = await consoleEndpoints();
    expect(before).toHaveLength(1);
    expect(await control('/review-mode', 'PUT', { mode: 'manual' })).toBe(200);
    const created = await call<CustomerView>('customers.create', { customer: { type: 'individual', firstName: 'Ada', lastName: 'Byron' } });
    // The delivery is held back by the sandbox until after the console has gone.
    expect(await control('/faults', 'PUT', { webhooks: { delayMs: 1500 } })).toBe(200);
    expect(await control(`/customers/${created.id}/endorsements/basic/decision`, 'POST', { decision: 'approve' })).toBe(200);
    await app.close();

    app = await open();
    const after = await consoleEndpoints();
    expect(after.map((w) => w.id)).toEqual(before.map((w) => w.id));
    const granted = await waitFor(async () => {
      const r = await call<{ items: InboxEntry[] }>('inbox.list', { customerId: created.id, type: 'customer.endorsement.granted' });
      return r.items.length ? r.items : null;
    }, 'the delivery queued during the restart');
    expect(granted.map((e) => [e.verdict, e.applied])).toEqual([['verified', true]]);
    await control('/faults', 'DELETE');
  });
});
