import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepLinkFromArgv, deepLinkHash, MAX_DEEP_LINK_LENGTH, parseDeepLink, urlWithHash } from '../../../../src-main/desktop/deep-link.ts';

describe('deep links', () => {
  it('routes the three screens to hash routes', () => {
    for (const [link, hash] of [
      ['oms-console://customers/cst_01HZX9K2M3', '#/customers/cst_01HZX9K2M3'],
      ['oms-console://wallets/wlt_abc123', '#/wallets/wlt_abc123'],
      ['oms-console://transactions/txn_Z9', '#/transactions/txn_Z9'],
      ['OMS-CONSOLE://Customers/cst_abc/', '#/customers/cst_abc'],
    ] as const) {
      const r = parseDeepLink(link);
      expect(r.ok, link).toBe(true);
      if (r.ok) expect(deepLinkHash(r.route)).toBe(hash);
    }
  });

  it('names what is wrong with a bad link', () => {
    const code = (raw: unknown) => {
      const r = parseDeepLink(raw);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code('https://customers/cst_abc')).toBe('deep-link.scheme');
    expect(code('javascript:alert(1)')).toBe('deep-link.scheme');
    expect(code('oms-console://accounts/cst_abc')).toBe('deep-link.unknown-screen');
    expect(code('oms-console://customers/wlt_abc')).toBe('deep-link.invalid-id');
    expect(code('oms-console://customers/cst_')).toBe('deep-link.invalid-id');
    expect(code('oms-console://customers/cst_a-b')).toBe('deep-link.invalid-id');
    expect(code('oms-console://customers/cst_%41bc')).toBe('deep-link.invalid-id');
    expect(code(`oms-console://customers/cst_${'a'.repeat(120)}`)).toBe('deep-link.invalid-id');
    expect(code('oms-console://customers/cst_abc/extra')).toBe('deep-link.malformed');
    expect(code('oms-console://customers')).toBe('deep-link.malformed');
    expect(code('oms-console://customers/cst_abc?x=1')).toBe('deep-link.malformed');
    expect(code('oms-console://customers/cst_abc#/settings')).toBe('deep-link.malformed');
    expect(code('oms-console://user:pw@customers/cst_abc')).toBe('deep-link.malformed');
    expect(code(`oms-console://customers/cst_${'a'.repeat(MAX_DEEP_LINK_LENGTH)}`)).toBe('deep-link.too-long');
    expect(code(42)).toBe('deep-link.malformed');
    const r = parseDeepLink('oms-console://wallets/cst_abc');
    expect(!r.ok && r.error.message).toMatch(/wlt_/);
  });

  it('never throws, and whatever it accepts is a safe hash route', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.webUrl(), fc.string().map((s) => `oms-console://customers/${s}`)), (raw) => {
        const r = parseDeepLink(raw);
        if (r.ok) expect(deepLinkHash(r.route)).toMatch(/^#\/(customers|wallets|transactions)\/(cst|wlt|txn)_[A-Za-z0-9]{1,96}$/);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a megabyte of input as too long, not by parsing it', () => {
    const r = parseDeepLink(`oms-console://customers/cst_${'a'.repeat(1_000_000)}`);
    expect(r).toMatchObject({ ok: false, error: { code: 'deep-link.too-long' } });
  });

  it('finds the link among a launcher argv (Windows and Linux)', () => {
    expect(deepLinkFromArgv(['/opt/OMS Console/oms-console', '--no-sandbox', 'oms-console://customers/cst_1'])).toBe('oms-console://customers/cst_1');
    expect(deepLinkFromArgv(['/usr/bin/electron', 'out/main/index.js'])).toBeNull();
  });

  it('changes only the fragment of the current page', () => {
    expect(urlWithHash('app://console/index.html', '#/wallets/wlt_1')).toBe('app://console/index.html#/wallets/wlt_1');
    expect(urlWithHash('app://console/index.html#/customers/cst_9', '#/wallets/wlt_1')).toBe('app://console/index.html#/wallets/wlt_1');
  });
});
