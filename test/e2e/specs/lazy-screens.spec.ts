import type { Page } from '@playwright/test';
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
  await expect(customersScreen(app).results.getByRole('option').first()).toBeVisible();
  await app.getByRole('link', { name: 'Settings' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  expect(scripts.some((s) => s.includes('/assets/SettingsScreen-'))).toBe(true);
});

test('a screen whose code cannot be fetched says so and offers Reload, which brings it back', async ({ app, consoleProcess }) => {
  let blocked = true;
  await app.route(/\/assets\/LogsScreen-[^/]+\.js$/, (route) => (blocked ? route.abort('failed') : route.continue()));
  await app.goto(consoleProcess.url);
  await expect(customersScreen(app).results).toBeVisible();
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

/**
 * The scripts the page runs before DOMContentLoaded (the entry and its static imports: what the first
 * screen cannot render without), and those of them whose text holds one of `markers`.
 */
async function entryScriptsHolding(app: Page, url: string, markers: readonly string[]): Promise<{ fetched: number; holding: string[] }> {
  const bodies: Promise<string>[] = [];
  let loaded = false;
  app.on('domcontentloaded', () => (loaded = true));
  app.on('response', (r) => {
    if (!loaded && r.request().resourceType() === 'script') bodies.push(r.text().then((body) => (markers.some((m) => body.includes(m)) ? new URL(r.url()).pathname : '')));
  });
  await app.goto(url);
  await expect(customersScreen(app).results.getByRole('option').first()).toBeVisible();
  return { fetched: bodies.length, holding: (await Promise.all(bodies)).filter(Boolean) };
}

test('the customer list comes up without the charting library; the OMS latency sparkline still draws once readings come in', async ({ app, consoleProcess }) => {
  // uPlot's own class names survive minification: a script holding them carries the library.
  const first = await entryScriptsHolding(app, consoleProcess.url, ['u-over']);
  expect(first.fetched).toBeGreaterThan(0);
  expect(first.holding).toEqual([]);
  // Two readings of OMS's latency make a sparkline: the chart's chunk is fetched then, and draws.
  await customersScreen(app).search.fill('a');
  await customersScreen(app).search.fill('ma');
  const spark = app.getByRole('figure', { name: 'OMS latency' });
  await expect(spark).toBeVisible();
  await expect(spark.locator('canvas')).toHaveCount(1);
});

test('the customer list comes up without zod and the contracts\' schemas; a screen that validates a form still does', async ({ app, consoleProcess }) => {
  // zod's issue codes are strings its minified code still holds.
  const first = await entryScriptsHolding(app, consoleProcess.url, ['invalid_type', 'too_small']);
  expect(first.fetched).toBeGreaterThan(0);
  expect(first.holding).toEqual([]);
  // Onboarding's form checks its fields with the shared schema (zod, in its own chunk) before sending.
  await app.getByRole('link', { name: 'Onboarding' }).click();
  const startOver = app.getByRole('button', { name: 'Start over' });
  if (await startOver.isVisible()) await startOver.click();
  await app.getByLabel('Email').fill('not-an-email');
  await app.getByRole('button', { name: 'Create customer' }).click();
  await expect(app.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(app.getByText('must be an email address')).toBeVisible();
});

test('a charting chunk that cannot be fetched leaves the latency sparkline out, not the console', async ({ app, consoleProcess }) => {
  await app.route(/\/assets\/UPlotChart-[^/]+\.js$/, (route) => route.abort('failed'));
  await app.goto(consoleProcess.url);
  await expect(customersScreen(app).results.getByRole('option').first()).toBeVisible();
  await customersScreen(app).search.fill('ma');
  await expect(app.getByRole('status', { name: 'OMS status' })).toContainText(/OMS reachable · \d+ ms/);
  await expect(customersScreen(app).results.getByRole('option').first()).toBeVisible();
  await expect(app.getByRole('figure', { name: 'OMS latency' })).toHaveCount(0);
  await app.getByRole('link', { name: 'Settings' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});
