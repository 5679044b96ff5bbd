/**
 * Money words and decimal arithmetic. Amounts are formatted in lib/format.ts (the one locale chosen
 * in Settings); they are re-exported here so every money screen keeps one import.
 */
import { formatAmount } from './format.ts';

export { formatAmount, formatFiat } from './format.ts';

const DECIMAL = /^-?\d+(\.\d+)?$/;

function scaled(v: string, places: number): bigint {
  const neg = v.startsWith('-');
  const [int = '0', frac = ''] = (neg ? v.slice(1) : v).split('.');
  const n = BigInt(int + frac.padEnd(places, '0'));
  return neg ? -n : n;
}

/**
 * The exact sum of decimal strings ("0.1" + "0.2" = "0.3", 18 places kept), for any total that is
 * shown; a value that is not a decimal string is a programming error, said with the value.
 */
export function sumDecimals(values: readonly string[]): string {
  for (const v of values) if (!DECIMAL.test(v)) throw new Error(`Not a decimal amount: "${v}"`);
  const places = Math.max(0, ...values.map((v) => v.split('.')[1]?.length ?? 0));
  const total = values.reduce((acc, v) => acc + scaled(v, places), 0n);
  const neg = total < 0n;
  const digits = (neg ? -total : total).toString().padStart(places + 1, '0');
  const text = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return neg ? `-${text}` : text;
}

/** A decimal string as a float, for placing a point on a chart only, never for a shown value. */
export const plotNumber = (v: string): number => Number(v);

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
