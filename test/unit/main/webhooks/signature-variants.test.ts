import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hmacVariants, SIGNATURE_VARIANT_NAMES, signWithVariant } from '../../../../src-main/webhooks/signature-verifier.ts';
import { post, SECRET, settle, startConsole, tempDir, type Console } from './harness.ts';

// A receiver that survives the unknowns, through the real listener and SQLite.

const WRONG = `whsec_${'c3'.repeat(32)}`;
const now = () => Math.floor(Date.now() / 1000);

/** Headers for a delivery signed in `variant`; the t= layout carries no Webhook-Id (none is documented). */
function signedAs(variant: string, id: string, body: string, secret = SECRET): Record<string, string> {
  const ts = now();
  const sig = signWithVariant(variant, secret, id, ts, body);
  return sig.startsWith('t=')
    ? { 'content-type': 'application/json', 'webhook-signature': sig }
    : { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': sig };
}

const event = (id: string, type: string, object: Record<string, unknown>) => JSON.stringify({ id, object: 'event', type, createdAt: new Date().toISOString(), data: { object } });

describe('signature variants', () => {
  let tmp: ReturnType<typeof tempDir>;
  let c: Console;
  const fetched: string[] = [];
  beforeEach(async () => {
    tmp = tempDir();
    fetched.length = 0;
    c = await startConsole(tmp.dir, {
      refetchCustomer: async (id) => {
        fetched.push(id);
        const { customerView } = await import('./harness.ts');
        return customerView(id);
      },
    });
  });
  afterEach(async () => {
    await c.stop();
    tmp.remove();
  });

  it('lists eight named variants, standard-webhooks-v1 first', () => {
    expect(SIGNATURE_VARIANT_NAMES[0]).toBe('standard-webhooks-v1');
    expect(new Set(SIGNATURE_VARIANT_NAMES).size).toBe(8);
  });

  it.each(SIGNATURE_VARIANT_NAMES)('a delivery signed with %s verifies over HTTP and names its variant', async (variant) => {
    const id = `evt_${variant.replace(/-/g, '_')}`;
    const body = event(id, 'customer.updated', { id: 'cst_v', object: 'customer' });
    const r = await post(c, signedAs(variant, id, body), body);
    expect(r.status, r.body).toBe(200);
    const [row] = c.subsystem.inbox.listRecords({ limit: 1 }).items;
    expect(row).toMatchObject({ verdict: 'verified', variant, applied: true, eventId: id, customerId: 'cst_v' });
  });

  it.each(SIGNATURE_VARIANT_NAMES)('a wrong secret fails %s (and every other variant)', async (variant) => {
    const id = 'evt_wrong';
    const body = event(id, 'customer.updated', { id: 'cst_v' });
    const headers = signedAs(variant, id, body, WRONG);
    const direct = hmacVariants.verify({ headers, rawBody: Buffer.from(body), secrets: [SECRET], nowSec: now() });
    expect(direct).toMatchObject({ verdict: 'bad_signature', variant: null });
    const r = await post(c, headers, body);
    expect(r.status).toBe(400);
    expect(c.subsystem.inbox.listRecords({ limit: 1 }).items[0]).toMatchObject({ verdict: 'bad_signature', variant: null, applied: false });
  });

  it('no secret at all: every variant answers unknown_secret', () => {
    for (const v of SIGNATURE_VARIANT_NAMES) {
      const body = event('evt_n', 'customer.updated', {});
      expect(hmacVariants.verify({ headers: signedAs(v, 'evt_n', body), rawBody: Buffer.from(body), secrets: [], nowSec: now() }).verdict).toBe('unknown_secret');
    }
  });

  it('a pinned variant is the only one accepted; an unknown pin is refused', async () => {
    await c.subsystem.configure({ signatureVariant: 'timestamped-v1' });
    const body = event('evt_pin1', 'customer.updated', { id: 'cst_p' });
    expect((await post(c, signedAs('standard-webhooks-v1', 'evt_pin1', body), body)).status).toBe(400);
    const b2 = event('evt_pin2', 'customer.updated', { id: 'cst_p' });
    expect((await post(c, signedAs('timestamped-v1', 'evt_pin2', b2), b2)).status).toBe(200);
    await expect(c.subsystem.configure({ signatureVariant: 'rot13' })).rejects.toThrow(/unknown signature variant/);
    expect(c.subsystem.config.get('local').signatureVariant).toBe('timestamped-v1');
  });

  it('without Webhook-Id, duplicates apply once (event id, else type + object id + status)', async () => {
    const body = event('evt_nohdr', 'customer.endorsement.granted', { id: 'cst_d', status: 'active' });
    const first = await post(c, signedAs('timestamped-v1', 'x', body), body);
    const again = await post(c, signedAs('timestamped-v1', 'x', body), body);
    expect(JSON.parse(first.body)).toMatchObject({ received: true, duplicate: false });
    expect(JSON.parse(again.body)).toMatchObject({ received: true, duplicate: true });
    // A bare object without an event id: type|id|status is the key.
    const bare = JSON.stringify({ type: 'customer.updated', id: 'cst_b', status: 'active', email: 'x@example.com' });
    const b1 = await post(c, signedAs('timestamped-v1', 'x', bare), bare);
    const b2 = await post(c, signedAs('timestamped-v1', 'x', bare), bare);
    expect([JSON.parse(b1.body).duplicate, JSON.parse(b2.body).duplicate]).toEqual([false, true]);
    await settle(c);
    expect(fetched.filter((id) => id === 'cst_d')).toHaveLength(1);
    expect(fetched.filter((id) => id === 'cst_b')).toHaveLength(1);
  });

  it('a bare-object payload applies: the customer is re-fetched', async () => {
    const bare = JSON.stringify({ type: 'customer.endorsement.granted', id: 'cst_top', status: 'active' });
    expect((await post(c, signedAs('standard-webhooks-v1', 'evt_bare', bare), bare)).status).toBe(200);
    await settle(c);
    expect(fetched).toEqual(['cst_top']);
    expect(c.subsystem.inbox.listRecords({ limit: 1 }).items[0]).toMatchObject({ customerId: 'cst_top', applied: true });
  });

  it('routes by family prefix: sender/recipient customers are re-fetched, unknown families are stored without effect', async () => {
    const txn = event('evt_txn', 'transaction.completed', { id: 'txn_1', sender: { customerId: 'cst_s' }, recipient: 'cst_r', destination: { walletId: 'wlt_9' } });
    expect((await post(c, signedAs('standard-webhooks-v1', 'evt_txn', txn), txn)).status).toBe(200);
    const other = event('evt_other', 'payout.sent', { id: 'po_1', customerId: 'cst_z' });
    expect((await post(c, signedAs('standard-webhooks-v1', 'evt_other', other), other)).status).toBe(200);
    await settle(c);
    // Customers nobody has open are re-fetched by the paced background queue (4/s): wait for it.
    for (let i = 0; i < 100 && fetched.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(fetched.sort()).toEqual(['cst_r', 'cst_s']);
    expect(c.pushes.find((p) => p.name === 'event.wallets.changed')?.payload).toMatchObject({ walletId: 'wlt_9', cause: 'transaction.completed' });
    expect(c.subsystem.inbox.pending()).toHaveLength(0);
  });
});
