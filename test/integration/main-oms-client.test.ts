import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '#sandbox/index.ts';
import { CustomersApi } from '../../src-main/oms/customers.api.ts';
import { OmsError, toAppFailure } from '../../src-main/oms/oms-error.ts';
import { WalletsApi } from '../../src-main/oms/wallets.api.ts';
import { control, startTestSandbox, testClient } from './main-support/sandbox.ts';

const HOUR = 3_600_000;

async function rejection(p: Promise<unknown>): Promise<OmsError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(OmsError);
    return e as OmsError;
  }
  throw new Error('expected the call to fail');
}

describe('OMS client against the sandbox over HTTP', () => {
  let sb: SandboxHandle;
  let ctl: ReturnType<typeof control>;
  let someCustomerId: string;

  beforeAll(async () => {
    sb = await startTestSandbox();
    ctl = control(sb);
    const t = testClient(sb);
    someCustomerId = (await new CustomersApi(t.client).search({ limit: 1 })).items[0]!.id;
  });
  afterAll(async () => sb.close());
  afterEach(async () => ctl.clearFaults());

  describe('token', () => {
    it('50 concurrent calls with a token the server has expired cause exactly one exchange', async () => {
      const t = testClient(sb);
      const api = new CustomersApi(t.client);
      await api.get(someCustomerId); // first token
      const before = (await ctl.stats()).tokenExchanges;
      await ctl.advanceClock(2 * 3600); // the server now rejects that token with 401
      const results = await Promise.all(Array.from({ length: 50 }, () => api.get(someCustomerId)));
      expect(results.every((c) => c.id === someCustomerId)).toBe(true);
      expect((await ctl.stats()).tokenExchanges - before).toBe(1);
      expect(t.attemptsFor('GET', '/customers/').filter((a) => a.status === 401)).toHaveLength(50);
      expect(t.attemptsFor('POST', '/auth/token')).toHaveLength(2);
    });

    it('refreshes proactively before expiresAt: 50 concurrent callers share one exchange, none sees a 401', async () => {
      const t = testClient(sb);
      const api = new CustomersApi(t.client);
      await api.get(someCustomerId);
      const before = (await ctl.stats()).tokenExchanges;
      t.advance(HOUR - 30_000); // inside the refresh margin, not yet expired for the server
      await Promise.all(Array.from({ length: 50 }, () => api.get(someCustomerId)));
      expect((await ctl.stats()).tokenExchanges - before).toBe(1);
      expect(t.attempts.filter((a) => a.status === 401)).toHaveLength(0);
    });

    it('a failed refresh yields one error per caller from a single exchange attempt, and no loop', async () => {
      const t = testClient(sb);
      const api = new CustomersApi(t.client);
      await api.get(someCustomerId);
      await ctl.faults([{ method: 'POST', path: '^/auth/token$', action: 'error', status: 503 }]);
      t.advance(2 * HOUR);
      const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => api.get(someCustomerId)));
      expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
      const errors = outcomes.map((o) => (o as PromiseRejectedResult).reason as OmsError);
      expect(new Set(errors).size).toBe(1); // the one shared failure
      expect(errors[0]!.status).toBe(503);
      expect(t.attemptsFor('POST', '/auth/token')).toHaveLength(2); // the first token + one refresh attempt
      expect(t.attemptsFor('GET', '/customers/')).toHaveLength(1); // nobody went out without a token
    });

    it('rejected credentials surface once as a plain credentials error', async () => {
      const t = testClient(sb, { credentials: async () => ({ apiKey: 'sk_sdbx_wrongwrongwrong', apiSecret: 'nope-nope-nope' }) });
      const err = await rejection(new CustomersApi(t.client).get(someCustomerId));
      expect(err.kind).toBe('credentials');
      expect(err.message).toMatch(/rejected this profile's API key and secret \(401\)/);
      expect(t.attempts).toHaveLength(1);
    });

    it('on a 401 refreshes once and retries once; a second 401 is returned, not looped', async () => {
      const t = testClient(sb);
      const api = new CustomersApi(t.client);
      await api.get(someCustomerId);
      await ctl.faults([{ method: 'GET', path: '^/customers/cst_', action: 'error', status: 401 }]);
      const err = await rejection(api.get(someCustomerId));
      expect(err.status).toBe(401);
      expect(t.attemptsFor('GET', '/customers/').filter((a) => a.status === 401)).toHaveLength(2);
      expect(t.attemptsFor('POST', '/auth/token')).toHaveLength(2);
    });
  });

  describe('retries', () => {
    it('honours Retry-After on 429', async () => {
      const t = testClient(sb);
      await ctl.faults([{ method: 'GET', path: '^/customers$', action: 'rateLimit', retryAfterSec: 2, times: 1 }]);
      const page = await new CustomersApi(t.client).search({ limit: 2 });
      expect(page.items).toHaveLength(2);
      expect(t.sleeps).toEqual([2000]);
      expect(t.attemptsFor('GET', '/customers?').map((a) => a.status)).toEqual([429, 200]);
    });

    it('does not block on a Retry-After beyond the cap: the 429 surfaces with the wait', async () => {
      const t = testClient(sb);
      await ctl.faults([{ method: 'GET', path: '^/customers$', action: 'rateLimit', retryAfterSec: 600 }]);
      const err = await rejection(new CustomersApi(t.client).search({}));
      expect(err.status).toBe(429);
      expect(err.retryAfterSec).toBe(600);
      expect(toAppFailure(err).code).toBe('OMS_ERROR');
      expect(t.sleeps).toEqual([]);
    });

    it('retries a 5xx on POST with the same Idempotency-Key, and exactly one resource results', async () => {
      const t = testClient(sb);
      const api = new CustomersApi(t.client);
      const externalId = `idem-${randomUUID()}`;
      await ctl.faults([{ method: 'POST', path: '^/customers$', action: 'errorAfterCommit', status: 503, times: 1 }]);
      const created = await api.create({ type: 'individual', externalId, firstName: 'Ida' }, randomUUID());
      const posts = t.attemptsFor('POST', '/customers');
      expect(posts.map((a) => a.status)).toEqual([503, 201]);
      expect(new Set(posts.map((a) => a.idempotencyKey)).size).toBe(1);
      expect(posts[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
      const found = await api.search({ externalId });
      expect(found.items.map((c) => c.id)).toEqual([created.id]);
    });

    it('gives up after 3 attempts with full-jitter backoff between them', async () => {
      const t = testClient(sb, { random: () => 0.999 });
      await ctl.faults([{ method: 'GET', path: '^/customers$', action: 'error', status: 500 }]);
      const err = await rejection(new CustomersApi(t.client).search({}));
      expect(err.status).toBe(500);
      expect(err.message).toMatch(/after 3 attempts/);
      expect(t.attemptsFor('GET', '/customers').map((a) => a.attempt)).toEqual([1, 2, 3]);
      expect(t.sleeps).toEqual([249, 499]); // random · min(4 s, 250 ms · 2^(n-1))
    });

    it('never retries a 5xx on PATCH (no Idempotency-Key makes it safe)', async () => {
      const t = testClient(sb);
      await ctl.faults([{ method: 'PATCH', action: 'error', status: 502 }]);
      const err = await rejection(new CustomersApi(t.client).update(someCustomerId, { middleName: 'X' }));
      expect(err.status).toBe(502);
      expect(t.attemptsFor('PATCH', '/customers/')).toHaveLength(1);
    });

    it.each([400, 404, 422])('never retries a %i, on GET or on POST', async (status) => {
      const t = testClient(sb);
      await ctl.faults([{ path: '^/customers', action: 'error', status }]);
      const api = new CustomersApi(t.client);
      expect((await rejection(api.search({}))).status).toBe(status);
      expect((await rejection(api.create({ type: 'individual' }, randomUUID()))).status).toBe(status);
      expect(t.attempts.filter((a) => a.path.startsWith('/customers'))).toHaveLength(2);
      expect(t.sleeps).toEqual([]);
    });

    it('a real 404 and a real 422 from the sandbox are returned at once with OMS code and request id', async () => {
      const t = testClient(sb);
      const nf = await rejection(new CustomersApi(t.client).get('cst_doesnotexist000'));
      expect([nf.status, nf.omsCode]).toEqual([404, 'not_found']);
      expect(nf.requestId).toMatch(/^req_/);
      const bare = await new CustomersApi(t.client).create({ type: 'individual' }, randomUUID());
      const unp = await rejection(new WalletsApi(t.client).create(bare.id, { asset: 'usdc', chain: 'polygon' }, randomUUID()));
      expect(unp.status).toBe(422);
      expect(t.attemptsFor('POST', `/customers/${bare.id}/wallets`)).toHaveLength(1);
    });

    it('retries network failures on GET, not on PATCH', async () => {
      // The connection drops for the first two API calls (after the token exchange): a flaky network.
      let drops = 0;
      const flaky: typeof fetch = async (input, init) => {
        if (!String(input).endsWith('/auth/token') && drops < 2) {
          drops += 1;
          throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
        }
        return fetch(input, init);
      };
      const t = testClient(sb, { fetch: flaky });
      const api = new CustomersApi(t.client);
      expect((await api.get(someCustomerId)).id).toBe(someCustomerId);
      expect(t.attemptsFor('GET', '/customers/').map((a) => a.errorCode ?? a.status)).toEqual(['network', 'network', 200]);
      drops = 1;
      const err = await rejection(api.update(someCustomerId, { middleName: 'Y' }));
      expect(err.kind).toBe('network');
      expect(err.message).toMatch(/Could not reach OMS at 127\.0\.0\.1:\d+: socket hang up/);
      expect(toAppFailure(err).code).toBe('UNAVAILABLE');
      expect(t.attemptsFor('PATCH', '/customers/')).toHaveLength(1);
    });

    it('an unreachable OMS is a typed UNAVAILABLE error', async () => {
      const t = testClient({ ...sb, baseUrl: 'http://127.0.0.1:9/v0.9' });
      const err = await rejection(new CustomersApi(t.client).search({}));
      expect(err.kind).toBe('network');
      expect(toAppFailure(err).code).toBe('UNAVAILABLE');
    });
  });

  describe('timeouts, cancellation, malformed answers', () => {
    it('a hung request times out with a typed TIMEOUT error', async () => {
      const t = testClient(sb, { timeoutMs: 300 });
      const api = new CustomersApi(t.client);
      await api.get(someCustomerId);
      await ctl.faults([{ method: 'GET', path: '^/customers/cst_', action: 'hang' }]);
      const err = await rejection(api.get(someCustomerId));
      expect(err.kind).toBe('timeout');
      expect(err.message).toMatch(/did not answer GET \/customers\/cst_\w+ within 300 ms/);
      expect(toAppFailure(err).code).toBe('TIMEOUT');
      expect(t.attemptsFor('GET', '/customers/').slice(1).map((a) => a.errorCode)).toEqual(['timeout', 'timeout', 'timeout']);
    });

    it('the caller can cancel a request in flight', async () => {
      const t = testClient(sb);
      const api = new CustomersApi(t.client);
      await api.get(someCustomerId);
      await ctl.faults([{ method: 'GET', path: '^/customers/cst_', action: 'hang' }]);
      const ac = new AbortController();
      const pending = api.get(someCustomerId, ac.signal);
      setTimeout(() => ac.abort(), 50);
      const err = await rejection(pending);
      expect(err.kind).toBe('cancelled');
      expect(t.attemptsFor('GET', '/customers/')).toHaveLength(2); // not retried
    });

    it.each([
      // Only the id is required: the documented examples leave out status, type, createdAt… (oms-api.md §3).
      ['a missing required field', { remove: ['id'] }, 'id'],
      ['a wrong type', { set: { status: 42 } }, 'status'],
      ['a malformed id', { set: { id: 42 } }, 'id'],
    ])('%s becomes a typed OMS_ERROR naming the field', async (_label, malformed, field) => {
      const t = testClient(sb);
      await ctl.faults([{ method: 'GET', path: '^/customers/cst_', action: 'malformed', malformed }]);
      const err = await rejection(new CustomersApi(t.client).get(someCustomerId));
      expect(err.kind).toBe('malformed');
      expect(err.field).toBe(field);
      expect(err.message).toContain(field);
      const failure = toAppFailure(err);
      expect(failure.code).toBe('OMS_ERROR');
      expect(failure.details).toMatchObject({ field, status: 200 });
    });

    it('names the item of a malformed list, and tolerates unknown extra fields', async () => {
      const t = testClient(sb);
      await ctl.faults([{ method: 'GET', path: '^/customers$', action: 'malformed', times: 1, malformed: { remove: ['id'] } }]);
      const err = await rejection(new CustomersApi(t.client).search({ limit: 2 }));
      expect(err.field).toBe('data.0.id');
      await ctl.faults([{ method: 'GET', path: '^/customers$', action: 'malformed', times: 1, malformed: { set: { brandNewField: { x: 1 } } } }]);
      const ok = await new CustomersApi(t.client).search({ limit: 2 });
      expect(ok.items).toHaveLength(2);
    });
  });
});
