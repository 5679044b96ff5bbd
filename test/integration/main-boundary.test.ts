import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrubText } from '../../src-main/ipc/redact.ts';
import { redactPath } from '../../src-main/store/request-log.ts';
import { failure, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';

/** Main-thread CPU time of fn, best of `runs` (GC pauses are not the input's fault). */
async function cpuMs(fn: () => Promise<unknown> | unknown, runs = 3): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

// The inputs that froze main (issue 9, defect 1): a 100,000-char id blocked every call for ~16 s;
// a 900k-char timestamp pinned the CPU for 15+ minutes (quadratic email pattern in the redactor,
// truncation after scrubbing, no length bounds on ids and timestamps).
const LONG_ID = `cst_${'a'.repeat(100_000)}`;
const LONG_TIME = 'a'.repeat(900_000);

describe('one boundary: no input can freeze main', () => {
  let t: TestConsole;
  beforeAll(async () => {
    t = await startTestConsole();
  });
  afterAll(async () => t?.close());

  it('refuses a 100,000-char id and a 900k-char timestamp with a specific error, in < 50 ms of main-thread time', async () => {
    const get = failure(await t.call('customers.get', { customerId: LONG_ID }));
    expect(get.code).toBe('INVALID_INPUT');
    expect(get.message).toContain('customerId');
    const search = failure(await t.call('customers.search', { createdAfter: LONG_TIME }));
    expect(search.code).toBe('INVALID_INPUT');
    expect(search.message).toContain('createdAfter');
    expect(await cpuMs(() => t.call('customers.get', { customerId: LONG_ID }))).toBeLessThan(50);
    expect(await cpuMs(() => t.call('customers.search', { createdAfter: LONG_TIME }))).toBeLessThan(50);
  });

  it('keeps app.info answering while the worst inputs arrive', async () => {
    const flood = Array.from({ length: 20 }, (_, i) => t.call(i % 2 ? 'customers.get' : 'customers.search', i % 2 ? { customerId: LONG_ID } : { q: LONG_TIME }));
    const started = performance.now();
    const info = unwrap(await t.call('app.info')) as { name: string };
    const waited = performance.now() - started;
    await Promise.all(flood);
    expect(info.name).toBe('OMS Console');
    expect(waited).toBeLessThan(1000);
  });

  it('scrubs and logs adversarial text in linear time (no email-pattern backtracking)', async () => {
    const noAt = 'a'.repeat(200_000);
    const manyAt = 'a@'.repeat(100_000);
    const dots = `${'a.'.repeat(100_000)}@x`;
    for (const text of [noAt, manyAt, dots, `x${noAt}@`]) {
      expect(await cpuMs(() => scrubText(text))).toBeLessThan(50);
      expect(await cpuMs(() => redactPath(`/customers/${text}?q=${text}`))).toBeLessThan(50);
    }
    expect(scrubText('write to ann.lee@example.com, or bob@x.io.')).toBe('write to [email], or [email].');
    expect(scrubText('no email here: a@b, @x.com, user@host')).toBe('no email here: a@b, @x.com, user@host');
  });

  it('bounds what it keeps: a long path is cut before it is scrubbed', () => {
    expect(redactPath(`/customers/${'b'.repeat(5000)}`).length).toBeLessThanOrEqual(1000);
    expect(scrubText('c'.repeat(10_000)).length).toBeLessThan(4100);
  });
});
