import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelope, signed } from '../unit/main/webhooks/harness.ts';
import { eventually, failure, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';

const FORGED = `whsec_${'00'.repeat(32)}`;

// One setting, one home: the profile's verification mode is what the listener judges by, and the
// listener's own operation and table keep no second copy that could disagree with it.
describe('verification mode: the profile is its only home', () => {
  let t: TestConsole;
  let url: string;
  beforeAll(async () => {
    t = await startTestConsole();
    url = await eventually(async () => unwrap(await t.oms.inbox.listenerStatus({})).url, 'the listener bound', 250);
  });
  afterAll(async () => t?.close());

  const deliver = async (id: string) => {
    const body = envelope(id, 'customer.updated', 'cst_mode');
    return (await fetch(url, { method: 'POST', headers: signed(id, body, { secret: FORGED }), body })).status;
  };
  const local = async () => unwrap(await t.oms.settings.listProfiles({})).find((p) => p.id === 'local')!;
  const saveMode = async (webhookVerification: 'enforce' | 'report-only') => {
    const p = await local();
    unwrap(await t.oms.settings.saveProfile({ id: p.id, name: p.name, baseUrl: p.baseUrl, apiVersion: p.apiVersion, webhookVerification }));
  };

  it('a mode saved in the profile is the one the intake judges by, and the status shows it', async () => {
    expect((await local()).webhookVerification).toBe('enforce');
    expect(await deliver('evt_mode_1')).toBe(400);
    await saveMode('report-only');
    expect(unwrap(await t.oms.inbox.listenerStatus({})).verification).toBe('report-only');
    expect(await deliver('evt_mode_2')).toBe(200);
    const entry = await eventually(async () => unwrap(await t.oms.inbox.list({ limit: 10 })).items.find((e) => e.eventId === 'evt_mode_2'), 'the report-only delivery');
    expect(entry.verdict).toBe('bad_signature');
    await saveMode('enforce');
    expect(await deliver('evt_mode_3')).toBe(400);
  });

  it('the listener operation refuses a mode, naming the key, and changes nothing', async () => {
    const r = await t.call('inbox.configureListener', { verification: 'report-only' });
    expect(failure(r)).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('"verification"') });
    expect((await local()).webhookVerification).toBe('enforce');
    expect(unwrap(await t.oms.inbox.listenerStatus({})).verification).toBe('enforce');
  });

  it('the listener table holds no copy of it', () => {
    const cols = (t.app.db.prepare('PRAGMA table_info(webhook_listener_config)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toContain('relay_url');
    expect(cols).not.toContain('verification');
  });
});
