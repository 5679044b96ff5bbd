import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from '../../../src-sandbox/http-util.ts';
import { format, parseDec } from '../../../src-sandbox/decimal.ts';
import { Router } from '../../../src-sandbox/router.ts';
import { sign } from '../../../src-sandbox/webhooks/signer.ts';

describe('router', () => {
  const r = new Router<string>().add('GET', '/customers/{id}', 'get').add('PATCH', '/customers/{id}', 'patch').add('GET', '/customers', 'list');
  it('matches templates, reports 405 with allowed methods, and 404', () => {
    const m = r.match('GET', '/customers/cst_1');
    expect(m.kind === 'found' && m.params.id).toBe('cst_1');
    expect(r.match('DELETE', '/customers/cst_1')).toEqual({ kind: 'method', allowed: ['GET', 'PATCH'] });
    expect(r.match('GET', '/customers/cst_1/zzz')).toEqual({ kind: 'none' });
    const bad = r.match('GET', '/customers/%E0%A4%A');
    expect(bad.kind).toBe('found');
  });
});

describe('money and canonical JSON', () => {
  it('round-trips decimal strings through scaled BigInts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 - 1 }), fc.integer({ min: 0, max: 999_999 }), (whole, frac) => {
        const text = `${whole}.${String(frac).padStart(6, '0')}`;
        const d = parseDec(text)!;
        expect(parseDec(format(d))!.units * 10n ** BigInt(d.scale)).toBe(d.units * 10n ** BigInt(parseDec(format(d))!.scale));
      }),
    );
    expect(format({ units: 12_340_000n, scale: 6 })).toBe('12.34');
    expect(parseDec('1e5')).toBeNull();
    expect(parseDec('-1')).toBeNull();
    expect(parseDec(' 1')).toBeNull();
  });
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
  });
});

describe('signer', () => {
  it('matches the Standard-Webhooks test vector layout (key = hex-decoded bytes)', () => {
    const secret = `whsec_${'00'.repeat(31)}01`;
    const sig = sign(secret, 'evt_1', 1700000000, '{"a":1}');
    expect(sig).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(sign(secret, 'evt_1', 1700000000, '{"a":2}')).not.toBe(sig);
  });
});
