import { describe, expect, it } from 'vitest';
import type { CustomerView } from '#shared/domain/customer.ts';
import { capabilityLine } from '../../../src-renderer/src/features/wallets/capability.ts';

const customer = (endorsements: [string, string][], wallets = 0, status = 'active'): CustomerView => ({
  id: 'cst_1',
  type: 'individual',
  firstName: 'Ann',
  middleName: null,
  lastName: 'Lee',
  nationality: 'US',
  externalId: null,
  status,
  signedAgreement: true,
  signedAgreementAt: null,
  wallets: Array.from({ length: wallets }, (_, i) => ({ id: `wlt_${i}`, type: 'custodial', address: '0x1', network: 'polygon', asset: 'usdc', balance: '0', estimatedValueUsd: '0', createdAt: null })),
  endorsements: endorsements.map(([name, s]) => ({ name, status: s, requirements: { complete: [], pending: [], missing: [], issues: [] }, rejectionReasons: [], updatedAt: null })),
  metadata: null,
  createdAt: null,
  updatedAt: null,
  emailMasked: null,
  phoneMasked: null,
});

describe('capability line', () => {
  it('says what the customer can do and why not, in one sentence', () => {
    expect(capabilityLine(customer([['basic', 'active'], ['cryptoCustody', 'active'], ['usd', 'pending']], 1)).text).toBe(
      'Can hold and send crypto; cannot move USD: the usd endorsement is pending review.',
    );
    expect(capabilityLine(customer([['basic', 'active'], ['cryptoCustody', 'active'], ['usd', 'active']], 0)).text).toBe(
      'Can hold crypto once a wallet is provisioned and move USD (cash-in, cash-out).',
    );
  });

  it('explains a customer who can do nothing yet', () => {
    const line = capabilityLine(customer([['basic', 'incomplete'], ['cryptoCustody', 'incomplete'], ['usd', 'rejected']]));
    expect(line.can).toBe(false);
    expect(line.text).toBe(
      'Cannot hold crypto: the cryptoCustody endorsement is incomplete (data is missing); cannot move USD: the usd endorsement is rejected; basic is incomplete (data is missing).',
    );
    expect(capabilityLine(customer([], 0, 'inactive')).text).toMatch(/inactive/);
  });

  it('treats the plain-name form ("granted per OMS list") as granted', () => {
    expect(capabilityLine(customer([['basic', 'listed'], ['usd', 'listed']])).text).toBe('Can move USD (cash-in, cash-out); cannot hold crypto: the cryptoCustody endorsement is not requested.');
  });
});
