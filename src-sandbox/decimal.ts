/**
 * Exact decimal arithmetic for money: a value is a BigInt of units at a given scale (number of
 * decimals). Nothing here ever goes through a JS number, so 18-decimal ETH amounts and products of
 * amounts and rates stay exact. Rounding is explicit at every place precision is lost.
 */
export interface Dec {
  units: bigint;
  scale: number;
}

export type Rounding = 'floor' | 'ceil' | 'halfUp';

const DECIMAL = /^(\d{1,30})(?:\.(\d{1,36}))?$/;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Parses a non-negative decimal string; null when it is not one (signs, exponents, spaces, commas). */
export function parseDec(text: string): Dec | null {
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const frac = m[2] ?? '';
  return { units: BigInt(m[1]! + frac), scale: frac.length };
}

export function dec(text: string): Dec {
  const d = parseDec(text);
  if (!d) throw new Error(`not a decimal: ${text}`);
  return d;
}

export function fromUnits(units: bigint, scale: number): Dec {
  return { units, scale };
}

/** The same value at a larger scale (exact). */
function widen(a: Dec, scale: number): bigint {
  if (scale < a.scale) throw new Error('widen to a smaller scale');
  return a.units * pow10(scale - a.scale);
}

function divRound(n: bigint, d: bigint, mode: Rounding): bigint {
  const neg = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  let q = an / ad;
  const r = an % ad;
  if (r !== 0n) {
    if (mode === 'halfUp' && r * 2n >= ad) q += 1n;
    else if (mode === 'ceil' && !neg) q += 1n;
    else if (mode === 'floor' && neg) q += 1n;
  }
  return neg ? -q : q;
}

/** Re-expresses a at `scale` decimals, rounding when precision is dropped. */
export function rescale(a: Dec, scale: number, mode: Rounding = 'halfUp'): Dec {
  if (scale >= a.scale) return { units: widen(a, scale), scale };
  return { units: divRound(a.units, pow10(a.scale - scale), mode), scale };
}

export function add(a: Dec, b: Dec): Dec {
  const s = Math.max(a.scale, b.scale);
  return { units: widen(a, s) + widen(b, s), scale: s };
}

export function sub(a: Dec, b: Dec): Dec {
  const s = Math.max(a.scale, b.scale);
  return { units: widen(a, s) - widen(b, s), scale: s };
}

/** Exact product: the scale is the sum of the scales. */
export function mul(a: Dec, b: Dec): Dec {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** a / b at `scale` decimals with explicit rounding. */
export function div(a: Dec, b: Dec, scale: number, mode: Rounding): Dec {
  if (b.units === 0n) throw new Error('division by zero');
  // a/b = (a.units/10^as) / (b.units/10^bs); scaled by 10^scale.
  const n = a.units * pow10(scale + b.scale);
  const d = b.units * pow10(a.scale);
  return { units: divRound(n, d, mode), scale };
}

export function cmp(a: Dec, b: Dec): number {
  const s = Math.max(a.scale, b.scale);
  const x = widen(a, s);
  const y = widen(b, s);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(a: Dec): boolean {
  return a.units === 0n;
}

export const ZERO: Dec = { units: 0n, scale: 0 };

/** Trailing zeros dropped, so "1.50" and "1.5" compare and print alike. */
export function normalize(a: Dec): Dec {
  let { units, scale } = a;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

/** Decimal string with at least `minFrac` decimals (money reads better as "12.30" than "12.3"). */
export function format(a: Dec, minFrac = 2): string {
  const n = normalize(a);
  const scale = Math.max(n.scale, minFrac);
  const units = widen(n, scale);
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${neg ? '-' : ''}${whole}${scale ? `.${frac}` : ''}`;
}
