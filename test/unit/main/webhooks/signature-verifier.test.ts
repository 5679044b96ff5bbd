import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signStandardWebhooks, standardWebhooksV1 } from '../../../../src-main/webhooks/signature-verifier.ts';

const hex32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => `whsec_${Buffer.from(b).toString('hex')}`);
const eventId = fc.stringMatching(/^evt_[A-Za-z0-9]{1,40}$/);
const nowSec = fc.integer({ min: 1_000_000_000, max: 4_000_000_000 });
const body = fc.uint8Array({ minLength: 0, maxLength: 2048 }).map((b) => Buffer.from(b));

function headersFor(secret: string, id: string, ts: number, raw: Buffer) {
  return { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signStandardWebhooks(secret, id, ts, raw) };
}
const verify = (headers: Record<string, string>, rawBody: Buffer, secrets: string[], now: number) =>
  standardWebhooksV1.verify({ headers, rawBody, secrets, nowSec: now });

/** Flips one byte of a string at a chosen position to a different printable byte. */
function mutate(s: string, pos: number, delta: number): string {
  const b = Buffer.from(s);
  const i = pos % b.length;
  b[i] = 0x21 + ((b[i]! - 0x21 + 1 + (delta % 93)) % 94);
  return b.toString('latin1');
}

describe('standard-webhooks-v1 properties', () => {
  it('sign → verify holds for random ids, timestamps, bodies and secrets', () => {
    fc.assert(
      fc.property(hex32, eventId, nowSec, fc.integer({ min: -300, max: 300 }), body, (secret, id, now, skew, raw) => {
        const r = verify(headersFor(secret, id, now + skew, raw), raw, [secret], now);
        expect(r.verdict).toBe('verified');
      }),
      { numRuns: 300 },
    );
  });

  it('any one-byte change to the body fails', () => {
    fc.assert(
      fc.property(hex32, eventId, nowSec, body.filter((b) => b.length > 0), fc.nat(), fc.integer({ min: 1, max: 255 }), (secret, id, now, raw, pos, x) => {
        const h = headersFor(secret, id, now, raw);
        const changed = Buffer.from(raw);
        changed[pos % changed.length]! ^= x;
        expect(verify(h, changed, [secret], now).verdict).toBe('bad_signature');
      }),
      { numRuns: 300 },
    );
  });

  it('any one-byte change to the id or the timestamp fails', () => {
    fc.assert(
      fc.property(hex32, eventId, nowSec, body, fc.nat(), fc.nat(), (secret, id, now, raw, pos, d) => {
        const h = headersFor(secret, id, now, raw);
        const badId = verify({ ...h, 'webhook-id': mutate(id, pos, d) }, raw, [secret], now);
        expect(badId.verdict).toBe('bad_signature');
        // A changed timestamp digit stays a number (else it is a header error, also a failure).
        const ts = String(now).split('');
        const i = pos % ts.length;
        ts[i] = String((Number(ts[i]) + 1 + (d % 9)) % 10);
        const badTs = verify({ ...h, 'webhook-timestamp': ts.join('') }, raw, [secret], Number(ts.join('')));
        expect(badTs.verdict).not.toBe('verified');
      }),
      { numRuns: 300 },
    );
  });

  it('any one-byte change to the signature or the secret fails', () => {
    fc.assert(
      fc.property(hex32, eventId, nowSec, body, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.nat(), (secret, id, now, raw, pos, x, hpos) => {
        const h = headersFor(secret, id, now, raw);
        const mac = Buffer.from(h['webhook-signature'].slice(3), 'base64');
        mac[pos % mac.length]! ^= x;
        expect(verify({ ...h, 'webhook-signature': `v1,${mac.toString('base64')}` }, raw, [secret], now).verdict).toBe('bad_signature');
        const hex = secret.slice(6).split('');
        const j = hpos % hex.length;
        hex[j] = hex[j] === '0' ? '1' : '0';
        expect(verify(h, raw, [`whsec_${hex.join('')}`], now).verdict).toBe('bad_signature');
      }),
      { numRuns: 300 },
    );
  });

  it('rotation: two signatures in one header, either secret verifies; secrets are tried in turn', () => {
    fc.assert(
      fc.property(hex32, hex32, hex32, eventId, nowSec, body, (oldS, newS, other, id, now, raw) => {
        fc.pre(new Set([oldS, newS, other]).size === 3);
        const both = `${signStandardWebhooks(oldS, id, now, raw)} ${signStandardWebhooks(newS, id, now, raw)}`;
        const h = { 'webhook-id': id, 'webhook-timestamp': String(now), 'webhook-signature': both };
        expect(verify(h, raw, [oldS], now).verdict).toBe('verified');
        expect(verify(h, raw, [newS], now).verdict).toBe('verified');
        expect(verify(h, raw, [other, newS], now)).toMatchObject({ verdict: 'verified', secretIndex: 1 });
        expect(verify(h, raw, [other], now).verdict).toBe('bad_signature');
      }),
      { numRuns: 200 },
    );
  });
});

describe('standard-webhooks-v1 verdicts', () => {
  const secret = `whsec_${'ab'.repeat(32)}`;
  const raw = Buffer.from('{"id":"evt_1","type":"customer.updated"}');
  const now = 1_750_000_000;

  it.each([
    [299, 'verified'],
    [-299, 'verified'],
    [300, 'verified'],
    [301, 'future_timestamp'],
    [-301, 'stale_timestamp'],
  ])('skew %i s → %s', (skew, verdict) => {
    expect(verify(headersFor(secret, 'evt_1', now + skew, raw), raw, [secret], now).verdict).toBe(verdict);
  });

  it('names what is missing and what is unknown', () => {
    const h = headersFor(secret, 'evt_1', now, raw);
    expect(verify({ 'webhook-id': 'evt_1' }, raw, [secret], now)).toMatchObject({ verdict: 'missing_headers' });
    expect(verify({ ...h, 'webhook-timestamp': 'yesterday' }, raw, [secret], now).verdict).toBe('missing_headers');
    expect(verify({ ...h, 'webhook-signature': 'v2,abc' }, raw, [secret], now).reason).toContain('v2');
    expect(verify(h, raw, [], now).verdict).toBe('unknown_secret');
    expect(verify(h, raw, ['not-a-secret'], now).verdict).toBe('unknown_secret');
  });

  it('says when a relay re-serialised the body', () => {
    const pretty = Buffer.from('{ "id": "evt_1" }');
    const compact = Buffer.from(JSON.stringify(JSON.parse(pretty.toString())));
    const h = headersFor(secret, 'evt_1', now, compact);
    expect(verify(h, pretty, [secret], now).reason).toContain('re-serialised');
  });
});
