/**
 * Money is held as integer micro-units (6 decimals, USDC's precision) so sums never drift; the API
 * speaks decimal strings only.
 */
// At most 9 integer digits so micro-units stay exact JS integers (< 2^53).
const AMOUNT = /^\d{1,9}(\.\d{1,6})?$/;

export function parseAmount(text: string): number | null {
  if (!AMOUNT.test(text)) return null;
  const [whole = '0', frac = ''] = text.split('.');
  return Number(whole) * 1_000_000 + Number(frac.padEnd(6, '0'));
}

export function formatMicros(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  const abs = Math.abs(Math.round(micros));
  const whole = Math.floor(abs / 1_000_000);
  let frac = String(abs % 1_000_000).padStart(6, '0').replace(/0+$/, '');
  if (frac.length < 2) frac = frac.padEnd(2, '0');
  return `${sign}${whole}.${frac}`;
}

// Fixed sandbox rates: deterministic values are more useful to QA than live-looking ones.
const USD_PER_UNIT: Record<string, number> = { usdc: 1, usdt: 1, eurc: 1.08, pol: 0.5, eth: 3000 };
const PER_USD: Record<string, number> = { USD: 1, EUR: 0.92, GBP: 0.79 };

export const SUPPORTED_ASSETS = Object.keys(USD_PER_UNIT);
export const SUPPORTED_CHAINS = ['polygon', 'ethereum', 'base', 'arbitrum', 'optimism'];
export const SUPPORTED_CURRENCIES = Object.keys(PER_USD);

export function estimateValue(micros: number, asset: string, currency: string): number {
  return Math.round(micros * (USD_PER_UNIT[asset] ?? 0) * (PER_USD[currency] ?? 1));
}
