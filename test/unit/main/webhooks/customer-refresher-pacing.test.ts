import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../../../src-main/lib/event-bus.ts';
import { CustomerRefresher } from '../../../../src-main/webhooks/customer-refresher.ts';
import type { CustomerView } from '#shared/domain/customer.ts';

const view = (id: string) => ({ id }) as unknown as CustomerView;

function setup(open: Set<string>) {
  const fetched: string[] = [];
  const settled: number[] = [];
  const bus = new EventBus();
  const pushed: string[] = [];
  bus.on('event.customers.refetched', (p) => pushed.push(p.customerId));
  const refresher = new CustomerRefresher({
    bus,
    refetchCustomer: async (id) => {
      fetched.push(id);
      return view(id);
    },
    onSettled: (tokens) => settled.push(...tokens),
    isOpen: (id) => open.has(id),
    backgroundPerSec: 10,
  });
  return { refresher, fetched, settled, pushed };
}

afterEach(() => vi.useRealTimers());

describe('customer refresher pacing', () => {
  it('re-fetches open customers at once and paces a burst for everyone else', async () => {
    vi.useFakeTimers();
    const { refresher, fetched, settled, pushed } = setup(new Set(['cst_open']));
    for (let i = 0; i < 100; i++) void refresher.refresh(`cst_${i}`, 'customer.endorsement.granted', i);
    await refresher.refresh('cst_open', 'customer.endorsement.granted', 1000);
    expect(fetched).toEqual(['cst_open']);
    expect(refresher.queued).toBe(100);

    await vi.advanceTimersByTimeAsync(1000);
    // 10 per second: the burst cannot crowd out the operator's own requests.
    expect(fetched.length - 1).toBeLessThanOrEqual(10);
    expect(fetched.length - 1).toBeGreaterThanOrEqual(9);

    await vi.advanceTimersByTimeAsync(10_000);
    await refresher.idle();
    expect(refresher.queued).toBe(0);
    expect(new Set(fetched).size).toBe(101);
    expect(new Set(pushed).size).toBe(101);
    expect(settled.sort((a, b) => a - b)).toEqual([...Array.from({ length: 100 }, (_, i) => i), 1000]);
    refresher.stop();
  });

  it('folds repeated events for one queued customer into one fetch, settling every delivery', async () => {
    vi.useFakeTimers();
    const { refresher, fetched, settled } = setup(new Set());
    for (let i = 0; i < 5; i++) void refresher.refresh('cst_a', 'customer.updated', i);
    expect(refresher.queued).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    await refresher.idle();
    expect(fetched.filter((id) => id === 'cst_a').length).toBeLessThanOrEqual(2);
    expect(settled.sort()).toEqual([0, 1, 2, 3, 4]);
    refresher.stop();
  });

  it('moves a queued customer to the front when the operator opens it', async () => {
    vi.useFakeTimers();
    const open = new Set<string>();
    const { refresher, fetched } = setup(open);
    for (let i = 0; i < 50; i++) void refresher.refresh(`cst_${i}`, 'customer.updated', i);
    open.add('cst_49');
    await refresher.refresh('cst_49', 'customer.updated', 99);
    expect(fetched[0]).toBe('cst_49');
    expect(refresher.queued).toBe(49);
    refresher.stop();
    expect(refresher.queued).toBe(0);
  });
});
