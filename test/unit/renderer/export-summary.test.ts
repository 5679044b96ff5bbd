import { describe, expect, it } from 'vitest';
import type { CustomerView } from '#shared/domain/customer.ts';
import type { LegView, TransactionView } from '#shared/domain/transaction.ts';
import { customerSummaryMarkdown, mdText } from '../../../src-renderer/src/features/export/customer-summary.ts';

const leg = (over: Partial<LegView> = {}): LegView => ({ asset: null, network: null, amountGross: null, amountNet: null, fees: null, txHash: null, walletId: null, address: null, externalAccountId: null, ...over });

const customer: CustomerView = {
  id: 'cst_01HXSUMMARY',
  type: 'individual',
  firstName: 'Ada',
  middleName: null,
  lastName: '[Love](http://evil.test) *lace*',
  nationality: 'US',
  externalId: 'crm-10042',
  status: 'active',
  signedAgreement: true,
  signedAgreementAt: null,
  wallets: [{ id: 'wlt_1', type: 'custodial', address: '0xabc', network: 'polygon', asset: 'usdc', balance: '1234567.000001', estimatedValueUsd: null, createdAt: null }],
  endorsements: [
    { name: 'basic', status: 'active', requirements: { complete: [], pending: [], missing: [], issues: [] }, rejectionReasons: [], updatedAt: null },
    { name: 'usd', status: 'rejected', requirements: { complete: [], pending: [], missing: ['birthDate'], issues: [] }, rejectionReasons: [{ reason: 'Document expired', developerReason: 'doc_exp' }], updatedAt: null },
  ],
  metadata: null,
  createdAt: '2026-01-02T03:04:05Z',
  updatedAt: null,
  emailMasked: 'ad•••@example.com',
  phoneMasked: '•••• 0123',
};

const txn: TransactionView = {
  id: 'txn_1',
  type: 'cryptoToCrypto',
  status: 'completed',
  subStatus: null,
  role: null,
  source: leg({ asset: 'usdc', amountGross: '10.10' }),
  destination: leg({ asset: 'usdc', amountNet: '0.000000000000000001' }),
  sender: null,
  recipient: null,
  quoteId: null,
  cashInId: null,
  error: null,
  createdAt: '2026-12-01T10:20:30Z',
  completedAt: null,
  updatedAt: null,
};

describe('customer summary for a ticket (Markdown)', () => {
  const md = customerSummaryMarkdown(customer, [txn], new Date('2026-12-07T15:00:00Z'));

  it('names the customer with Markdown in the name escaped, so it cannot become a link or emphasis', () => {
    expect(md.split('\n')[0]).toBe('### Ada \\[Love\\]\\(http://evil.test\\) \\*lace\\*');
    expect(md).toContain('- Customer id: `cst_01HXSUMMARY`');
  });

  it('shows email and phone only as masked', () => {
    expect(md).toContain('- Email: ad•••@example.com (masked)');
    expect(md).toContain('- Phone: •••• 0123 (masked)');
  });

  it('says why each endorsement is where it is', () => {
    expect(md).toContain('- **Basic identity**: Active — Granted: the customer can use this.');
    expect(md).toContain('- **USD account**: Rejected — OMS declined it. The reasons are below. Date of birth is missing. Reason: Document expired');
  });

  it('lists wallets and the last transactions with amounts exactly as OMS sent them', () => {
    expect(md).toContain('- `wlt_1` USDC on polygon, balance 1234567.000001 USDC, address `0xabc`');
    expect(md).toContain('- 2026-12-01 10:20 UTC · `txn_1` · cryptoToCrypto · completed · 0.000000000000000001 USDC');
  });

  it('says so when the transactions could not be read, rather than claiming none', () => {
    expect(customerSummaryMarkdown(customer, null, new Date())).toContain('**Last transactions** (newest first)\n- Could not be loaded');
  });

  it('escapes table pipes, HTML and backslashes, and flattens newlines', () => {
    expect(mdText('a|b <img src=x> c\\d\ne')).toBe('a\\|b \\<img src=x\\> c\\\\d e');
  });
});
