import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerView, envelope, post, settle, signed, startConsole, tempDir, type Console } from './harness.ts';

describe('webhook pipeline over real HTTP and SQLite', () => {
  let tmp: ReturnType<typeof tempDir>;
  let c: Console;
  beforeEach(async () => {
    tmp = tempDir();
    c = await startConsole(tmp.dir);
  });
  afterEach(async () => {
    await c.stop();
    tmp.remove();
  });

  const now = () => Math.floor(Date.now() / 1000);

  it('verified delivery → 200, stored, re-fetched, pushed once', async () => {
    const body = envelope('evt_a1', 'customer.endorsement.granted', 'cst_1');
    const r = await post(c, signed('evt_a1', body), body);
    expect(r.status).toBe(200);
    await settle(c);
    const [entry] = c.subsystem.inbox.list({}).items;
    expect(entry).toMatchObject({ eventId: 'evt_a1', verdict: 'verified', applied: true, duplicate: false, customerId: 'cst_1' });
    expect(c.pushes.filter((p) => p.name === 'event.customers.refetched')).toHaveLength(1);
    expect(c.subsystem.status()).toMatchObject({ state: 'listening', lastVerdict: 'verified' });
  });

  // ±30 s either side of the 300 s tolerance: 299/301 failed now and then when a loaded machine took
  // over a second between signing (whole seconds) and verifying.
  it.each([
    [270, 200, 'verified'],
    [-270, 200, 'verified'],
    [330, 400, 'future_timestamp'],
    [-330, 400, 'stale_timestamp'],
  ])('skew %i s over HTTP → %i %s', async (skew, status, verdict) => {
    const body = envelope(`evt_s${skew}`, 'customer.updated', 'cst_1');
    const r = await post(c, signed(`evt_s${skew}`, body, { ts: now() + skew }), body);
    expect(r.status).toBe(status);
    expect(c.subsystem.inbox.list({}).items[0]!.verdict).toBe(verdict);
    if (status === 400) expect(JSON.parse(r.body)).toMatchObject({ received: false, verdict });
  });

  it('malformed and missing headers → 400 with the verdict, never a crash or a 5xx', async () => {
    const body = envelope('evt_m', 'customer.updated', 'cst_1');
    const good = signed('evt_m', body);
    const cases: [Record<string, string>, string, string][] = [
      [{ 'content-type': 'application/json' }, body, 'missing_headers'],
      [{ ...good, 'webhook-id': '' }, body, 'missing_headers'],
      [{ ...good, 'webhook-timestamp': 'soon' }, body, 'missing_headers'],
      [{ ...good, 'webhook-timestamp': '-5' }, body, 'missing_headers'],
      [{ ...good, 'webhook-signature': 'garbage' }, body, 'missing_headers'],
      [{ ...good, 'webhook-signature': 'v1,' }, body, 'missing_headers'],
      [{ ...good, 'webhook-signature': 'v1,!!!' }, body, 'missing_headers'],
      [{ ...good, 'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')}` }, body, 'bad_signature'],
      [signed('evt_m', 'not json'), 'not json', 'malformed_body'],
      [signed('evt_m', '[1,2]'), '[1,2]', 'malformed_body'],
      [signed('evt_m', '{"id":"evt_m"}'), '{"id":"evt_m"}', 'malformed_body'],
      [signed('evt_m', ''), '', 'malformed_body'],
    ];
    for (const [headers, b, verdict] of cases) {
      const r = await post(c, headers, b);
      expect(r.status, verdict).toBe(400);
      expect(JSON.parse(r.body).verdict).toBe(verdict);
    }
    expect(c.subsystem.inbox.list({ limit: 500 }).items.every((e) => !e.applied)).toBe(true);
    // The forged/broken ones did not burn the id: the genuine delivery still applies.
    expect((await post(c, good, body)).status).toBe(200);
    expect(c.subsystem.inbox.list({}).items[0]).toMatchObject({ applied: true, duplicate: false });
  });

  it('unknown_secret when the profile has none', async () => {
    await c.stop();
    c = await startConsole(tmp.dir, { secrets: async () => [] });
    const body = envelope('evt_u', 'customer.updated', 'cst_1');
    const r = await post(c, signed('evt_u', body), body);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).verdict).toBe('unknown_secret');
  });

  it('20 concurrent copies → one applied, one re-fetch, one push; duplicates acknowledged', async () => {
    const body = envelope('evt_dup', 'customer.endorsement.granted', 'cst_2');
    const rs = await Promise.all(Array.from({ length: 20 }, () => post(c, signed('evt_dup', body), body)));
    expect(rs.every((r) => r.status === 200)).toBe(true);
    await settle(c);
    const items = c.subsystem.inbox.list({ limit: 100 }).items;
    expect(items.filter((e) => e.applied)).toHaveLength(1);
    expect(items.filter((e) => e.duplicate)).toHaveLength(19);
    expect(c.subsystem.refresher.fetches).toBe(1);
    expect(c.bridge.sent.get('event.customers.refetched')).toBe(1);
  });

  it('enforce keeps an unverified delivery for inspection; report-only applies it, flagged', async () => {
    const body = envelope('evt_r', 'customer.updated', 'cst_3');
    const forged = signed('evt_r', body, { secret: `whsec_${'00'.repeat(32)}` });
    expect((await post(c, forged, body)).status).toBe(400);
    c.setMode('report-only');
    expect(c.subsystem.status().verification).toBe('report-only');
    expect((await post(c, forged, body)).status).toBe(200);
    await settle(c);
    const [latest] = c.subsystem.inbox.list({}).items;
    expect(latest).toMatchObject({ verdict: 'bad_signature', applied: true });
    expect(latest!.reason).toMatch(/^report-only/);
    expect(c.subsystem.refresher.fetches).toBe(1);
  });

  it('dedupe survives a restart; acknowledged-but-unapplied rows are resumed', async () => {
    const body = envelope('evt_p', 'customer.endorsement.granted', 'cst_4');
    expect((await post(c, signed('evt_p', body), body)).status).toBe(200);
    await settle(c);
    // Simulate a crash between the 2xx and the effect: a row left pending.
    c.subsystem.inbox.record(
      { profileId: 'local', eventId: 'evt_q', type: 'customer.updated', customerId: 'cst_5', verdict: 'verified', reason: 'x', variant: 'standard-webhooks-v1', source: 'listener', headers: {}, rawBody: Buffer.from(envelope('evt_q', 'customer.updated', 'cst_5')), receivedAt: new Date() },
      true,
    );
    await c.stop();
    c = await startConsole(tmp.dir, { api: new Map([['cst_5', customerView('cst_5', 'active')]]) });
    await settle(c);
    expect(c.pushes.filter((p) => p.name === 'event.customers.refetched').map((p) => (p.payload as { customerId: string }).customerId)).toEqual(['cst_5']);
    const r = await post(c, signed('evt_p', body), body);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).duplicate).toBe(true);
    await settle(c);
    expect(c.subsystem.refresher.fetches).toBe(1);
  });
});
