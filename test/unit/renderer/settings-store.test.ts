import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { useSettings as SettingsStore } from '../../../src-renderer/src/features/settings/settings.store.ts';
import type { useConfirm as ConfirmStore } from '../../../src-renderer/src/stores/confirm.store.ts';
import { eventually, startTestConsole, unwrap, type TestConsole } from '../../integration/main-support/console.ts';

/**
 * The settings store over the renderer's api client and `window.oms` wired to a real console: what
 * the Settings screen lists and changes is what main stored.
 */
describe('settings store', () => {
  let t: TestConsole;
  let useSettings: typeof SettingsStore;
  let useConfirm: typeof ConfirmStore;

  beforeAll(async () => {
    t = await startTestConsole();
    (globalThis as { window?: unknown }).window = { oms: t.oms };
    ({ useSettings } = await import('../../../src-renderer/src/features/settings/settings.store.ts'));
    ({ useConfirm } = await import('../../../src-renderer/src/stores/confirm.store.ts'));
  });
  afterAll(async () => t?.close());

  it('lists the profiles main keeps, saves a new one and deletes it, each read back', async () => {
    await useSettings.getState().load();
    expect(useSettings.getState().req.status).toBe('ok');
    expect(useSettings.getState().profiles.map((p) => p.id)).toContain('production');
    expect(useSettings.getState().keychain).not.toBeNull();

    unwrap(await useSettings.getState().saveProfile({ id: 'staging-eu', name: 'Staging EU', baseUrl: 'https://staging.example.com', apiVersion: 'v0.9' }));
    expect(useSettings.getState().profiles.find((p) => p.id === 'staging-eu')?.name).toBe('Staging EU');
    unwrap(await useSettings.getState().deleteProfile('staging-eu'));
    expect(useSettings.getState().profiles.some((p) => p.id === 'staging-eu')).toBe(false);
    expect(unwrap(await t.oms.settings.listProfiles({})).some((p) => p.id === 'staging-eu')).toBe(false);
  });

  it('report-only on production asks first: declined, nothing changes; confirmed, main stores it', async () => {
    const p = await production_();
    const input = { id: p.id, name: p.name, baseUrl: p.baseUrl, apiVersion: p.apiVersion, webhookVerification: 'report-only' as const };

    const declined = useSettings.getState().saveProfile(input);
    await eventually(async () => useConfirm.getState().pending, 'the confirmation asked');
    expect(useConfirm.getState().pending?.profileName).toBe('production');
    useConfirm.getState().answer(false);
    expect((await declined).ok).toBe(false);
    expect((await production_()).webhookVerification).toBe('enforce');

    const confirmed = useSettings.getState().saveProfile(input);
    await eventually(async () => useConfirm.getState().pending, 'the confirmation asked again');
    useConfirm.getState().answer(true);
    unwrap(await confirmed);
    expect((await production_()).webhookVerification).toBe('report-only');
    unwrap(await useSettings.getState().saveProfile({ ...input, webhookVerification: 'enforce' }));
    expect((await production_()).webhookVerification).toBe('enforce');
  });

  it('credentials that cannot be an API key are refused, and the profile keeps none', async () => {
    const r = await useSettings.getState().setCredentials('production', 'not-a-key', 'secret-value', true);
    expect(!r.ok && r.error.code).toBe('INVALID_INPUT');
    await useSettings.getState().load();
    expect(JSON.stringify(useSettings.getState().profiles)).not.toContain('secret-value');
  });

  async function production_() {
    return unwrap(await t.oms.settings.listProfiles({})).find((p) => p.id === 'production')!;
  }
});
