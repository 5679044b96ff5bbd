/**
 * Money on screen, from the decimal strings OMS sends, with Intl.NumberFormat and no float maths:
 * Intl formats a numeric *string* exactly (ECMA-402 "Intl.NumberFormat v3"), so "0.1" + "0.2"
 * never appears as 0.30000000000000004 and 18-decimal token amounts keep every digit they have.
 */
const DECIMAL = /^-?\d+(\.\d+)?$/;
const CRYPTO_DIGITS: Record<string, number> = { btc: 8, eth: 18, usdc: 6, usdt: 6 };
const FIAT = /^[A-Z]{3}$/;

const cache = new Map<string, Intl.NumberFormat>();
function formatter(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f;
}

type StringFormat = (value: `${number}`) => string;

/** `"1234.5"` + `usdc` → `1,234.50 USDC`. Anything that is not a decimal string is shown verbatim. */
export function formatAmount(amount: string | null | undefined, asset?: string | null): string {
  if (amount == null || amount === '') return '—';
  const code = (asset ?? '').toLowerCase();
  const unit = code ? ` ${code.toUpperCase()}` : '';
  if (!DECIMAL.test(amount)) return `${amount}${unit}`;
  const fraction = amount.split('.')[1]?.length ?? 0;
  const max = Math.min(Math.max(fraction, 2), CRYPTO_DIGITS[code] ?? 8);
  const f = formatter(`a${max}`, () => new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: max }));
  return `${(f.format as unknown as StringFormat)(amount as `${number}`)}${unit}`;
}

/** `"1234.5"` + `USD` → `$1,234.50`; an unknown currency code falls back to `1,234.50 XYZ`. */
export function formatFiat(amount: string | null | undefined, currency?: string | null): string {
  if (amount == null || amount === '') return '—';
  const code = (currency ?? 'USD').toUpperCase();
  if (!DECIMAL.test(amount)) return `${amount} ${code}`;
  if (!FIAT.test(code)) return formatAmount(amount, code);
  try {
    const f = formatter(`f${code}`, () => new Intl.NumberFormat('en-US', { style: 'currency', currency: code }));
    return (f.format as unknown as StringFormat)(amount as `${number}`);
  } catch {
    return formatAmount(amount, code);
  }
}

/** Asset and network in words: known codes in their usual spelling, anything else verbatim. */
const NETWORKS: Record<string, string> = { polygon: 'Polygon', ethereum: 'Ethereum', solana: 'Solana', bitcoin: 'Bitcoin', cash: 'Cash', ach: 'ACH', wire: 'Wire' };
export const networkName = (n: string | null | undefined): string => (n ? (NETWORKS[n.toLowerCase()] ?? n) : '—');
export const assetName = (a: string | null | undefined): string => (a ? a.toUpperCase() : '—');

/** "12.5" is fine, "12,50" or "-3" are not: said next to the field, before anything is sent. */
export function depositAmountProblem(amount: string): string | null {
  const a = amount.trim();
  if (!a) return 'Enter an amount.';
  if (!/^\d+(\.\d+)?$/.test(a)) return 'Use digits and a dot, like 100.00.';
  if (!/[1-9]/.test(a)) return 'The amount must be more than 0.';
  return null;
}

/** "0", "0.00", "" and null all mean nothing was charged. */
export const isZeroAmount = (v: string | null | undefined): boolean => !v || /^0*(\.0*)?$/.test(v);

/** "(OMS 0.35 USDC, gas 0.03 USDC)": the non-zero parts of a fee, in words. */
export function feeParts(fees: { oms: string | null; gas: string | null; developer: string | null }, asset: string | null): string {
  const parts = (['oms', 'gas', 'developer'] as const).filter((k) => !isZeroAmount(fees[k]));
  return parts.length ? ` (${parts.map((k) => `${k === 'oms' ? 'OMS' : k} ${formatAmount(fees[k], asset)}`).join(', ')})` : '';
}
