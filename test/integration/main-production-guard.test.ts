import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';

/** Production is where a profile points, not only what it was created as. */
describe('production guard by base URL', () => {
  let t: TestConsole;
  beforeAll(async () => {
    t = await startTestConsole();
  });
  afterAll(async () => t?.close());

  const profile = async (id: string) => unwrap(await t.oms.settings.listProfiles({})).find((p) => p.id === id)!;

  it.each([
    ['prod-eu', 'https://api.polygon.technology'],
    ['prod-next', 'https://API.Polygon.Technology./v0.11/'],
    ['prod-port', 'https://api.polygon.technology:443/oms'],
  ])('a custom profile on %s (%s) is production: red banner kind, and mutations need confirmation', async (id, baseUrl) => {
    unwrap(await t.oms.settings.saveProfile({ id, name: `Custom ${id}`, baseUrl, apiVersion: 'v0.9' }));
    expect(await profile(id)).toMatchObject({ kind: 'production', builtIn: false });
    unwrap(await t.oms.settings.setActiveProfile({ profileId: id }));
    expect(unwrap(await t.oms.app.info({})).profile).toMatchObject({ id, kind: 'production' });
    const e = failure(await t.oms.customers.create({ customer: { type: 'individual', firstName: 'Pat' } }));
    expect(e).toMatchObject({ code: 'CONFIRMATION_REQUIRED', details: { profileId: id } });
    unwrap(await t.oms.settings.setActiveProfile({ profileId: 'local' }));
  });

  it.each([
    ['near-sandbox', 'https://sandbox-api.polygon.technology'],
    ['near-lookalike', 'https://api.polygon.technology.example.com'],
  ])('%s (%s) stays custom', async (id, baseUrl) => {
    unwrap(await t.oms.settings.saveProfile({ id, name: id, baseUrl, apiVersion: 'v0.9' }));
    expect(await profile(id)).toMatchObject({ kind: 'custom', builtIn: false });
  });

  it('report-only verification on a production profile needs a confirmation naming it', async () => {
    const p = await profile('prod-eu');
    const save = (confirm?: { profileId: string }) =>
      t.oms.settings.saveProfile({ id: p.id, name: p.name, baseUrl: p.baseUrl, apiVersion: p.apiVersion, webhookVerification: 'report-only', ...(confirm ? { confirm } : {}) });
    expect(failure(await save())).toMatchObject({ code: 'CONFIRMATION_REQUIRED', details: { profileId: 'prod-eu' } });
    expect(failure(await save({ profileId: 'local' })).code).toBe('CONFIRMATION_REQUIRED');
    expect((await profile('prod-eu')).webhookVerification).toBe('enforce');

    const builtIn = await profile('production');
    expect(failure(await t.oms.settings.saveProfile({ id: 'production', name: builtIn.name, baseUrl: builtIn.baseUrl, apiVersion: builtIn.apiVersion, webhookVerification: 'report-only' })).code).toBe('CONFIRMATION_REQUIRED');

    unwrap(await t.oms.settings.setActiveProfile({ profileId: 'prod-eu' }));
    // The listener's operation has no second way in: the mode is the profile's, behind the guard above.
    const sideDoor = await t.call('inbox.configureListener', { verification: 'report-only', confirm: { profileId: 'prod-eu' } });
    expect(failure(sideDoor)).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('verification') });
    expect((await profile('prod-eu')).webhookVerification).toBe('enforce');
    unwrap(await t.oms.settings.setActiveProfile({ profileId: 'local' }));
    // Not production: report-only as before, no confirmation.
    unwrap(await t.oms.settings.saveProfile({ id: 'near-sandbox', name: 'near-sandbox', baseUrl: 'https://sandbox-api.polygon.technology', apiVersion: 'v0.9', webhookVerification: 'report-only' }));
  });

  it('a custom production profile can still be deleted (it is not built in)', async () => {
    expect(unwrap(await t.oms.settings.deleteProfile({ profileId: 'prod-port' })).deleted).toBe(true);
  });
});
