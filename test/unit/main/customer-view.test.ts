import { describe, expect, it } from 'vitest';
import { CustomerView } from '#shared/domain/customer.ts';
import { OmsCustomer } from '../../../src-main/oms/oms-objects.ts';
import { maskEmail, maskPhone, toCustomerView } from '../../../src-main/services/customers/customer-view.ts';
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

describe('request log path redaction', () => {
  it('redacts PII-bearing query values and keeps the rest', () => {
    expect(redactPath('/customers?q=jo&email=a%40b.co&externalId=crm-1&status=active&limit=5')).toBe(
      '/customers?q=[redacted]&email=[redacted]&externalId=[redacted]&status=active&limit=5',
    );
    expect(redactPath('/customers/cst_1')).toBe('/customers/cst_1');
    expect(redactPath('/x?token=sk_live_abcdefghijkl')).not.toContain('abcdefghijkl');
  });
});
