import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src-relay/rate-limiter.ts';
import { jsonLogger } from '../../../src-relay/relay-log.ts';
import { deliveryFrame } from '../../../src-relay/fanout-cache.ts';

describe('rate limiter', () => {
  it('allows the burst, then refuses with the seconds to wait, then refills per key', () => {
    const rl = new RateLimiter(2, 3);
    const t = 1_000_000;
    expect([rl.take('a', t), rl.take('a', t), rl.take('a', t)]).toEqual([0, 0, 0]);
    expect(rl.take('a', t)).toBe(1);
    expect(rl.take('b', t)).toBe(0);
    expect(rl.take('a', t + 500)).toBe(0);
    expect(rl.take('a', t + 500)).toBeGreaterThan(0);
  });
});

describe('json logger', () => {
  it('writes one JSON line, redacts secret-looking fields and filters by level', () => {
    const lines: string[] = [];
    const log = jsonLogger('info', (l) => lines.push(l));
    log('debug', 'hidden');
    log('info', 'ingested', { channel: 'team', token: 'rly_x', authorization: 'Bearer y', 'webhook-signature': 'v1,z', body: '{}', bytes: 2 });
    log('notice', 'listening');
    expect(lines).toHaveLength(2);
    const rec = JSON.parse(lines[0]!);
    expect(rec).toMatchObject({ level: 'info', msg: 'ingested', channel: 'team', bytes: 2, token: '[redacted]', authorization: '[redacted]', 'webhook-signature': '[redacted]', body: '[redacted]' });
    expect(lines.join('')).not.toMatch(/rly_x|Bearer y|v1,z/);
  });
});

describe('SSE delivery frame', () => {
  it('puts the cursor in id:, and the exact bytes (any of them) base64 in one data: line', () => {
    const body = Buffer.from([0x7b, 0x0a, 0x0d, 0xff, 0x00, 0xe2, 0x82, 0xac, 0x7d]);
    const text = deliveryFrame({ cursor: '42', receivedAt: 0, headers: { 'webhook-id': 'msg_1' }, body });
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['id: 42', 'event: delivery']);
    expect(lines[2]!.startsWith('data: ')).toBe(true);
    expect(lines.slice(3)).toEqual(['', '']);
    const data = JSON.parse(lines[2]!.slice(6));
    expect(Buffer.from(data.bodyBase64, 'base64').equals(body)).toBe(true);
    expect(data).toMatchObject({ cursor: '42', headers: { 'webhook-id': 'msg_1' }, receivedAt: '1970-01-01T00:00:00.000Z' });
  });
});
