/* eslint-disable @typescript-eslint/no-explicit-any -- tests read untyped JSON bodies straight off the wire */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src-sandbox/index.ts';
import { Client, CREDS, control, FULL_CUSTOMER, startReceiver, startTestSandbox, statuses, waitFor } from '../unit/sandbox/support/harness.ts';

/**
 * Verifier written from contract §7 alone (deliberately not importing the sandbox's signer):
 * key = bytes of the hex after "whsec_"; signed content = "{id}.{timestamp}.{rawBody}";
 * header "v1,<base64 HMAC-SHA256>", possibly several space-separated; timestamp within 300 s.
 */
function verify(secret: string, headers: Record<string, string | string[] | undefined>, rawBody: string, nowSec = Date.now() / 1000): boolean {
  const id = String(headers['webhook-id'] ?? '');
  const ts = String(headers['webhook-timestamp'] ?? '');
  const sigHeader = String(headers['webhook-signature'] ?? '');
  if (!id || !/^\d+$/.test(ts) || Math.abs(nowSec - Number(ts)) > 300) return false;
  const key = Buffer.from(secret.slice('whsec_'.length), 'hex');
  const expected = createHmac('sha256', key).update(`${id}.${ts}.${rawBody}`).digest();
  return sigHeader.split(' ').some((entry) => {
    const [version, sig] = entry.split(',');
    if (version !== 'v1' || !sig) return false;
    const given = Buffer.from(sig, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

describe('onboarding guide, walked by a plain HTTP client', () => {
  let sb: SandboxHandle;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    sb = await startTestSandbox();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await sb.close();
    await receiver.close();
  });

  it('token → customer → signed endorsement webhooks → wallet → deposit → balance', async () => {
    const api = new Client(sb.baseUrl);
    const token = await api.raw('POST', '/auth/token', { body: CREDS, auth: false });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ tokenType: 'bearer', expiresIn: 3600 });
    expect(Date.parse(token.body.expiresAt)).toBeGreaterThan(Date.now());
    api.token = token.body.accessToken;

    const hook = await api.post('/webhooks', { url: receiver.url });
    expect(hook.status).toBe(201);
    const secret: string = hook.body.secret;
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect((await api.get(`/webhooks/${hook.body.id}`)).body.secret).toBeNull();

    const created = await api.post('/customers', FULL_CUSTOMER);
    expect(created.status).toBe(201);
    expect(created.headers.get('request-id')).toMatch(/^req_/);
    const id: string = created.body.id;
    expect(id).toMatch(/^cst_/);
    expect(statuses(created.body)).toEqual({ basic: 'pending', cryptoCustody: 'pending', usd: 'pending' });

    const granted = await waitFor(
      () => receiver.received.filter((r) => r.json.type === 'customer.endorsement.granted' && r.json.data.object.id === id).length >= 3,
      5000,
      'three granted webhooks',
    );
    expect(granted).toBe(true);
    for (const r of receiver.received) {
      expect(verify(secret, r.headers, r.raw)).toBe(true);
      expect(r.headers['webhook-id']).toBe(r.json.id);
      expect(r.json).toMatchObject({ object: 'event', data: { object: { object: 'customer' } } });
      // A tampered body must fail the same verifier: proves it really checks something.
      expect(verify(secret, r.headers, r.raw.replace('customer', 'customeR'))).toBe(false);
    }
    const types = receiver.received.map((r) => r.json.type);
    expect(types).toContain('customer.created');
    expect(types.filter((t) => t === 'customer.endorsement.pending')).toHaveLength(3);
    expect(types).not.toContain('customer.endorsement.underReview');

    const customer = await api.get(`/customers/${id}`);
    expect(statuses(customer.body)).toEqual({ basic: 'active', cryptoCustody: 'active', usd: 'active' });

    const wallet = await api.post(`/customers/${id}/wallets`, { asset: 'usdc', chain: 'polygon' });
    expect(wallet.status).toBe(201);
    expect(wallet.body).toMatchObject({ object: 'wallet', customerId: id, asset: 'usdc', chain: 'polygon', status: 'active' });
    expect(wallet.body.address).toMatch(/^0x[0-9a-f]{40}$/);

    const dep = await control(sb).post(`/wallets/${wallet.body.id}/deposit`, { amount: '12.34' });
    expect(dep.status).toBe(201);
    const balance = await api.get(`/wallets/${wallet.body.id}/balance`);
    expect(balance.body).toEqual({
      object: 'walletBalance', walletId: wallet.body.id, asset: 'usdc', network: 'polygon', balance: '12.34',
      estimatedBalance: '12.34', estimatedBalanceCurrencyCode: 'USD', updatedAt: expect.any(String),
    });
    const custBalance = await api.get(`/customers/${id}/balance?estimatedBalanceCurrencyCode=EUR`);
    // 12.34 × 0.92 = 11.3528, rounded half-up to cents.
    expect(custBalance.body).toMatchObject({ object: 'customerBalance', customerId: id, estimatedBalanceCurrencyCode: 'EUR', estimatedBalance: '11.35' });
    expect(custBalance.body.balances).toEqual([expect.objectContaining({ walletId: wallet.body.id, balance: '12.34', estimatedBalance: '11.35' })]);

    const detected = await waitFor(() => receiver.received.find((r) => r.json.type === 'wallet.depositDetected'), 5000, 'deposit webhook');
    expect(verify(secret, detected.headers, detected.raw)).toBe(true);
    expect(detected.json.data.object).toMatchObject({ id: wallet.body.id, balance: '12.34' });

    const txns = await api.get(`/accounts/${wallet.body.id}/transactions`);
    expect(txns.body.data).toHaveLength(1);
    expect(txns.body.data[0]).toMatchObject({
      object: 'transaction', type: 'cryptoToCrypto', status: 'completed', recipient: id,
      destination: { asset: 'usdc', network: 'polygon', amountGross: '12.34', amountNet: '12.34', wallet: { id: wallet.body.id }, txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) },
    });
    expect(txns.body.data[0]).not.toHaveProperty('amount');
    const embedded = (await api.get(`/customers/${id}`)).body.wallets[0];
    expect(embedded).toMatchObject({ id: wallet.body.id, type: 'custodial', network: 'polygon', balance: '12.34', estimatedValueUsd: '12.34' });
  });

  it('a customer with no identifying fields stays incomplete and cannot get a wallet', async () => {
    const api = new Client(sb.baseUrl);
    await api.login();
    const created = await api.post('/customers', { type: 'individual' });
    expect(created.status).toBe(201);
    expect(statuses(created.body)).toEqual({ basic: 'incomplete', cryptoCustody: 'incomplete', usd: 'incomplete' });
    const basic = created.body.endorsements.find((e: any) => e.name === 'basic');
    expect(basic.requirements.missing).toEqual(expect.arrayContaining(['firstName', 'lastName', 'birthDate', 'residentialAddress', 'nationality', 'signedAgreement']));
    const crypto = created.body.endorsements.find((e: any) => e.name === 'cryptoCustody');
    expect(crypto.requirements.missing).toEqual(expect.arrayContaining(['basic', 'email', 'phone']));
    await new Promise((r) => setTimeout(r, 120));
    expect(statuses((await api.get(`/customers/${created.body.id}`)).body).basic).toBe('incomplete');
    const wallet = await api.post(`/customers/${created.body.id}/wallets`, { asset: 'usdc', chain: 'polygon' });
    expect(wallet.status).toBe(422);
    expect(wallet.body.error).toMatchObject({ code: 'endorsement_required' });
    expect(wallet.body.error.requestId).toBe(wallet.headers.get('request-id'));
  });
});
