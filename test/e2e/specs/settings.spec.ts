import { expect, test } from '../fixtures/test.ts';
import { oms, shot, uniqueTag } from '../pages/console.page.ts';

test('settings: adds a custom profile after fixing field errors, edits its version and verification, then deletes it', async ({ app }) => {
  const id = `e2e-${uniqueTag()}`.slice(0, 30);
  await app.getByRole('link', { name: 'Settings' }).click();
  const profiles = app.getByRole('region', { name: 'Profiles' });
  await profiles.getByRole('button', { name: 'Add custom profile' }).click();
  const form = app.getByRole('form', { name: 'New custom profile' });
  await form.getByLabel('Profile id').fill('Not An Id');
  await form.getByLabel('Name').fill('Staging EU');
  await form.getByLabel('Base URL').fill('http://staging.example.test');
  await form.getByLabel('API version segment').fill('0.9');
  await form.getByRole('button', { name: 'Add profile' }).click();
  // INVALID_INPUT details land on the fields they name; nothing is saved.
  await expect(form.getByText('must be lower-case letters, digits and dashes (max 40)')).toBeVisible();
  await expect(form.getByText('must be https, or http on a loopback address')).toBeVisible();
  await expect(form.getByText('must look like v0.9')).toBeVisible();
  await expect(form.getByLabel('Base URL')).toHaveAttribute('aria-invalid', 'true');
  await shot(app, 'settings-profile-errors');

  await form.getByLabel('Profile id').fill(id);
  await form.getByLabel('Base URL').fill('https://staging.example.test');
  await form.getByLabel('API version segment').fill('v1.0');
  await form.getByRole('radio', { name: /Report only/ }).check();
  await form.getByRole('button', { name: 'Add profile' }).click();
  await expect(form).toBeHidden();
  const item = profiles.getByRole('listitem', { name: 'Profile Staging EU' });
  await expect(item).toContainText('https://staging.example.test/v1.0');
  await expect(item).toContainText('report only');

  // Edit: version segment and verification mode.
  await item.getByRole('button', { name: 'Edit Staging EU' }).click();
  const edit = item.getByRole('form', { name: 'Edit profile Staging EU' });
  await edit.getByLabel('API version segment').fill('v1.1');
  await edit.getByRole('radio', { name: /Enforce/ }).check();
  await edit.getByRole('button', { name: 'Save profile' }).click();
  await expect(item).toContainText('https://staging.example.test/v1.1');
  await expect(item).toContainText('enforced');
  const saved = await oms<{ id: string; apiVersion: string; webhookVerification: string }[]>(app, 'settings', 'listProfiles');
  expect(saved.find((p) => p.id === id)).toMatchObject({ apiVersion: 'v1.1', webhookVerification: 'enforce' });
  await shot(app, 'settings-profiles');

  // Delete asks inline first.
  await item.getByRole('button', { name: 'Delete', exact: true }).click();
  await item.getByRole('button', { name: 'Delete profile' }).click();
  await expect(item).toBeHidden();
});

test('settings: a built-in profile keeps its base URL; its version segment and the active profile verification are editable', async ({ app }) => {
  await app.getByRole('link', { name: 'Settings' }).click();
  const item = app.getByRole('region', { name: 'Profiles' }).getByRole('listitem', { name: 'Profile OMS sandbox' });
  await item.getByRole('button', { name: 'Edit OMS sandbox' }).click();
  const edit = item.getByRole('form', { name: 'Edit profile OMS sandbox' });
  await expect(edit.getByLabel('Base URL')).toBeDisabled();
  await edit.getByLabel('API version segment').fill('v0.10');
  await edit.getByRole('button', { name: 'Save profile' }).click();
  await expect(item).toContainText('/v0.10');
  try {
    // The listener panel edits the active profile's verification mode.
    const listener = app.getByRole('region', { name: 'Webhook listener' });
    // The radio follows the saved profile, so it turns checked once main has stored the change.
    const reportOnly = listener.getByRole('radio', { name: /Report only/ });
    await reportOnly.click();
    await expect(reportOnly).toBeChecked();
    await expect(app.getByRole('region', { name: 'Profiles' }).getByRole('listitem', { name: 'Profile Local sandbox' })).toContainText('report only');
    expect((await oms<{ verification: string }>(app, 'inbox', 'listenerStatus')).verification).toBe('report-only');
    await expect(listener.getByRole('button', { name: 'Save listener settings' })).toBeVisible();
    await shot(app, 'settings-listener');
  } finally {
    const list = await oms<{ id: string; name: string; baseUrl: string; apiVersion: string }[]>(app, 'settings', 'listProfiles');
    const sb = list.find((p) => p.id === 'oms-sandbox')!;
    await oms(app, 'settings', 'saveProfile', { id: sb.id, name: sb.name, baseUrl: sb.baseUrl, apiVersion: 'v0.9' });
    const local = list.find((p) => p.id === 'local')!;
    await oms(app, 'settings', 'saveProfile', { id: local.id, name: local.name, baseUrl: local.baseUrl, apiVersion: local.apiVersion, webhookVerification: 'enforce' });
  }
});
