import { describe, expect, it } from 'vitest';
import type { QuoteView } from '#shared/domain/money-flow.ts';
import { localDeadline } from '../../../src-renderer/src/features/transactions/quote-clock.ts';
import { customerName, fullName } from '../../../src-renderer/src/lib/customer-name.ts';

const quote = (createdAt: string | null, expiresAt: string | null) => ({ createdAt, expiresAt }) as QuoteView;

describe('a quote lapses on this machine’s clock', () => {
  it('after the lifetime OMS states, counted from when it arrived here', () => {
    const arrived = Date.parse('2026-12-07T10:00:05Z');
    // OMS's clock says 10:00:00 → 10:00:30: thirty seconds, whatever this clock reads.
    expect(localDeadline(quote('2026-12-07T10:00:00Z', '2026-12-07T10:00:30Z'), arrived)).toBe('2026-12-07T10:00:35.000Z');
  });

  it('falls back to OMS’s own expiry when the lifetime cannot be read, and has none without one', () => {
    expect(localDeadline(quote(null, '2026-12-07T10:00:30Z'), 0)).toBe('2026-12-07T10:00:30Z');
    expect(localDeadline(quote('2026-12-07T10:01:00Z', '2026-12-07T10:00:30Z'), 0)).toBe('2026-12-07T10:00:30Z');
    expect(localDeadline(quote('2026-12-07T10:00:00Z', null), 0)).toBeNull();
  });
});

describe('customer names', () => {
  it('joins the parts given, and names a customer with none', () => {
    expect(customerName({ firstName: 'Ada', middleName: null, lastName: 'Lovelace' })).toBe('Ada Lovelace');
    expect(customerName({ firstName: null, middleName: null, lastName: null })).toBe('Unnamed customer');
    expect(fullName({ firstName: null, middleName: null, lastName: null })).toBe('');
  });
});
