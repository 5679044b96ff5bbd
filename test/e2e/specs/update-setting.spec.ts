import { expect, test } from '../fixtures/test.ts';
import { oms } from '../pages/console.page.ts';

/** The desktop app's quiet update check at start can be turned off; the choice persists (read by main at start). */
test('Settings → Desktop: "Check for updates when the console starts" is on by default and stays off once unticked', async ({ app }) => {
  await app.getByRole('link', { name: 'Settings' }).click();
  const box = app.getByRole('region', { name: 'Desktop' }).getByRole('checkbox', { name: 'Check for updates when the console starts' });
  await expect(box).toBeChecked();
  try {
    await box.uncheck();
    await expect.poll(async () => (await oms<{ updates: { checkAtStart: boolean } }>(app, 'settings', 'desktopPrefs')).updates.checkAtStart).toBe(false);
    await app.reload();
    await app.getByRole('link', { name: 'Settings' }).click();
    await expect(app.getByRole('region', { name: 'Desktop' }).getByRole('checkbox', { name: 'Check for updates when the console starts' })).not.toBeChecked();
  } finally {
    await oms(app, 'settings', 'setDesktopPrefs', { updates: { checkAtStart: true } });
  }
});
