/* eslint-disable @typescript-eslint/no-explicit-any -- tests read untyped JSON bodies straight off the wire */
import { afterAll, describe, expect, it } from 'vitest';
import { Client, control, FULL_CUSTOMER, startReceiver, startTestSandbox, statuses, tempDir, waitFor } from '../unit/sandbox/support/harness.ts';

describe('persistence across restarts (same dataDir)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('keeps customers, wallets, webhooks and secrets, idempotency records, pending retries and the clock', async () => {
    let up = true;
    const receiver = await startReceiver(() => (up ? 200 : 503));
    try {
      let sb = await startTestSandbox({ dataDir: tmp.dir, retryScale: 0.01 });
      let api = new Client(sb.baseUrl);
      await api.login();
      const hook = (await api.post('/webhooks', { url: receiver.url, events: ['wallet.*'] })).body;
      const c = (await api.post('/customers', FULL_CUSTOMER, 'persist-customer')).body;
      await waitFor(async () => statuses((await api.get(`/customers/${c.id}`)).body).cryptoCustody === 'active', 5000, 'granted');
      const w = (await api.post(`/customers/${c.id}/wallets`, { asset: 'usdc', chain: 'polygon' })).body;
      await waitFor(() => receiver.received.some((r) => r.json.type === 'wallet.created'), 3000, 'wallet.created');
      await control(sb).post('/clock/advance', { seconds: 10 });

      up = false;
      await control(sb).post(`/wallets/${w.id}/deposit`, { amount: '5.00' });
      await waitFor(() => receiver.received.some((r) => r.json.type === 'wallet.depositDetected'), 3000, 'first failing attempt');
      // Second attempt comes 50 ms later (5 s × 0.01); the third 3 s later: close before it.
      await waitFor(async () => {
        const d = (await control(sb).get(`/deliveries?webhookId=${hook.id}`)).body.data.find((x: any) => x.attempts >= 2);
        return d && d.status === 'pending' ? d : null;
      }, 3000, 'two failed attempts');
      await sb.close();

      up = true;
      const before = receiver.received.length;
      sb = await startTestSandbox({ dataDir: tmp.dir, retryScale: 0.01 });
      expect(sb.generatedCredentials).toBeNull();
      api = new Client(sb.baseUrl);
      await api.login();
      expect((await control(sb).get('/clock')).body.offsetMs).toBe(10_000);
      const again = (await api.get(`/customers/${c.id}`)).body;
      expect(again.email).toBe(FULL_CUSTOMER.email);
      expect(again.wallets[0]).toMatchObject({ id: w.id, balance: '5.00' });
      expect((await api.get(`/webhooks/${hook.id}`)).body.url).toBe(receiver.url);
      const replay = await api.post('/customers', FULL_CUSTOMER, 'persist-customer');
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body.id).toBe(c.id);

      await control(sb).post('/clock/advance', { seconds: 60 }); // make the 3rd attempt due now
      const delivered = await waitFor(() => receiver.received.slice(before).find((r) => r.json.type === 'wallet.depositDetected'), 5000, 'retry after restart');
      expect(delivered.json.data.object.balance).toBe('5.00');
      await waitFor(async () => {
        const d = (await control(sb).get(`/deliveries?webhookId=${hook.id}`)).body.data.find((x: any) => x.eventId === delivered.json.id);
        return d?.status === 'succeeded' ? d : null;
      }, 3000, 'delivery marked succeeded');
      const log = (await control(sb).get(`/deliveries?eventId=${delivered.json.id}`)).body.data[0];
      expect(log.attemptLog.map((a: any) => a.statusCode)).toEqual([503, 503, 200]);
      await sb.close();
    } finally {
      await receiver.close();
    }
  });
});
