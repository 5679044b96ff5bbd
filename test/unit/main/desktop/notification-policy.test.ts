import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS, decide, type PolicyMemory } from '../../../../src-main/desktop/notification-policy.ts';
import { OpenCustomers } from '../../../../src-main/webhooks/listener-health.ts';

const open = new OpenCustomers();
open.touch('cst_open1');
const all = DEFAULT_NOTIFICATION_SETTINGS;
const customer = {
  id: 'cst_open1',
  firstName: 'Canaryfirst',
  lastName: 'Canarylast',
  emailMasked: 'c***@example.com',
  endorsements: [
    { name: 'basic', status: 'active' },
    { name: 'usd', status: 'pending' },
  ],
};
const endorsed = (cause: string, customerId = 'cst_open1') => ({ name: 'event.customers.refetched', payload: { customerId, customer: { ...customer, id: customerId }, cause } });
const wallet = (cause: string, customerId: string | null = 'cst_open1') => ({ name: 'event.wallets.changed', payload: { customerId, walletId: 'wlt_9', cause } });
const listener = (state: string) => ({ name: 'event.webhooks.statusChanged', payload: { state, url: 'http://127.0.0.1:4590/webhooks/oms', relayUrl: 'https://relay/ch_secret' } });

describe('notification policy', () => {
  it('an endorsement decided for an open customer, named by id only', () => {
    const n = decide(endorsed('customer.endorsement.granted'), all, open);
    expect(n).toEqual({ kind: 'endorsementDecided', title: 'Endorsement granted', body: 'Customer cst_open1: an endorsement was granted (basic: active, usd: pending).' });
    expect(decide(endorsed('customer.endorsement.rejected'), all, open)?.title).toBe('Endorsement rejected');
    expect(JSON.stringify(n)).not.toMatch(/Canary|example\.com/);
  });

  it('nothing for customers the user does not have open, for non-decisions, or when switched off', () => {
    expect(decide(endorsed('customer.endorsement.granted', 'cst_other'), all, open)).toBeNull();
    expect(decide(endorsed('customer.endorsement.pending'), all, open)).toBeNull();
    expect(decide(endorsed('customer.updated'), all, open)).toBeNull();
    expect(decide(endorsed('customer.endorsement.granted'), { ...all, endorsementDecided: false }, open)).toBeNull();
  });

  it('a deposit or a completed transaction for an open customer', () => {
    expect(decide(wallet('wallet.depositDetected'), all, open)).toEqual({ kind: 'fundsCompleted', title: 'Deposit received', body: 'A deposit arrived in wallet wlt_9 of customer cst_open1.' });
    expect(decide(wallet('transaction.cryptoToFiat.completed'), all, open)?.title).toBe('Transaction completed');
    expect(decide(wallet('transaction.completed'), all, open)?.title).toBe('Transaction completed');
    expect(decide(wallet('transaction.fiatToCrypto.processing'), all, open)).toBeNull();
    expect(decide(wallet('wallet.depositDetected', null), all, open)).toBeNull();
    expect(decide(wallet('wallet.depositDetected'), { ...all, fundsCompleted: false }, open)).toBeNull();
  });

  it('the listener or relay going down, once per fall, not on every status update', () => {
    const memory: PolicyMemory = {};
    expect(decide(listener('listening'), all, open, memory)).toBeNull();
    expect(decide(listener('relay-connected'), all, open, memory)).toBeNull();
    const down = decide(listener('reconnecting'), all, open, memory);
    expect(down?.kind).toBe('listenerDown');
    expect(JSON.stringify(down)).not.toContain('ch_secret');
    expect(decide(listener('reconnecting'), all, open, memory)).toBeNull();
    expect(decide(listener('stale'), all, open, memory)).toBeNull();
    decide(listener('relay-connected'), all, open, memory);
    expect(decide(listener('stale'), all, open, memory)?.title).toBe('Live updates interrupted');
    decide(listener('listening'), all, open, memory);
    expect(decide(listener('stopped'), { ...all, listenerDown: false }, open, memory)).toBeNull();
  });

  it('ignores other events and malformed payloads, and never echoes a forged id', () => {
    expect(decide({ name: 'event.app.heartbeat', payload: { seq: 1 } }, all, open)).toBeNull();
    expect(decide({ name: 'event.wallets.changed', payload: null }, all, open)).toBeNull();
    const forged = new OpenCustomers();
    forged.touch('cst_1 <img src=x>');
    expect(decide(endorsed('customer.endorsement.granted', 'cst_1 <img src=x>'), all, forged)).toBeNull();
  });
});
