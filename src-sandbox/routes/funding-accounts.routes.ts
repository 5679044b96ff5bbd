import type { Router } from '../router.ts';
import { notAvailable } from './external-accounts.routes.ts';
import type { ApiRoute } from './route-types.ts';

/** Contract §5: deposit addresses and virtual accounts are not offered by v0.9 (404 not_available). */
export function registerFundingAccountRoutes(router: Router<ApiRoute>): void {
  const never: ApiRoute = { auth: true, idempotent: false, handler: notAvailable };
  for (const path of ['/customers/{id}/deposit-addresses', '/deposit-addresses/{id}', '/deposit-addresses/{id}/simulate', '/customers/{id}/virtual-accounts', '/virtual-accounts/{id}', '/virtual-accounts/{id}/simulate']) {
    router.add('GET', path, never).add('POST', path, never);
  }
}
