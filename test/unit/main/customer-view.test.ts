import { describe, expect, it } from 'vitest';
import { CustomerRowView, CustomerView } from '#shared/domain/customer.ts';
import { OmsCustomer } from '../../../src-main/oms/oms-objects.ts';
import { maskEmail, maskPhone, toCustomerRowView, toCustomerView } from '../../../src-main/services/customers/customer-view.ts';
import { redactPath } from '../../../src-main/store/request-log.ts';

describe('customer view', () => {
  it('masks email keeping the domain, and phone to its last four digits', () => {
    expect(maskEmail('john.doe@example.com')).toBe('jo•••@example.com');
    expect(maskEmail('al@x.io')).toBe('a•••@x.io');
    expect(maskEmail('broken')).toBe('•••');
    expect(maskEmail(null)).toBeNull();
    expect(maskPhone('+14155550123')).toBe('•••• 0123');
    expect(maskPhone(undefined)).toBeNull();
  });

  it('maps field by field: clear PII and unknown OMS fields never reach the view', () => {
    const oms = OmsCustomer.parse({
      id: 'cst_1',
      type: 'individual',
      status: 'active',
      email: 'john.doe@example.com',
      phone: '+14155550123',
      createdAt: '2026-01-01T00:00:00Z',
      taxId: '123-45-6789',
      wallets: [{ id: 'wlt_1', privateKey: 'nope' }],
      endorsements: [{ name: 'basic', status: 'ACTIVE', reviewerNotes: 'internal' }],
      metadata: { tier: 'gold', score: 7 },
    });
    const view = toCustomerView(oms);
    expect(CustomerView.strict().safeParse(view).success).toBe(true);
    const text = JSON.stringify(view);
    for (const leaked of ['john.doe', '5550123', '123-45-6789', 'privateKey', 'reviewerNotes']) expect(text).not.toContain(leaked);
    expect(view.endorsements[0]!.status).toBe('active');
    expect(view.metadata).toEqual({ tier: 'gold', score: '7' });
  });

  it('accepts every documented endorsement form and shows unknown values verbatim', () => {
    const view = toCustomerView(
      OmsCustomer.parse({
        id: 'cst_2',
        status: 'active',
        createdAt: '2026-01-01T00:00:00Z',
        endorsements: [
          'BASIC',
          { requirements: { complete: ['firstName'], missing: [{ field: 'birthDate', message: 'is missing' }] }, rejectionReasons: [] },
          { name: 'usd', status: 'underReview' },
          { name: 'stablecoinPlus', status: 'Active' },
        ],
      }),
    );
    expect(view.endorsements.map((e) => [e.name, e.status])).toEqual([
      ['basic', 'listed'],
      ['endorsement 2', 'unknown'],
      ['usd', 'underReview'],
      ['stablecoinPlus', 'active'],
    ]);
    expect(view.endorsements[1]!.requirements.missing).toEqual(['birthDate: is missing']);
    expect(CustomerView.safeParse(view).success).toBe(true);
  });
});

describe('customer search row', () => {
  const oms = OmsCustomer.parse({
    id: 'cst_2',
    type: 'individual',
    status: 'active',
    firstName: 'Mira',
    lastName: 'Okafor',
    email: 'mira.okafor@example.com',
    phone: '+14155550123',
    taxId: '123-45-6789',
    wallets: [{ id: 'wlt_9', address: '0xabc', privateKey: 'nope', balance: '12.50' }],
    endorsements: ['BASIC', { name: 'usd', status: 'PENDING', requirements: { missing: ['ssn'] }, reviewerNotes: 'internal' }, {}],
    metadata: { tier: 'gold' },
  });

  it('is the full view cut down to what a row shows: same names, statuses and masks, no PII', () => {
    const row = toCustomerRowView(oms);
    const view = toCustomerView(oms);
    expect(CustomerRowView.safeParse(row).success).toBe(true);
    expect(row).toEqual({
      id: view.id,
      firstName: view.firstName,
      middleName: view.middleName,
      lastName: view.lastName,
      status: view.status,
      emailMasked: view.emailMasked,
      endorsements: view.endorsements.map((e) => ({ name: e.name, status: e.status })),
      wallets: [{ id: 'wlt_9' }],
      matchedOn: null,
    });
    expect(row.endorsements).toEqual([
      { name: 'basic', status: 'listed' },
      { name: 'usd', status: 'pending' },
      { name: 'endorsement 3', status: 'unknown' },
    ]);
    const text = JSON.stringify(row);
    for (const leaked of ['mira.okafor', '5550123', '123-45-6789', 'privateKey', 'reviewerNotes', '0xabc', '12.50', 'gold', 'ssn']) expect(text).not.toContain(leaked);
  });

  it('a row with a field the contract does not name fails the strict check', () => {
    expect(CustomerRowView.safeParse({ ...toCustomerRowView(oms), phoneMasked: '•••• 0123' }).success).toBe(false);
    expect(CustomerRowView.safeParse({ ...toCustomerRowView(oms), wallets: [{ id: 'wlt_9', address: '0xabc' }] }).success).toBe(false);
  });
});

describe('request log path redaction', () => {
  it('redacts PII-bearing query values and keeps the rest', () => {
    expect(redactPath('/customers?q=jo&email=a%40b.co&externalId=crm-1&status=active&limit=5')).toBe(
      '/customers?q=[redacted]&email=[redacted]&externalId=[redacted]&status=active&limit=5',
    );
    expect(redactPath('/customers/cst_1')).toBe('/customers/cst_1');
    expect(redactPath('/x?token=sk_live_abcdefghijkl')).not.toContain('abcdefghijkl');
  });
});
