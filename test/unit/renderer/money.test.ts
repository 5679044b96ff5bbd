import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setFormatPrefs } from '../../../src-renderer/src/lib/format.ts';
import { assetName, depositAmountProblem, formatAmount, formatFiat, networkName } from '../../../src-renderer/src/lib/money.ts';

describe('money formatting (decimal strings through Intl, no floats)', () => {
  beforeEach(() => setFormatPrefs({ locale: 'en-US' }));
  afterEach(() => setFormatPrefs({ locale: null }));

  it('follows the locale chosen in Settings, not a fixed en-US', () => {
    setFormatPrefs({ locale: 'de-DE' });
    expect(formatAmount('1234.5', 'usdc')).toBe('1.234,50 USDC');
    expect(formatFiat('1234.5', 'USD')).toBe('1.234,50\u00a0$');
  });

  it('groups and pads to two places', () => {
    expect(formatAmount('1234.5', 'usdc')).toBe('1,234.50 USDC');
    expect(formatFiat('1234.5', 'USD')).toBe('$1,234.50');
  });

  it('keeps every digit a float would lose', () => {
    // 2^53 + 1 is not representable as a double; the string path keeps it.
    expect(formatAmount('9007199254740993.000001', 'usdc')).toBe('9,007,199,254,740,993.000001 USDC');
    expect(formatAmount('0.123456789012345678', 'eth')).toBe('0.123456789012345678 ETH');
    expect(formatAmount('0.00000001', 'btc')).toBe('0.00000001 BTC');
  });

  it('shows what is not a decimal verbatim, and nothing as a dash', () => {
    expect(formatAmount('<string>', 'usdc')).toBe('<string> USDC');
    expect(formatAmount(null)).toBe('—');
    expect(formatFiat('12', 'XY1')).toBe('12.00 XY1');
  });

  it('names known networks and keeps unknown ones', () => {
    expect(networkName('polygon')).toBe('Polygon');
    expect(networkName('base')).toBe('base');
    expect(assetName('usdc')).toBe('USDC');
  });
});

describe('deposit amount, checked next to the field before anything is sent', () => {
  it('says what is wrong in words', () => {
    expect(depositAmountProblem('100.00')).toBeNull();
    expect(depositAmountProblem('')).toBe('Enter an amount.');
    expect(depositAmountProblem('12,50')).toBe('Use digits and a dot, like 100.00.');
    expect(depositAmountProblem('-3')).toBe('Use digits and a dot, like 100.00.');
    expect(depositAmountProblem('0.00')).toBe('The amount must be more than 0.');
  });
});
