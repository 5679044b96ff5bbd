import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';

/** Saving a key for a remote profile says plainly whether OMS accepts it (a real token exchange). */
describe('settings.checkCredentials', () => {
  let t: TestConsole;
  beforeAll(async () => {
    t = await startTestConsole();
  });
  afterAll(async () => t?.close());

  it('says yes for working credentials and no, with OMS reason, for wrong ones', async () => {
    const sandbox = t.app.services.local.handle ?? (await t.app.services.local.ensure());
    const good = await t.app.services.local.credentials();
    const origin = new URL(sandbox.baseUrl).origin;
    unwrap(await t.oms.settings.saveProfile({ id: 'remote-check', name: 'Remote check', baseUrl: origin, apiVersion: 'v0.9' }));

    unwrap(await t.oms.settings.setCredentials({ profileId: 'remote-check', apiKey: good.apiKey, apiSecret: good.apiSecret, sessionOnly: true }));
    const yes = unwrap(await t.oms.settings.checkCredentials({ profileId: 'remote-check' }));
    expect(yes.ok).toBe(true);
    expect(yes.message).toMatch(/accepted these credentials/);

    unwrap(await t.oms.settings.setCredentials({ profileId: 'remote-check', apiKey: 'sk_sdbx_wrongkey12345', apiSecret: 'wrong-secret-123', sessionOnly: true }));
    const no = unwrap(await t.oms.settings.checkCredentials({ profileId: 'remote-check' }));
    expect(no.ok).toBe(false);
    expect(no.message).not.toContain('wrong-secret-123');
    expect(no.message.length).toBeGreaterThan(10);
  });
});
