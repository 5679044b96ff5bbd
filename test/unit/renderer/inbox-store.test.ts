import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildOmsApi } from '#shared/ipc/build-api.ts';
import type { InboxEntry } from '#shared/ipc/inbox.contract.ts';
import type { Result } from '#shared/ipc/result.ts';

/**
 * The inbox store over the real api client and `window.oms` builder, with a transport whose answers
 * the test releases in any order: the races are the point, so the test decides who answers first.
 */
interface Call {
  input: { type?: string; beforeSeq?: number };
  signal?: AbortSignal;
  answer(items: InboxEntry[], hasMore?: boolean): void;
}
const calls: Call[] = [];

const entry = (seq: number, type = 'customer.updated'): InboxEntry => ({
  seq,
  eventId: `evt_${seq}`,
  type,
  customerId: 'cst_1',
  verdict: 'verified',
  reason: '',
  applied: true,
  duplicate: false,
  source: 'listener',
  receivedAt: '2026-12-01T00:00:00Z',
  variant: null,
  bodySize: 10,
  bodySha256: null,
});

{
  const invoke = (channel: string, input: unknown, signal?: AbortSignal) =>
    new Promise<Result<unknown>>((resolve) => {
      if (channel !== 'inbox.list') return resolve({ ok: true, data: null });
      calls.push({ input: input as Call['input'], signal, answer: (items, hasMore = false) => resolve({ ok: true, data: { items, hasMore } }) });
    });
  (globalThis as { window?: unknown }).window = { oms: buildOmsApi(invoke, () => () => {}) };
}

const { useInbox } = await import('../../../src-renderer/src/features/inbox/inbox.store.ts');
const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  vi.useRealTimers();
  useInbox.getState().reset();
  useInbox.setState({ filters: { type: '', customerId: '', verdict: '' } });
  calls.length = 0;
});

describe('inbox store', () => {
  it('typing a filter: an older answer arriving last does not replace the newest, and the older request is aborted', async () => {
    useInbox.getState().setFilters({ type: 'c' });
    useInbox.getState().setFilters({ type: 'customer.u' });
    expect(calls.map((c) => c.input.type)).toEqual(['c', 'customer.u']);
    calls[1]!.answer([entry(2)]);
    await settle();
    calls[0]!.answer([entry(9, 'customer.endorsement'), entry(2)]);
    await settle();
    expect(useInbox.getState().order).toEqual([2]);
    expect(useInbox.getState().req.status).toBe('ok');
    expect(calls.map((c) => c.signal?.aborted)).toEqual([true, false]);
  });

  it('a double click on "Load older" asks for the older page once and lists each row once', async () => {
    const load = useInbox.getState().load();
    calls[0]!.answer([entry(300), entry(299)], true);
    await load;
    const first = useInbox.getState().loadOlder();
    const second = useInbox.getState().loadOlder();
    for (const c of calls.slice(1)) c.answer([entry(298), entry(297)], false);
    await Promise.all([first, second]);
    expect(calls.map((c) => c.input.beforeSeq)).toEqual([undefined, 299]);
    expect(useInbox.getState().order).toEqual([300, 299, 298, 297]);
  });

  it('an older page answered after the filter changed is dropped', async () => {
    const load = useInbox.getState().load();
    calls[0]!.answer([entry(300)], true);
    await load;
    const older = useInbox.getState().loadOlder();
    useInbox.getState().setFilters({ type: 'transaction' });
    calls[2]!.answer([entry(5, 'transaction.completed')]);
    calls[1]!.answer([entry(299)]);
    await older;
    await settle();
    expect(useInbox.getState().order).toEqual([5]);
  });

  it('deliveries buffered before a profile switch never reach the new profile’s list', async () => {
    vi.useFakeTimers();
    useInbox.getState().received(entry(41));
    useInbox.getState().received(entry(42));
    useInbox.getState().reset();
    useInbox.getState().received(entry(1));
    await vi.advanceTimersByTimeAsync(100);
    expect(useInbox.getState().order).toEqual([1]);
  });

  it('a burst pushed in one frame lands in one store update, with no timer of its own', async () => {
    let updates = 0;
    const off = useInbox.subscribe(() => updates++);
    for (let seq = 100; seq < 150; seq++) useInbox.getState().received(entry(seq));
    expect(useInbox.getState().order).toEqual([]);
    await Promise.resolve();
    off();
    expect(updates).toBe(1);
    expect(useInbox.getState().order).toHaveLength(50);
    expect(useInbox.getState().order[0]).toBe(149);
  });
});
