import type { BankField, BankNetwork } from '#shared/ipc/external-accounts.contract.ts';

/** The markets the form offers; each pair maps to rails on the schema endpoint. */
export const MARKETS: { country: string; currency: string; label: string }[] = [
  { country: 'US', currency: 'USD', label: 'United States · USD' },
  { country: 'GB', currency: 'GBP', label: 'United Kingdom · GBP' },
  { country: 'DE', currency: 'EUR', label: 'Germany · EUR' },
  { country: 'FR', currency: 'EUR', label: 'France · EUR' },
  { country: 'MX', currency: 'MXN', label: 'Mexico · MXN' },
];

export const RAIL_LABELS: Record<BankNetwork, string> = { ach: 'ACH (US domestic)', wire: 'Wire (US domestic)', swift: 'SWIFT (international)' };

/** The market whose country is the customer's nationality, else the US. */
export function defaultMarket(nationality: string | null | undefined): string {
  const m = MARKETS.find((x) => x.country === nationality?.toUpperCase());
  return `${(m ?? MARKETS[0]!).country}/${(m ?? MARKETS[0]!).currency}`;
}

/** Plain words for a schema pattern people cannot be expected to read. */
function patternHint(f: BankField): string {
  if (f.pattern === '^\\d{9}$') return 'must be 9 digits';
  if (f.pattern === '^\\d{4,17}$') return 'must be 4 to 17 digits';
  if (f.pattern === '^.{2,100}$') return 'must be 2 to 100 characters';
  return `does not have the expected format (${f.pattern ?? ''})`;
}

/**
 * Checks values against the rail's schema before anything is sent (the same rules OMS applies;
 * OMS still has the last word and its field errors are shown the same way).
 */
export function validateBank(fields: BankField[], values: Record<string, string>): { ok: boolean; errors: Record<string, string>; details: Record<string, string> } {
  const errors: Record<string, string> = {};
  const details: Record<string, string> = {};
  for (const f of fields) {
    const v = (values[f.name] ?? '').trim();
    if (!v) {
      if (f.required) errors[f.name] = `${f.label} is required.`;
      continue;
    }
    if (f.values && !f.values.includes(v)) errors[f.name] = `${f.label} must be one of ${f.values.join(', ')}.`;
    else if (f.pattern && !safeTest(f.pattern, v)) errors[f.name] = `${f.label} ${patternHint(f)}.`;
    details[f.name] = v;
  }
  return { ok: Object.keys(errors).length === 0, errors, details };
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return true; // a pattern this browser cannot compile: leave the check to OMS
  }
}

/** `bankDetails.routingNumber` → `routingNumber` (OMS and main name fields by their path). */
export const bankFieldOf = (path: string) => path.replace(/^bankDetails\./, '');
