/* eslint-disable @typescript-eslint/no-explicit-any -- tests read untyped JSON bodies straight off the wire */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src-sandbox/index.ts';
import type { Client} from '../unit/sandbox/support/harness.ts';
import { FULL_CUSTOMER, setup, startReceiver, waitFor } from '../unit/sandbox/support/harness.ts';

describe('webhook delivery', () => {
  let sb: SandboxHandle;
  let api: Client;
  let ctl: Client;
  const receivers: { close(): Promise<void> }[] = [];
  beforeAll(async () => ({ sb, api, ctl } = await setup()));
  afterAll(async () => {
    await sb.close();
    await Promise.all(receivers.map((r) => r.close()));
  });
  afterEach(async () => {
    // Each test owns its endpoints: disable the previous ones so they stop receiving.
    for (const w of (await api.get('/webhooks?limit=100')).body.data) await api.raw('DELETE', `/webhooks/${w.id}`);
  });

  async function receiver(respond?: Parameters<typeof startReceiver>[0]) {
    const r = await startReceiver(respond);
    receivers.push(r);
    return r;
  }

  it('retries on the (compressed) schedule until a 2xx, logging every attempt', async () => {
    const rx = await receiver((_r, n) => (n <= 3 ? 500 : 204));
    const hook = (await api.post('/webhooks', { url: rx.url, events: ['customer.created'] })).body;
    const c = (await api.post('/customers', { type: 'individual' })).body;
    await waitFor(() => rx.received.length >= 4, 8000, 'four attempts');
    const d = await waitFor(async () => {
      const list = (await ctl.get(`/deliveries?webhookId=${hook.id}`)).body.data;
      return list[0]?.status === 'succeeded' ? list[0] : null;
    }, 3000, 'succeeded');
    expect(d.attempts).toBe(4);
    expect(d.attemptLog.map((a: any) => a.statusCode)).toEqual([500, 500, 500, 204]);
    expect(d.attemptLog.map((a: any) => a.attemptNo)).toEqual([1, 2, 3, 4]);
    expect(d.attemptLog[0].nextAttemptAt).not.toBeNull();
    expect(d.attemptLog[3].nextAttemptAt).toBeNull();
    expect(d.attemptLog.every((a: any) => typeof a.durationMs === 'number')).toBe(true);
    // Gaps follow the schedule ×0.001: 5 ms, 300 ms, 1.8 s.
    const gaps = rx.received.slice(1).map((r, i) => r.at - rx.received[i]!.at);
    expect(gaps[1]!).toBeGreaterThanOrEqual(250);
    expect(gaps[2]!).toBeGreaterThanOrEqual(1500);
    expect(new Set(rx.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([rx.received[0]!.json.id]));
    expect(rx.received[0]!.json.data.object.id).toBe(c.id);
  });

  it('a 410 disables the endpoint and cancels its pending deliveries', async () => {
    const rx = await receiver(() => 410);
    const hook = (await api.post('/webhooks', { url: rx.url })).body;
    await api.post('/customers', { type: 'individual' });
    const disabled = await waitFor(async () => {
      const w = (await api.get(`/webhooks/${hook.id}`)).body;
      return w.status === 'disabled' ? w : null;
    }, 3000, 'disabled');
    expect(disabled.enabled).toBe(false);
    const n = rx.received.length;
    await api.post('/customers', { type: 'individual' });
    await new Promise((r) => setTimeout(r, 100));
    expect(rx.received.length).toBe(n);
    // Re-enabling brings it back.
    const re = await api.patch(`/webhooks/${hook.id}`, { enabled: true });
    expect(re.body).toMatchObject({ enabled: true, status: 'active', disabledReason: null });
  });

  it('filters by event type and keeps underReview for complianceOnly endpoints', async () => {
    const plain = await receiver();
    const compliance = await receiver();
    await api.post('/webhooks', { url: plain.url, events: ['customer.endorsement.*'] });
    const refused = await api.post('/webhooks', { url: compliance.url, complianceOnly: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('admin API');
    const hook = await api.post('/webhooks', { url: compliance.url });
    expect(hook.body.complianceOnly).toBe(false);
    expect((await ctl.raw('PUT', `/webhooks/${hook.body.id}/compliance-only`, { body: { complianceOnly: true } })).status).toBe(200);
    expect((await api.get(`/webhooks/${hook.body.id}`)).body.complianceOnly).toBe(true);
    expect((await api.patch(`/webhooks/${hook.body.id}`, { complianceOnly: false })).status).toBe(400);
    const c = (await api.post('/customers', { ...FULL_CUSTOMER, lastName: 'Review' })).body;
    await waitFor(() => compliance.received.some((r) => r.json.type === 'customer.endorsement.underReview'), 3000, 'underReview');
    await ctl.post(`/customers/${c.id}/endorsements/basic/decision`, { decision: 'approve' });
    await waitFor(() => plain.received.some((r) => r.json.type === 'customer.endorsement.granted'), 3000, 'granted');
    expect(plain.received.every((r) => r.json.type.startsWith('customer.endorsement.'))).toBe(true);
    expect(plain.received.some((r) => r.json.type === 'customer.endorsement.underReview')).toBe(false);
    expect(compliance.received.some((r) => r.json.type === 'customer.created')).toBe(true);
  });

  it('redeliver and events/send re-send the same event id, freshly signed', async () => {
    const rx = await receiver();
    const hook = (await api.post('/webhooks', { url: rx.url, events: ['customer.created'] })).body;
    await api.post('/customers', { type: 'individual' });
    const first = await waitFor(() => rx.received[0], 3000, 'first delivery');
    const deliveries = (await ctl.get(`/deliveries?webhookId=${hook.id}`)).body.data;
    const re = await ctl.post(`/deliveries/${deliveries[0].id}/redeliver`, {});
    expect(re.status).toBe(201);
    await waitFor(() => rx.received.length >= 2, 3000, 'redelivery');
    expect(rx.received[1]!.json.id).toBe(first.json.id);
    expect(rx.received[1]!.raw).toBe(first.raw);

    const sent = await ctl.post(`/events/${first.json.id}/send`, { times: 3, concurrent: true });
    expect(sent.body.sent).toBe(3);
    expect(rx.received.length).toBe(5);
    expect(new Set(rx.received.map((r) => r.json.id)).size).toBe(1);
    expect((await ctl.post('/events/evt_missing/send', {})).status).toBe(404);

    const events = (await ctl.get('/events?type=customer.created&limit=5')).body.data;
    expect(events[0]).toMatchObject({ object: 'event', type: 'customer.created' });
  });

  it('paused endpoints (enabled:false) get nothing; DELETE removes', async () => {
    const rx = await receiver();
    const hook = (await api.post('/webhooks', { url: rx.url, enabled: false })).body;
    await api.post('/customers', { type: 'individual' });
    await new Promise((r) => setTimeout(r, 80));
    expect(rx.received).toHaveLength(0);
    const del = await api.raw('DELETE', `/webhooks/${hook.id}`);
    expect(del.body).toEqual({ id: hook.id, object: 'webhook', deleted: true });
    expect((await api.get(`/webhooks/${hook.id}`)).status).toBe(404);
  });
});
