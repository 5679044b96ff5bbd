import { afterAll, describe, expect, it } from 'vitest';
import type { InboxEntry, ListenerStatus } from '#shared/ipc/inbox.contract.ts';
import { holdCalls } from './support/held-transport.ts';

/**
 * The live indicator's store, fed as the running app feeds it: the wiring in bridge/subscriptions
 * follows the inbox store, and deliveries reach the inbox store as main pushes them.
 */
holdCalls(() => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'not in this test' } }));
// The wiring also reaches the route store, which reads the address and listens for its changes.
Object.assign(globalThis.window, { addEventListener: () => {}, location: { hash: '' }, history: { state: null, replaceState: () => {} } });
const { useLiveUpdates } = await import('../../../src-renderer/src/stores/live-updates.store.ts');
const { useInbox } = await import('../../../src-renderer/src/features/inbox/inbox.store.ts');
const { startSubscriptions } = await import('../../../src-renderer/src/bridge/subscriptions.ts');
const stop = startSubscriptions();
afterAll(() => stop());

let seq = 1;
const delivery = (eventId: string, verdict: InboxEntry['verdict'] = 'verified', ageMs = 0): InboxEntry => ({
  seq: seq++,
  eventId,
  type: 'transaction.completed',
  customerId: 'cst_1',
  verdict,
  reason: '',
  applied: verdict === 'verified',
  duplicate: false,
  source: 'listener',
  receivedAt: new Date(Date.now() - ageMs).toISOString(),
  variant: null,
  bodySize: 10,
  bodySha256: null,
});
const push = async (...entries: InboxEntry[]) => {
  for (const e of entries) useInbox.getState().received(e);
  await Promise.resolve();
};

describe('live updates store', () => {
  it('a delivery after a change that expects one clears the wait; a row older than a minute is not news', async () => {
    useLiveUpdates.getState().changed('transactions.execute');
    expect(useLiveUpdates.getState().changedAt).not.toBeNull();
    await push(delivery('evt_old', 'verified', 120_000));
    expect(useLiveUpdates.getState().changedAt).not.toBeNull();
    await push(delivery('evt_a'));
    expect(useLiveUpdates.getState().changedAt).toBeNull();
    expect(useLiveUpdates.getState().deliveredAt).not.toBeNull();
  });

  it('a refused delivery is news once; OMS retrying it after a refresh is not', async () => {
    await push(delivery('evt_bad', 'bad_signature'));
    const first = useLiveUpdates.getState().refusedNewAt;
    expect(first).not.toBeNull();
    useLiveUpdates.getState().refreshed();
    expect(useLiveUpdates.getState().refusedNewAt).toBeNull();
    await push(delivery('evt_bad', 'bad_signature'));
    expect(useLiveUpdates.getState().refusedNewAt).toBeNull();
    await push(delivery('evt_bad2', 'stale_timestamp'));
    expect(useLiveUpdates.getState().refusedNewAt).not.toBeNull();
  });

  it('a listener status pushed to the inbox store reaches the indicator', () => {
    const status = { port: 8787 } as unknown as ListenerStatus;
    useInbox.getState().setListener(status);
    expect(useLiveUpdates.getState().listener).toBe(status);
  });
});
