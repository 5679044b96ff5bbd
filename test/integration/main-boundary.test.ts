import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskEmails, MAX_SCRUB_CHARS, scrubText } from '../../src-main/lib/redact.ts';
import { redactPath } from '../../src-main/store/request-log.ts';
import { failure, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';

// The inputs that once froze main: a 100,000-char id, a 900k-char timestamp, and long runs the
// email masking scans. The time they take is measured in bench/ipc-boundary.bench.ts; here, the
// work: refused before any OMS call, error text bounded, each character scanned a bounded number of times.
const LONG_ID = `cst_${'a'.repeat(100_000)}`;
const LONG_TIME = 'a'.repeat(900_000);

/** How many single-character tests fn makes (the email scan's unit of work). */
function charTests(fn: () => unknown): number {
  const test = RegExp.prototype.test;
  let n = 0;
  RegExp.prototype.test = function (this: RegExp, s: string) {
    n++;
    return test.call(this, s);
  };
  try {
    fn();
    return n;
  } finally {
    RegExp.prototype.test = test;
  }
}

describe('one boundary: no input can freeze main', () => {
  let t: TestConsole;
  beforeAll(async () => {
    t = await startTestConsole();
  });
  afterAll(async () => t?.close());

  /** Main's attempts at OMS so far, per the request log. */
  const omsAttempts = async () => unwrap(await t.oms.logs.requests({ limit: 500 })).items.length;

  it('refuses a 100,000-char id and a 900k-char timestamp with a specific, short error, before any OMS call', async () => {
    const before = await omsAttempts();
    const get = failure(await t.call('customers.get', { customerId: LONG_ID }));
    expect(get.code).toBe('INVALID_INPUT');
    expect(get.message).toContain('customerId');
    const search = failure(await t.call('customers.search', { createdAfter: LONG_TIME }));
    expect(search.code).toBe('INVALID_INPUT');
    expect(search.message).toContain('createdAfter');
    // The refusal does not carry the input back: its size is the message's, not the attacker's.
    for (const e of [get, search]) expect(JSON.stringify(e).length).toBeLessThan(2000);
    expect(await omsAttempts()).toBe(before);
  });

  it('answers app.info among a flood of the worst inputs, each refused without reaching OMS', async () => {
    const before = await omsAttempts();
    const flood = Array.from({ length: 20 }, (_, i) => t.call(i % 2 ? 'customers.get' : 'customers.search', i % 2 ? { customerId: LONG_ID } : { q: LONG_TIME }));
    const info = unwrap(await t.call('app.info')) as { name: string };
    expect(info.name).toBe('OMS Console');
    for (const r of await Promise.all(flood)) expect(failure(r).code).toBe('INVALID_INPUT');
    expect(await omsAttempts()).toBe(before);
  });

  it('scrubs adversarial text with bounded work: cut first, then each character tested a bounded number of times', () => {
    const noAt = 'a'.repeat(200_000);
    const manyAt = 'a@'.repeat(100_000);
    const dots = `${'a.'.repeat(100_000)}@x`;
    const longLocal = `${'a'.repeat(199_999)}@`;
    for (const text of [noAt, manyAt, dots, `x${noAt}@`, longLocal]) {
      const label = `${text.slice(0, 6)}… (${text.length} chars)`;
      // Cut to MAX_SCRUB_CHARS before any scan: the input's length does not reach the work.
      expect(charTests(() => scrubText(text)), label).toBeLessThanOrEqual(3 * MAX_SCRUB_CHARS);
      expect(charTests(() => redactPath(`/customers/${text}?q=${text}`)), label).toBeLessThanOrEqual(3 * MAX_SCRUB_CHARS);
      // The scan itself is linear even uncut: no character is revisited per `@` (a backtracking
      // pattern's quadratic walk is what froze main).
      expect(charTests(() => maskEmails(text)), label).toBeLessThanOrEqual(2 * text.length + 10);
    }
    expect(scrubText('write to ann.lee@example.com, or bob@x.io.')).toBe('write to [email], or [email].');
    expect(scrubText('no email here: a@b, @x.com, user@host')).toBe('no email here: a@b, @x.com, user@host');
  });

  it('bounds what it keeps: a long path is cut before it is scrubbed', () => {
    expect(redactPath(`/customers/${'b'.repeat(5000)}`).length).toBeLessThanOrEqual(1000);
    expect(scrubText('c'.repeat(10_000)).length).toBeLessThan(4100);
  });
});
