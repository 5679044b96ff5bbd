import { describe, expect, it } from 'vitest';
import { expiryFrom, TokenManager } from '../../../../src-main/oms/token-manager.ts';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('token manager', () => {
  it('shares one exchange among concurrent callers and reuses the token until the refresh margin', async () => {
    let now = 0;
    const pending = deferred<{ value: string; expiresAtMs: number }>();
    let calls = 0;
    const tm = new TokenManager({ now: () => now, exchange: () => (calls++, pending.promise) });
    const waiting = Array.from({ length: 10 }, () => tm.get());
    pending.resolve({ value: 'tok-1', expiresAtMs: 3_600_000 });
    expect(await Promise.all(waiting)).toEqual(Array(10).fill('tok-1'));
    now = 3_600_000 - 60_001;
    expect(await tm.get()).toBe('tok-1');
    expect(calls).toBe(1);
  });

  it('invalidates only the token that was rejected', async () => {
    let n = 0;
    const tm = new TokenManager({ now: () => 0, exchange: async () => ({ value: `tok-${++n}`, expiresAtMs: 1e12 }) });
    const first = await tm.get();
    tm.invalidate(first);
    const second = await tm.get();
    tm.invalidate(first); // a late 401 for the old token must not throw away the new one
    expect(await tm.get()).toBe(second);
    expect(n).toBe(2);
  });

  it('a failed exchange rejects every waiter once and the next call tries afresh', async () => {
    let n = 0;
    const tm = new TokenManager({
      now: () => 0,
      exchange: async () => {
        n += 1;
        if (n === 1) throw new Error('down');
        return { value: 'ok', expiresAtMs: 1e12 };
      },
    });
    const results = await Promise.allSettled([tm.get(), tm.get(), tm.get()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(n).toBe(1);
    expect(await tm.get()).toBe('ok');
  });

  it('takes expiry from expiresIn on our clock, shortened by an earlier expiresAt', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(expiryFrom({ expiresIn: 3600 }, now)).toBe(now + 3_600_000);
    expect(expiryFrom({ expiresIn: 3600, expiresAt: '2026-01-01T00:10:00Z' }, now)).toBe(now + 600_000);
    expect(expiryFrom({ expiresIn: 3600, expiresAt: '2030-01-01T00:00:00Z' }, now)).toBe(now + 3_600_000);
    expect(expiryFrom({}, now)).toBe(now + 3_600_000);
  });
});
