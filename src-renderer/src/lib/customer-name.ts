import type { CustomerView } from '#shared/domain/customer.ts';

type Named = Pick<CustomerView, 'firstName' | 'middleName' | 'lastName'>;

/** The parts a customer was given, in order; '' when none. */
export function fullName(c: Named): string {
  return [c.firstName, c.middleName, c.lastName].filter(Boolean).join(' ');
}

/** The name screens show: a customer with no name parts still gets a readable label. */
export function customerName(c: Named): string {
  return fullName(c) || 'Unnamed customer';
}
