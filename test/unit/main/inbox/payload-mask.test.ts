/* eslint-disable @typescript-eslint/no-explicit-any -- the documented examples are untyped JSON, read and edited by path */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maskPayload } from '../../../../src-main/services/inbox/payload-mask.ts';

const fixture = (path: string): Record<string, unknown> =>
  (JSON.parse(readFileSync(new URL(`../../../fixtures/oms-docs/${path}`, import.meta.url), 'utf8')) as { example: Record<string, unknown> }).example;

const envelope = (type: string, object: unknown) => JSON.stringify({ id: 'evt_01', object: 'event', type, createdAt: '2026-12-07T10:00:00Z', data: { object } });
const shown = (body: string) => JSON.parse(maskPayload(body).text) as { data: { object: Record<string, any> } };

const CHAIN = '0x7B3a9F2c4D1eA8bF6390cE5d2B7fA104C8e3D9b1';
const DEPOSIT = '0x00000000219ab540356cBB839Cbe05303d7705Fa';

/** The documented transaction example, its placeholders filled with values a real delivery carries. */
function documentedTransaction() {
  const txn = structuredClone(fixture('_truncated/transactions/get-transaction-by-id-200.json')) as Record<string, any>;
  const dest = txn.destination;
  dest.owner = {
    address: { city: 'Springfield', country: 'US', line1: '742 Evergreen Terrace', line2: 'Apt 2', state: 'OR', zipCode: '97403' },
    dateOfBirth: '1987-05-12', email: 'marge.owner@example.com', name: 'Marge Owner', nationality: 'US', phone: '+15415550199', taxId: '123-45-6789',
  };
  dest.wallet = { blockchainAddress: CHAIN, externalAccountId: 'cpBcAddr_01' };
  txn.depositInstructions.address = DEPOSIT;
  txn.depositInstructions.network = 'polygon';
  txn.cashPickup.location = { ...txn.cashPickup.location, address: '100 Store Plaza', city: 'Austin', name: 'CVS Pharmacy #4521', provider: 'greendot', zipCode: '73301' };
  return { ...txn, id: 'txn_01', object: 'transaction', sender: { name: 'Sam Sender', address: { line1: '1 Main St', city: 'Reno', country: 'US' } }, metadata: { note: 'call me at +1 (415) 555-0123 or sam.sender@example.com' } };
}

/** The documented customer (create-a-customer 201) with named endorsements, as the sandbox sends them. */
function documentedCustomer() {
  const c = structuredClone(fixture('_truncated/customers/create-a-customer-201.json')) as Record<string, any>;
  c.externalId = 'jane.smith@corp.example.com';
  c.metadata = { crmContact: 'jane.private@example.org', referral: 'winter-campaign' };
  c.endorsements = [{ name: 'basic', status: 'active', requirements: c.endorsements[0].requirements, rejectionReasons: [] }, { name: 'usd', status: 'pending' }];
  return c;
}

describe('delivery viewer mask: by what a value is and where it sits', () => {
  it('hides a transaction owner postal address whole, and every personal field of the owner and sender', () => {
    const body = envelope('transaction.cryptoToCrypto.completed', documentedTransaction());
    const out = shown(body);
    const text = maskPayload(body).text;
    for (const clear of ['742 Evergreen', 'Springfield', '97403', 'Marge', '1987-05-12', 'marge.owner@', '5550199', '123-45-6789', 'Sam Sender', '1 Main St', 'Reno', 'sam.sender@', '555-0123'])
      expect(text, clear).not.toContain(clear);
    const owner = out.data.object.destination.owner;
    expect(owner.address).toBe('•••');
    expect(owner.name).toBe('•••');
    expect(owner.email).toBe('ma•••@example.com');
    expect(owner.phone).toBe('•••• 0199');
    expect(owner.nationality).toBe('US');
    expect(out.data.object.sender.address).toBe('•••');
    expect(out.data.object.metadata.note).toBe('call me at •••• 0123 or [email]');
  });

  it('keeps on-chain addresses, the cash store and the ids support traces money with', () => {
    const out = shown(envelope('transaction.cryptoToCrypto.completed', documentedTransaction())).data.object;
    expect(out.destination.wallet.blockchainAddress).toBe(CHAIN);
    expect(out.depositInstructions.address).toBe(DEPOSIT);
    expect(out.cashPickup.location).toMatchObject({ address: '100 Store Plaza', name: 'CVS Pharmacy #4521', zipCode: '73301' });
    expect(out.id).toBe('txn_01');
    expect(out.destination.feesDeducted).toEqual({ developer: '<string>', gas: '<string>', oms: '<string>', total: '<string>' });
  });

  it('masks a customer email wherever it sits and shows endorsement names and statuses', () => {
    const body = envelope('customer.updated', documentedCustomer());
    const text = maskPayload(body).text;
    for (const clear of ['jane@example.com', '5551234', 'Jane', 'Smith', 'jane.smith@corp', 'jane.private@']) expect(text, clear).not.toContain(clear);
    const c = shown(body).data.object;
    expect(c.externalId).toBe('ja•••@corp.example.com');
    expect(c.metadata).toEqual({ crmContact: 'ja•••@example.org', referral: 'winter-campaign' });
    expect(c.endorsements.map((e: { name: string; status: string }) => `${e.name}:${e.status}`)).toEqual(['basic:active', 'usd:pending']);
    expect(c.wallets[0].address).toBe(CHAIN);
    expect(c.wallets[0].balance).toBe('1234.56');
    expect(c.id).toBe('cst_01H9Xa8F5dN6mP3q');
    expect(maskPayload(body).masked).toBe(true);
  });

  it('keeps a wallet, a quote and a cash-in as documented, with nothing to hide', () => {
    for (const path of ['wallets/payments-wallets-object.json', 'quotes/create-a-payment-quote-201.json']) {
      const body = envelope('wallet.created', fixture(path));
      expect(maskPayload(body).masked, path).toBe(false);
    }
    const cashIn = shown(envelope('cashIn.completed', fixture('cash-ins/payments-cash-ins-object.json'))).data.object;
    expect(cashIn.depositInstructions.locationAddress).toBe('123 Main St, New York, NY 10001');
    expect(cashIn.source.indicatedAmount).toBe('100.00');
  });

  it('a body that is not JSON still hides personal values and keeps an on-chain address', () => {
    const cut = `{"object":{"address":"${CHAIN}","owner":{"name":"Marge Owner","email":"m.owner@example.com","address":{"line1":"742 Evergreen Terrace","city":"Springfield","zipCode":"97403"}},"endorsements":[{"name":"basic"`;
    const { text, masked } = maskPayload(cut);
    expect(masked).toBe(true);
    expect(text).toContain(CHAIN);
    expect(text).toContain('"name":"basic"');
    expect(text).not.toContain('Marge');
    expect(text).not.toContain('m.owner@');
    for (const postal of ['742 Evergreen', 'Springfield', '97403']) expect(text, postal).not.toContain(postal);
  });
});
