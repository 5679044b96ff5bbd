import { expect, test } from '../fixtures/test.ts';
import { customersScreen } from '../pages/console.page.ts';

// Screens other than the customer list are separate chunks (App.tsx): they load on first visit or
// ahead of it, and a chunk that cannot be fetched ends in a plain sentence with Reload.

test('Settings arrives as its own chunk (on the way there, or ahead of time once the list is up)', async ({ app, consoleProcess }) => {
  const scripts: string[] = [];
  app.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await app.goto(consoleProcess.url);
  await expect(app.getByRole('listbox', { name: 'Customers' }).getByRole('option').first()).toBeVisible();
  await app.getByRole('link', { name: 'Settings' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  expect(scripts.some((s) => s.includes('/assets/SettingsScreen-'))).toBe(true);
});

test('a screen whose code cannot be fetched says so and offers Reload, which brings it back', async ({ app, consoleProcess }) => {
  let blocked = true;
  await app.route(/\/assets\/LogsScreen-[^/]+\.js$/, (route) => (blocked ? route.abort('failed') : route.continue()));
  await app.goto(consoleProcess.url);
  await expect(app.getByRole('listbox', { name: 'Customers' })).toBeVisible();
  await app.getByRole('link', { name: 'Logs' }).click();
  const alert = app.getByRole('alert').filter({ hasText: 'This screen could not be loaded.' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Reload to get the current version.');
  // The rest of the console still works: another screen opens.
  await app.getByRole('link', { name: 'Customers' }).click();
  await expect(customersScreen(app).search).toBeEditable();
  await app.getByRole('link', { name: 'Logs' }).click();
  blocked = false;
  await alert.getByRole('button', { name: 'Reload' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Logs' })).toBeVisible();
  await expect(alert).toHaveCount(0);
});

test('the customer list comes up without the charting library; the OMS latency sparkline still draws once readings come in', async ({ app, consoleProcess }) => {
  // uPlot's own class names survive minification: a script holding them carries the library.
  const beforeRows: Promise<string>[] = [];
  let listUp = false;
  app.on('response', (r) => {
    if (!listUp && r.request().resourceType() === 'script') beforeRows.push(r.text().then((body) => (body.includes('u-over') ? new URL(r.url()).pathname : '')));
  });
  await app.goto(consoleProcess.url);
  await expect(app.getByRole('listbox', { name: 'Customers' }).getByRole('option').first()).toBeVisible();
  listUp = true;
  const withCharts = (await Promise.all(beforeRows)).filter(Boolean);
  expect(beforeRows.length).toBeGreaterThan(0);
  expect(withCharts).toEqual([]);
  // Two readings of OMS's latency make a sparkline: the chart's chunk arrives then, and draws.
  await app.getByRole('searchbox', { name: 'Search customers' }).fill('a');
  await app.getByRole('searchbox', { name: 'Search customers' }).fill('ma');
  const spark = app.getByRole('figure', { name: 'OMS latency' });
  await expect(spark).toBeVisible();
  await expect(spark.locator('canvas')).toHaveCount(1);
});
