import { expect, test } from '../fixtures/test.ts';
import { oms, shot } from '../pages/console.page.ts';

/**
 * Notifications can be switched off per kind, and the theme follows the OS or an
 * override; the dark page background is the window background main paints before the page.
 */
test('Settings → Desktop: notification kinds and a theme override that applies at once and persists', async ({ app }) => {
  await app.getByRole('link', { name: 'Settings' }).click();
  const panel = app.getByRole('region', { name: 'Desktop' });
  const deposits = panel.getByLabel(/A deposit or transaction completed/);
  await expect(deposits).toBeChecked();
  try {
    await deposits.uncheck();
    await expect.poll(async () => (await oms<{ notifications: { fundsCompleted: boolean } }>(app, 'settings', 'desktopPrefs')).notifications.fundsCompleted).toBe(false);
    await panel.getByLabel('Theme').selectOption('dark');
    await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
    // The same colour main gives the window (src-main/desktop/theme.ts), so no light band shows.
    await expect(app.locator('html')).toHaveCSS('background-color', 'rgb(15, 17, 21)');
    await shot(app, 'settings-dark');
    await app.reload();
    await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
    await app.getByRole('link', { name: 'Settings' }).click();
    await expect(app.getByRole('region', { name: 'Desktop' }).getByLabel(/A deposit or transaction completed/)).not.toBeChecked();
  } finally {
    await oms(app, 'settings', 'setDesktopPrefs', { theme: 'system', notifications: { fundsCompleted: true } });
  }
  await app.reload();
  await expect(app.locator('html')).not.toHaveAttribute('data-theme', /./);
});
