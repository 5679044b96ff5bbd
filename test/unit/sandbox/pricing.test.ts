import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, cmp, dec, div, format, mul, parseDec, rescale, sub } from '../../../src-sandbox/decimal.ts';
import { exchangeRate, price } from '../../../src-sandbox/money/pricing.ts';

/** Exact money: the decimal module against plain BigInt scaled integers, and the quote invariant in-process. */
const DECIMALS: Record<string, number> = { usdc: 6, btc: 8, eth: 18, usd: 2 };
const NETWORK: Record<string, string> = { usdc: 'polygon', btc: 'bitcoin', eth: 'ethereum', usd: 'cash' };

const decimalText = (maxScale: number) =>
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: maxScale })).map(([u, s]) => format({ units: u, scale: s }, 0));

describe('decimal.ts', () => {
  it('add, sub, mul are exact and rescale rounds as asked', () => {
    fc.assert(
      fc.property(decimalText(18), decimalText(18), (a, b) => {
        const x = dec(a);
        const y = dec(b);
        const s = Math.max(x.scale, y.scale);
        const ux = x.units * 10n ** BigInt(s - x.scale);
        const uy = y.units * 10n ** BigInt(s - y.scale);
        expect(cmp(add(x, y), { units: ux + uy, scale: s })).toBe(0);
        expect(cmp(sub(x, y), { units: ux - uy, scale: s })).toBe(0);
        expect(cmp(mul(x, y), { units: x.units * y.units, scale: x.scale + y.scale })).toBe(0);
        const floor = rescale(x, 2, 'floor');
        const ceil = rescale(x, 2, 'ceil');
        expect(cmp(floor, x)).toBeLessThanOrEqual(0);
        expect(cmp(ceil, x)).toBeGreaterThanOrEqual(0);
        expect(ceil.units - floor.units).toBeLessThanOrEqual(1n);
      }),
      { numRuns: 500 },
    );
    expect(format(div(dec('1'), dec('3'), 6, 'floor'))).toBe('0.333333');
    expect(format(div(dec('2'), dec('3'), 6, 'halfUp'))).toBe('0.666667');
    expect(format(rescale(dec('0.125'), 2, 'halfUp'))).toBe('0.13');
    expect(parseDec('1.5e3')).toBeNull();
    expect(format(dec('0'))).toBe('0.00');
  });
});

describe('quote pricing', () => {
  it('rates terminate for every pair', () => {
    for (const a of Object.keys(DECIMALS)) for (const b of Object.keys(DECIMALS)) expect(() => exchangeRate(a, b)).not.toThrow();
    expect(format(exchangeRate('usdc', 'btc'), 0)).toBe('0.000016');
    expect(format(exchangeRate('btc', 'eth'), 0)).toBe('20');
  });

  it('source.amountNet × exchangeRate = destination.amountGross exactly; gross − fees = net; the fixed side is exact', () => {
    const pairs = ['usdc', 'btc', 'eth'].flatMap((from) => ['usdc', 'btc', 'eth', 'usd'].filter((to) => to !== 'usd' || from === 'usdc').map((to) => [from, to] as const));
    fc.assert(
      fc.property(fc.constantFrom(...pairs), fc.constantFrom('source', 'destination' as const), fc.bigInt({ min: 1n, max: 10n ** 14n }), fc.boolean(), ([from, to], side, units, sponsorGas) => {
        const asset = side === 'source' ? from : to;
        const amount = { units, scale: DECIMALS[asset]! };
        let q;
        try {
          q = price({ asset: from, network: NETWORK[from]! }, { asset: to, network: NETWORK[to]! }, amount, side, sponsorGas);
        } catch (e) {
          expect((e as { code?: string }).code).toBe('amount_too_small');
          return;
        }
        expect(cmp(mul(dec(q.source.amountNet), dec(q.rates.exchangeRate)), dec(q.destination.amountGross))).toBe(0);
        for (const [leg, a] of [[q.source, from], [q.destination, to]] as const) {
          expect(cmp(sub(dec(leg.amountGross), dec(leg.feesDeducted.total)), dec(leg.amountNet))).toBe(0);
          for (const v of [leg.amountGross, leg.amountNet]) expect(dec(v).scale).toBeLessThanOrEqual(DECIMALS[a]!);
          expect(cmp(dec(leg.amountNet), dec('0'))).toBe(1);
        }
        if (side === 'source') expect(cmp(dec(q.source.amountGross), amount)).toBe(0);
        else expect(cmp(dec(q.destination.amountNet), amount)).toBe(0);
      }),
      { numRuns: 3000 },
    );
  });
});
