import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src-sandbox/index.ts';
import type { Client} from '../unit/sandbox/support/harness.ts';
import { setup } from '../unit/sandbox/support/harness.ts';

describe('Idempotency-Key semantics', () => {
  let sb: SandboxHandle;
  let api: Client;
  let ctl: Client;
  beforeAll(async () => ({ sb, api, ctl } = await setup()));
  afterAll(() => sb.close());

  it('same key + same body replays the stored response with Idempotent-Replayed', async () => {
    const first = await api.post('/customers', { type: 'individual', firstName: 'Once' }, 'replay-1');
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // Same meaning, different key order: still a replay.
    const again = await api.post('/customers', { firstName: 'Once', type: 'individual' }, 'replay-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('request-id')).not.toBe(first.headers.get('request-id'));
    const found = await api.get('/customers?q=once');
    expect(found.body.data).toHaveLength(1);
  });

  it('same key + different body → 422', async () => {
    await api.post('/customers', { type: 'individual', firstName: 'A' }, 'mismatch-1');
    const r = await api.post('/customers', { type: 'individual', firstName: 'B' }, 'mismatch-1');
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('idempotency_key_reused');
  });

  it('same key while the first is in flight → 409', async () => {
    await ctl.raw('PUT', '/faults', { body: { rules: [{ method: 'POST', path: '^/customers$', action: 'latency', latencyMs: 400, times: 1 }] } });
    const slow = api.post('/customers', { type: 'individual', firstName: 'Slow' }, 'inflight-1');
    await new Promise((r) => setTimeout(r, 100));
    const dup = await api.post('/customers', { type: 'individual', firstName: 'Slow' }, 'inflight-1');
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('conflict');
    expect((await slow).status).toBe(201);
    const after = await api.post('/customers', { type: 'individual', firstName: 'Slow' }, 'inflight-1');
    expect(after.headers.get('idempotent-replayed')).toBe('true');
    await ctl.raw('DELETE', '/faults');
  });

  it('keys are scoped per path, failures are not recorded, and records expire after 24 h', async () => {
    const a = await api.post('/customers', { type: 'individual' }, 'scoped-1');
    const hook = await api.post('/webhooks', { url: 'http://127.0.0.1:9/x' }, 'scoped-1');
    expect(a.status).toBe(201);
    expect(hook.status).toBe(201);

    const refused = await api.post(`/customers/${a.body.id}/wallets`, { asset: 'usdc', chain: 'polygon' }, 'retry-after-fix');
    expect(refused.status).toBe(422);
    await ctl.post(`/customers/${a.body.id}/endorsements/basic/decision`, { decision: 'approve' });
    await ctl.post(`/customers/${a.body.id}/endorsements/cryptoCustody/decision`, { decision: 'approve' });
    const fixed = await api.post(`/customers/${a.body.id}/wallets`, { asset: 'usdc', chain: 'polygon' }, 'retry-after-fix');
    expect(fixed.status).toBe(201);

    await api.post('/customers', { type: 'individual', firstName: 'Ttl' }, 'ttl-1');
    await ctl.post('/clock/advance', { seconds: 25 * 3600 });
    await api.login(); // the old token expired with the jump
    const fresh = await api.post('/customers', { type: 'individual', firstName: 'Ttl' }, 'ttl-1');
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
    expect((await api.get('/customers?q=ttl')).body.data).toHaveLength(2);
  });
});
