import type { DomainHandlers } from '../../ipc/handlers.ts';
import type { ExternalAccountsService } from './external-accounts.service.ts';

/** externalAccounts.* — thin adapters over ExternalAccountsService. */
export function externalAccountsHandlers(s: ExternalAccountsService): DomainHandlers<'externalAccounts'> {
  return {
    schemas: ({ country, currency }, ctx) => s.schemas(country, currency, ctx.signal),
    create: ({ customerId, network, country, currency, bankDetails }, ctx) => s.create(customerId, { network, country, currency, bankDetails }, ctx.signal),
  };
}
