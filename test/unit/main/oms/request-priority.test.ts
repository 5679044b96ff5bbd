import { describe, expect, it, vi } from 'vitest';
import { currentLane, inBackground, RateGate } from '../../../../src-main/oms/request-priority.ts';

describe('the request budget puts the user first', () => {
  it('never starts more than perSecond calls in any one-second window', async () => {
    // Fake timers: the gate's own clock and waits, so the test reads the schedule, not the machine's load.
    vi.useFakeTimers();
    try {
      const g = new RateGate({ perSecond: 5, userReserve: 1 });
      const started: number[] = [];
      const t0 = Date.now();
      const all = Promise.all(Array.from({ length: 8 }, () => g.take('user').then(() => started.push(Date.now() - t0))));
      await vi.advanceTimersByTimeAsync(999);
      expect(started).toEqual([0, 0, 0, 0, 0]);
      await vi.advanceTimersByTimeAsync(1);
      await all;
      expect(started).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('serves waiting user calls before background ones, and keeps a reserve free of background work', async () => {
    const g = new RateGate({ perSecond: 4, userReserve: 2, idleReserve: 2 });
    const order: string[] = [];
    const bg = Array.from({ length: 4 }, (_, i) => g.take('background').then(() => order.push(`bg${i}`)));
    await new Promise((r) => setTimeout(r, 20));
    // Only perSecond − reserve background calls started; the rest wait although slots are free.
    expect(order).toEqual(['bg0', 'bg1']);
    const user = [g.take('user').then(() => order.push('u0')), g.take('user').then(() => order.push('u1')), g.take('user').then(() => order.push('u2'))];
    await Promise.all([...bg, ...user]);
    expect(order.slice(0, 4)).toEqual(['bg0', 'bg1', 'u0', 'u1']);
    expect(order.indexOf('u2')).toBeLessThan(order.indexOf('bg2'));
  });

  it('keeps the full reserve only while a person is at work: an idle console lets a long background job use all but one slot', async () => {
    let clock = 100_000;
    const now = () => clock;
    const started = (g: RateGate) => Array.from({ length: 20 }, () => g.take('background')).length - g.waiting().background;
    const tick = () => new Promise((r) => setTimeout(r, 5));

    // Nobody has called: all but one slot go to the background.
    const idle = new RateGate({ perSecond: 10, userReserve: 4, idleReserve: 1, now });
    const idleCount = started(idle);
    await tick();
    expect(idleCount).toBe(9);
    // That one slot is there for the person who comes back: their call starts at once.
    let first = false;
    void idle.take('user').then(() => (first = true));
    await tick();
    expect(first).toBe(true);

    // A person called just now: the background stops short of the full reserve.
    const busy = new RateGate({ perSecond: 10, userReserve: 4, idleReserve: 1, now });
    await busy.take('user');
    expect(started(busy)).toBe(5);

    // Five seconds later (and the window moved on), the person counts as away again.
    const later = new RateGate({ perSecond: 10, userReserve: 4, idleReserve: 1, activeForMs: 5000, now });
    await later.take('user');
    clock += 6000;
    expect(started(later)).toBe(9);
  });

  it('a cancelled caller never takes a slot; a 429 pauses background calls only', async () => {
    vi.useFakeTimers();
    try {
      const g = new RateGate({ perSecond: 1, userReserve: 0 });
      await g.take('user');
      const ctl = new AbortController();
      const cancelled = g.take('user', ctl.signal);
      ctl.abort();
      await expect(cancelled).rejects.toMatchObject({ kind: 'cancelled' });
      expect(g.waiting()).toEqual({ user: 0, background: 0 });
      g.backOff(5000);
      const done: string[] = [];
      void g.take('background').then(() => done.push('background'));
      void g.take('user').then(() => done.push('user'));
      // The user's call waits only for the next slot of the one-per-second budget, not for the pause.
      await vi.advanceTimersByTimeAsync(1000);
      expect(done).toEqual(['user']);
      expect(g.waiting().background).toBe(1);
      await vi.advanceTimersByTimeAsync(5000);
      expect(done).toEqual(['user', 'background']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('the lane follows the async work it was set for', async () => {
    expect(currentLane()).toBe('user');
    const inner = await inBackground(async () => {
      await new Promise((r) => setTimeout(r, 1));
      return currentLane();
    });
    expect(inner).toBe('background');
    expect(currentLane()).toBe('user');
  });
});
