import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdCalls } from './support/held-transport.ts';

/** The waiting-calls list over the real api client, each answer held until the test releases it. */
const held = holdCalls();

const { usePending } = await import('../../../src-renderer/src/stores/pending.store.ts');
const { api } = await import('../../../src-renderer/src/lib/api-client.ts');
const calls = () => usePending.getState().calls;

afterEach(() => {
  for (const h of held) h.ok(null);
  held.length = 0;
  vi.useRealTimers();
});

describe('pending calls store', () => {
  it('lists a call only once it has waited, in the words of what it does, and drops it when answered', async () => {
    vi.useFakeTimers();
    const call = api().inbox.clear({});
    await vi.advanceTimersByTimeAsync(100);
    expect(calls()).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls().map((c) => [c.channel, c.label, c.read])).toEqual([['inbox.clear', 'Clearing the inbox', false]]);
    held[0]!.answer({ ok: true, data: { cleared: 3 } });
    expect(await call).toEqual({ ok: true, data: { cleared: 3 } });
    expect(calls()).toEqual([]);
  });

  it('a call answered quickly never reaches the list', async () => {
    vi.useFakeTimers();
    const call = api().inbox.listenerStatus({});
    held[0]!.answer({ ok: true, data: null });
    await call;
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls()).toEqual([]);
  });

  it('Cancel on a waiting read settles it as cancelled at once and tells the transport to abort', async () => {
    vi.useFakeTimers();
    const call = api().inbox.list({ limit: 10 });
    await vi.advanceTimersByTimeAsync(300);
    expect(calls()).toHaveLength(1);
    calls()[0]!.cancel();
    const r = await call;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.details?.cancelled).toBe(true);
    expect(held[0]!.signal?.aborted).toBe(true);
    expect(calls()).toEqual([]);
  });
});
