import type { DomainHandlers } from '../../ipc/handlers.ts';
import type { CustomersService } from './customers.service.ts';

/** customers.* and pii.* — thin adapters over CustomersService. */
export function customersHandlers(s: CustomersService): DomainHandlers<'customers'> {
  return {
    search: (input, ctx) => s.search(input, ctx.signal),
    get: ({ customerId }, ctx) => s.get(customerId, ctx.signal),
    create: ({ customer }, ctx) => s.create(customer, ctx.signal),
    update: ({ customerId, patch }, ctx) => s.update(customerId, patch, ctx.signal),
    requestEndorsements: ({ customerId, endorsements }, ctx) => s.requestEndorsements(customerId, endorsements, ctx.signal),
    delete: ({ customerId }, ctx) => s.delete(customerId, ctx.signal),
    balance: ({ customerId, currency }, ctx) => s.balance(customerId, currency, ctx.signal),
    transactions: ({ customerId, limit, cursor }, ctx) => s.transactions(customerId, { limit, cursor }, ctx.signal),
  };
}

export function piiHandlers(s: CustomersService): DomainHandlers<'pii'> {
  return {
    reveal: ({ customerId, fields }, ctx) => s.reveal(customerId, fields, ctx.signal),
  };
}
