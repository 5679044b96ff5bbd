import type { CustomerView } from '#shared/domain/customer.ts';

/** "pending review", "missing", "rejected": an endorsement's state in the words support uses. */
function stateWords(status: string | undefined): string {
  switch (status) {
    case undefined:
      return 'not requested';
    case 'pending':
      return 'pending review';
    case 'incomplete':
      return 'incomplete (data is missing)';
    case 'rejected':
      return 'rejected';
    case 'revoked':
      return 'revoked';
    case 'unknown':
      return 'in a state OMS did not name';
    default:
      return status;
  }
}

const granted = (status: string | undefined) => status === 'active' || status === 'listed';

/**
 * The question support is asked most — "what can this customer do with money right now?" — in one
 * sentence, from endorsements and wallets only (oms-api.md §3–§6): custody gates holding and moving
 * crypto, usd gates fiat legs (cash-in, cash-out, bank payouts), both need basic.
 */
export function capabilityLine(c: CustomerView): { text: string; can: boolean } {
  if (c.status === 'inactive') return { text: 'Cannot move money: the customer is inactive (deleted).', can: false };
  const status = (name: string) => c.endorsements.find((e) => e.name === name)?.status;
  const basic = status('basic');
  const custody = status('cryptoCustody');
  const usd = status('usd');
  const hasWallet = c.wallets.length > 0;
  const can: string[] = [];
  const cannot: string[] = [];
  if (granted(custody)) can.push(hasWallet ? 'hold and send crypto' : 'hold crypto once a wallet is provisioned');
  else cannot.push(`cannot hold crypto: the cryptoCustody endorsement is ${stateWords(custody)}`);
  if (granted(usd)) can.push('move USD (cash-in, cash-out)');
  else cannot.push(`cannot move USD: the usd endorsement is ${stateWords(usd)}`);
  if (!granted(basic) && (cannot.length > 0 || basic !== undefined)) cannot.push(`basic is ${stateWords(basic)}`);
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  if (can.length === 0) return { text: `${cap(cannot.join('; '))}.`, can: false };
  return { text: `${cap(`can ${can.join(' and ')}`)}${cannot.length ? `; ${cannot.join('; ')}` : ''}.`, can: true };
}

/** Whether the customer may hold crypto: a wallet can be provisioned. */
export const custodyActive = (c: CustomerView) => c.endorsements.some((e) => e.name === 'cryptoCustody' && (e.status === 'active' || e.status === 'listed'));
