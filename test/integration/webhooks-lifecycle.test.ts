import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '#shared/events/events.contract.ts';
import { useCustomers } from '../../src-renderer/src/features/customers/customers.store.ts';
import { toCustomerView } from '../../src-main/services/customers/customer-view.ts';
import { settle, tempDir, type Console } from '../unit/main/webhooks/harness.ts';
import { startRig, type Rig } from './webhooks-support.ts';

/**
 * Order-proof: random endorsement lifecycles, delivered with duplicates and out of order by the real
 * sandbox, must leave the renderer's real zustand customers store (`applyLive`, what the boot-time
 * subscription calls for `event.customers.refetched`) equal to the API's state.
 */
describe('generated endorsement lifecycles converge in the UI store', () => {
  let tmp: ReturnType<typeof tempDir>;
  let rig: Rig;
  let c: Console;
  beforeAll(async () => {
    tmp = tempDir();
    rig = await startRig(`${tmp.dir}/sandbox`);
    c = await rig.startConsole(`${tmp.dir}/console`);
    c.bridge.addSink((name, payload) => {
      if (name !== 'event.customers.refetched') return;
      const p = payload as EventPayload<'event.customers.refetched'>;
      useCustomers.getState().applyLive(p.customer, p.cause);
    });
  });
  afterAll(async () => {
    await c?.stop();
    await rig?.sandbox.close();
    tmp.remove();
  });

  const step = fc.record({
    name: fc.constantFrom('basic', 'cryptoCustody', 'usd'),
    decision: fc.constantFrom('approve', 'reject', 'revoke'),
  });
  const scenario = fc.record({
    steps: fc.array(step, { minLength: 1, maxLength: 6 }),
    duplicate: fc.integer({ min: 0, max: 3 }),
    outOfOrder: fc.boolean(),
  });

  it('UI state equals API state after every run', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ steps, duplicate, outOfOrder }) => {
        await rig.control('PUT', '/faults', { webhooks: { duplicate, outOfOrder } });
        const id = await rig.createCustomer();
        for (const s of steps) {
          // Invalid transitions (revoking a pending one) are refused by the API: part of the lifecycle.
          await rig.control('POST', `/customers/${id}/endorsements/${s.name}/decision`, { decision: s.decision, reason: 'generated' });
        }
        await rig.deliveriesSettled();
        await settle(c);
        await rig.control('DELETE', '/faults');
        const api = toCustomerView(await rig.customers.get(id));
        expect(useCustomers.getState().byId[id]).toEqual(api);
      }),
      { numRuns: 20 },
    );
    const applied = c.subsystem.inbox.list({ limit: 500 }).items.filter((e) => e.applied);
    expect(applied.every((e) => e.verdict === 'verified')).toBe(true);
  }, 120_000);
});
