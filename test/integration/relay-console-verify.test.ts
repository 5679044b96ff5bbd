// The console's own verifier (standard-webhooks-v1, as in `enforce`) judges what came through the
// relay: OMS-style hex `whsec_` secret, pretty-printed and non-ASCII bodies.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signStandardWebhooks, standardWebhooksV1 } from '../../src-main/webhooks/signature-verifier.ts';
import type { RedisServer } from '../unit/relay/support/relay-harness.ts';
import { countDeliveries, ENGINES, ingest, startRedis, subscribe } from '../unit/relay/support/relay-harness.ts';
import type { RelayFixture } from '../unit/relay/support/relay-fixture.ts';
import { relayFixture } from '../unit/relay/support/relay-fixture.ts';

const SECRET = `whsec_${'a1'.repeat(32)}`;
let redis: RedisServer;
let fx: RelayFixture | null = null;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  await fx?.close();
  fx = null;
});

describe.each(ENGINES)('console verifier on relayed deliveries (%s)', (engine) => {
  it('verifies every relayed delivery over the bytes received, and would have caught a rewritten body', async () => {
    fx = await relayFixture(engine, redis);
    const token = await fx.mint('team', 'alice');
    const sub = await subscribe(fx.base, 'team', token);
    const event = { id: 'evt_1', object: 'event', type: 'customer.updated', data: { object: { id: 'cst_1', firstName: 'Zoë', lastName: 'Åström-Nguyễn', note: '日本語 🚀' } } };
    const bodies = [JSON.stringify(event, null, 2), `${JSON.stringify(event, null, 4)}\r\n`, JSON.stringify(event)];
    const ts = Math.floor(Date.now() / 1000);
    for (const [i, body] of bodies.entries()) {
      const headers = { 'webhook-id': `evt_${i}`, 'webhook-timestamp': String(ts), 'webhook-signature': signStandardWebhooks(SECRET, `evt_${i}`, ts, body) };
      expect(await ingest(fx.base, 'team', Buffer.from(body), headers)).toBe(200);
    }
    await sub.waitFor(countDeliveries(3));
    for (const d of sub.deliveries()) {
      const result = standardWebhooksV1.verify({ headers: d.headers, rawBody: d.body, secrets: [SECRET], nowSec: Math.floor(Date.now() / 1000) });
      expect(result.verdict, result.reason).toBe('verified');
      // What smee does (parse and re-stringify) breaks the pretty-printed ones: the check is real.
      const rewritten = Buffer.from(JSON.stringify(JSON.parse(d.body.toString())));
      if (!rewritten.equals(d.body)) expect(standardWebhooksV1.verify({ headers: d.headers, rawBody: rewritten, secrets: [SECRET], nowSec: ts }).verdict).toBe('bad_signature');
    }
    sub.close();
  });
});
