import { afterEach, describe, expect, it } from 'vitest';
import {
  formatAgo,
  formatAmount,
  formatCount,
  formatDate,
  formatDateTime,
  formatFiat,
  formatPrefs,
  formatTime,
  setFormatPrefs,
  type FormatPrefs,
} from '../../../src-renderer/src/lib/format.ts';
import { sumDecimals } from '../../../src-renderer/src/lib/money.ts';

const de: FormatPrefs = { locale: 'de-DE', utc: false };
const us: FormatPrefs = { locale: 'en-US', utc: false };
const at = '2026-12-07T14:35:09Z';

describe('one locale for money: the Settings choice, never a fixed en-US', () => {
  it('groups and separates decimals as the chosen locale does', () => {
    expect(formatAmount('1234.5', 'usdc', us)).toBe('1,234.50 USDC');
    expect(formatAmount('1234.5', 'usdc', de)).toBe('1.234,50 USDC');
    expect(formatFiat('1234.5', 'USD', { locale: 'en-GB', utc: false })).toBe('US$1,234.50');
    expect(formatFiat('1234.5', 'EUR', de)).toBe('1.234,50\u00a0€');
    expect(formatCount(12400, de)).toBe('12.400');
  });

  it('keeps every digit a float would lose, in any locale', () => {
    // 2^53 + 1 has no double; a float path would print ...992.
    expect(formatAmount('9007199254740993.000001', 'usdc', de)).toBe('9.007.199.254.740.993,000001 USDC');
    expect(formatAmount('0.123456789012345678', 'eth', { locale: 'fr-FR', utc: false })).toBe('0,123456789012345678 ETH');
    expect(formatAmount('0.1', 'usdc', de)).toBe('0,10 USDC');
  });

  it('the module-wide choice applies to callers that pass none, and is reset to the OS with null', () => {
    setFormatPrefs({ locale: 'de-DE', utc: true });
    expect(formatPrefs()).toEqual({ locale: 'de-DE', utc: true });
    expect(formatAmount('1234.5', 'usdc')).toBe('1.234,50 USDC');
    expect(formatTime(at)).toBe('14:35:09 UTC');
    setFormatPrefs({ locale: null, utc: false });
    expect(formatPrefs()).toEqual({ locale: undefined, utc: false });
  });
});

describe('times: the chosen locale, and UTC when asked, always saying the zone', () => {
  afterEach(() => setFormatPrefs({ locale: null, utc: false }));

  it('UTC shows the same instant the same way whatever the machine zone, with "UTC" after it', () => {
    expect(formatDateTime(at, { locale: 'en-GB', utc: true })).toBe('7 Dec 2026, 14:35:09 UTC');
    expect(formatDateTime(at, { locale: 'de-DE', utc: true })).toBe('07.12.2026, 14:35:09 UTC');
    expect(formatDateTime(at, { locale: 'en-US', utc: true })).toMatch(/^Dec 7, 2026, 2:35:09\sPM UTC$/);
    expect(formatDate('2026-12-07T23:59:59Z', { locale: 'en-GB', utc: true })).toBe('7 Dec 2026');
  });

  it('local time names the machine zone instead', () => {
    const local = formatDateTime(at, { locale: 'en-GB', utc: false });
    const zone = new Intl.DateTimeFormat('en-GB', { timeZoneName: 'short' }).formatToParts(Date.parse(at)).find((p) => p.type === 'timeZoneName')!.value;
    expect(local.endsWith(` ${zone}`)).toBe(true);
    expect(local).toContain('2026');
  });

  it('bad or missing times are shown as they are, never as "Invalid Date"', () => {
    expect(formatDateTime('yesterday-ish', de)).toBe('yesterday-ish');
    expect(formatDateTime(null, de)).toBe('—');
  });

  it('relative words follow the locale too', () => {
    const now = Date.parse(at);
    expect(formatAgo(now - 5 * 60_000, now, us)).toBe('5 minutes ago');
    expect(formatAgo(now - 5 * 60_000, now, de)).toBe('vor 5 Minuten');
  });
});

describe('displayed totals are summed as decimals, never as floats', () => {
  it('adds exactly where floats do not', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['9007199254740993', '0.000000000000000001'])).toBe('9007199254740993.000000000000000001');
    expect(sumDecimals(['10.00', '-12.5'])).toBe('-2.50');
    expect(sumDecimals([])).toBe('0');
  });

  it('refuses what is not a decimal string, naming it', () => {
    expect(() => sumDecimals(['1e3'])).toThrow('Not a decimal amount: "1e3"');
  });
});
