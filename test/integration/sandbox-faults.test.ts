/* eslint-disable @typescript-eslint/no-explicit-any -- tests read untyped JSON bodies straight off the wire */
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src-sandbox/index.ts';
import type { Client} from '../unit/sandbox/support/harness.ts';
import { setup, startReceiver, waitFor } from '../unit/sandbox/support/harness.ts';

describe('fault injection', () => {
  let sb: SandboxHandle;
  let api: Client;
  let ctl: Client;
  beforeAll(async () => ({ sb, api, ctl } = await setup()));
  afterAll(() => sb.close());
  afterEach(async () => {
    await ctl.raw('DELETE', '/faults');
  });
  const faults = (body: unknown) => ctl.raw('PUT', '/faults', { body });

  it('error: answers the status without processing, `times` limits it', async () => {
    await faults({ rules: [{ method: 'POST', path: '^/customers$', action: 'error', status: 503, times: 1 }] });
    const before = (await api.get('/customers?limit=100')).body.data.length;
    const r = await api.post('/customers', { type: 'individual' }, 'fault-error-1');
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('service_unavailable');
    expect((await api.get('/customers?limit=100')).body.data.length).toBe(before);
    const retry = await api.post('/customers', { type: 'individual' }, 'fault-error-1');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
  });

  it('errorAfterCommit: the change is committed, the response lost, and a retry replays it', async () => {
    await faults({ rules: [{ path: '^/customers$', method: 'POST', action: 'errorAfterCommit', times: 1 }] });
    const lost = await api.post('/customers', { type: 'individual', firstName: 'Lost' }, 'fault-commit-1');
    expect(lost.status).toBe(500);
    const found = (await api.get('/customers?q=lost')).body.data;
    expect(found).toHaveLength(1);
    const retry = await api.post('/customers', { type: 'individual', firstName: 'Lost' }, 'fault-commit-1');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(found[0].id);
  });

  it('rateLimit: 429 with the given Retry-After', async () => {
    await faults({ rules: [{ method: 'GET', action: 'rateLimit', retryAfterSec: 7, times: 2 }] });
    const a = await api.get('/customers');
    const b = await api.get('/webhooks');
    expect([a.status, b.status]).toEqual([429, 429]);
    expect(a.headers.get('retry-after')).toBe('7');
    expect((await api.get('/customers')).status).toBe(200);
  });

  it('latency delays, hang never answers, probability 0 never fires', async () => {
    await faults({ rules: [{ path: '^/customers$', method: 'GET', action: 'latency', latencyMs: 250 }] });
    const t = Date.now();
    expect((await api.get('/customers')).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(240);

    await faults({ rules: [{ path: '^/webhooks', action: 'hang' }, { path: '^/customers', action: 'error', probability: 0 }] });
    await expect(api.raw('GET', '/webhooks', { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    // probability 0: the error rule never fires (a 200, not the injected 500). No upper time bound:
    // on a shared 2-core machine that would be a flaky timed test.
    for (let i = 0; i < 20; i++) expect((await api.get('/customers')).status).toBe(200);
  });

  it('a caller gone during the delay gets no work done for it (a cancelled create creates nothing)', async () => {
    await faults({ rules: [{ path: '^/customers$', method: 'POST', action: 'latency', latencyMs: 300 }] });
    const name = `Gone${Date.now()}`;
    await expect(api.raw('POST', '/customers', { body: { type: 'individual', firstName: name }, idem: `gone-${name}`, signal: AbortSignal.timeout(60) })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 500));
    expect((await api.get(`/customers?q=${name.toLowerCase()}`)).body.data).toHaveLength(0);
    // The same request, waited for, is done.
    expect((await api.post('/customers', { type: 'individual', firstName: name }, `kept-${name}`)).status).toBe(201);
  });

  it('malformed: removes and sets fields on objects and on each list item', async () => {
    const c = (await api.post('/customers', { type: 'individual', firstName: 'Mal' })).body;
    await faults({ rules: [{ method: 'GET', path: '^/customers', action: 'malformed', malformed: { remove: ['id', 'endorsements'], set: { status: 'ACTIVE', extra: 1 } } }] });
    const one = (await api.get(`/customers/${c.id}`)).body;
    expect(one.id).toBeUndefined();
    expect(one.endorsements).toBeUndefined();
    expect(one).toMatchObject({ status: 'ACTIVE', extra: 1, firstName: 'Mal' });
    const list = (await api.get('/customers?limit=3')).body;
    expect(list.hasMore).toBeDefined();
    expect(list.data.every((x: any) => x.id === undefined && x.status === 'ACTIVE')).toBe(true);
  });

  it('faults never apply to /_sandbox paths', async () => {
    await faults({ rules: [{ action: 'error', status: 500 }] });
    expect((await ctl.get('/stats')).status).toBe(200);
    expect((await api.get('/customers')).status).toBe(500);
  });

  it('webhook faults: duplicates, timestamp skew, delay and out-of-order delivery', async () => {
    const rx = await startReceiver();
    try {
      const hook = (await api.post('/webhooks', { url: rx.url, events: ['customer.created'] })).body;
      await faults({ webhooks: { duplicate: 2, timestampSkewSec: -600 } });
      await api.post('/customers', { type: 'individual' });
      await waitFor(() => rx.received.length >= 3, 3000, 'three copies');
      expect(new Set(rx.received.map((r) => r.json.id)).size).toBe(1);
      const r0 = rx.received[0]!;
      const ts = Number(r0.headers['webhook-timestamp']);
      expect(Date.now() / 1000 - ts).toBeGreaterThan(590);
      // The skewed timestamp is still signed correctly: only its age is wrong.
      const mac = createHmac('sha256', Buffer.from(hook.secret.slice(6), 'hex')).update(`${r0.json.id}.${ts}.${r0.raw}`).digest('base64');
      expect(r0.headers['webhook-signature']).toBe(`v1,${mac}`);

      rx.received.length = 0;
      await faults({ webhooks: { delayMs: 300, outOfOrder: true } });
      const t = Date.now();
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push((await api.post('/customers', { type: 'individual' })).body.id);
      await waitFor(() => rx.received.length >= 4, 3000, 'four deliveries');
      expect(rx.received[0]!.at - t).toBeGreaterThanOrEqual(250);
      const order = rx.received.map((r) => r.json.data.object.id);
      expect(order).not.toEqual(ids);
      expect([...order].sort()).toEqual([...ids].sort());
    } finally {
      await rx.close();
    }
  });
});
