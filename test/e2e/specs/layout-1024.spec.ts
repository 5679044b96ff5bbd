import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { goto, oms, searchBox, shot } from '../pages/console.page.ts';

const SCREENS = ['#/customers', '#/reviews', '#/onboarding', '#/wallets', '#/transactions', '#/inbox', '#/logs', '#/settings'];

/** Console errors and failed loads on the page from now on. */
function watch(page: Page) {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()} (${m.location().url})`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${new URL(r.url()).pathname}`));
  page.on('requestfailed', (r) => problems.push(`failed ${new URL(r.url()).pathname}: ${r.failure()?.errorText}`));
  return problems;
}

test('everywhere: no console errors or failed loads on any screen, from a cold page load', async ({ page, consoleProcess }) => {
  const problems = watch(page);
  await page.goto(consoleProcess.url);
  await expect(searchBox(page)).toBeVisible();
  for (const hash of SCREENS) {
    await goto(page, hash);
    await expect(page.getByRole('main')).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  expect(problems).toEqual([]);
});

test('everywhere: usable at 1024×700 — the banner keeps the profile, Logs fits, onboarding fields stay clear of the side panel, the sidebar collapses', async ({ app }) => {
  await app.setViewportSize({ width: 1024, height: 700 });
  const c = (await oms<{ items: { id: string }[] }>(app, 'customers', 'search', { limit: 1, endorsement: { name: 'basic', status: 'active' } })).items[0]!;
  // At least one audit row, so the Logs table is there to measure.
  await oms(app, 'pii', 'reveal', { customerId: c.id, fields: ['email'], reason: 'Layout check at 1024 px' });
  await oms(app, 'pii', 'reveal', { customerId: c.id, fields: ['phone'], reason: 'Layout check at 1024 px' });
  const fits = async (name: string) => {
    // Nothing wider than the window: no sideways scrolling anywhere.
    expect(await app.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${name} scrolls sideways`).toBeLessThanOrEqual(0);
    await shot(app, `w1024-${name}`);
  };
  // The banner shows the whole profile name, and the sidebar can be collapsed for room.
  const banner = app.getByRole('status', { name: 'Active profile' });
  await expect(banner).toContainText('Local sandbox');
  expect(await banner.getByText('Local sandbox', { exact: true }).evaluate((b) => b.scrollWidth <= b.clientWidth + 1)).toBe(true);
  const toggle = app.getByRole('button', { name: 'Collapse sidebar' });
  await toggle.click();
  await expect(app.getByRole('button', { name: 'Expand sidebar' })).toHaveAttribute('aria-expanded', 'false');
  await expect(app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review queue' })).toBeVisible();
  await fits('customers-collapsed');
  await app.getByRole('button', { name: 'Expand sidebar' }).click();
  await fits('customers');
  await goto(app, `#/customers/${c.id}`);
  await expect(app.getByRole('region', { name: 'Profile' })).toBeVisible();
  // Activity rows stack one under another (another screen's `.timeline` once laid them side by side).
  const rows = app.getByRole('list', { name: 'Activity, newest first' }).getByRole('listitem');
  await expect(rows.nth(1)).toBeVisible();
  const tops = await rows.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
  for (let i = 1; i < tops.length; i++) expect(tops[i]!).toBeGreaterThan(tops[i - 1]!);
  await fits('customer-view');
  await goto(app, `#/reviews/${c.id}`);
  await expect(app.getByRole('article', { name: 'Customer under review' })).toBeVisible();
  await expect(app.getByRole('listbox', { name: 'Review queue' })).toBeVisible({ timeout: 30_000 });
  await fits('reviews');
  await goto(app, '#/onboarding');
  const startOver = app.getByRole('button', { name: 'Start over' });
  if (await startOver.isVisible()) await startOver.click();
  // Every field of step 1 ends left of the side panel.
  const panelLeft = await app.getByRole('complementary').evaluate((a) => a.getBoundingClientRect().left);
  const rights = await app.locator('form input, form select').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
  for (const r of rights) expect(r).toBeLessThanOrEqual(panelLeft);
  await fits('onboarding');
  await goto(app, '#/logs');
  await app.getByRole('tab', { name: 'Audit log' }).click();
  await expect(app.getByRole('table', { name: 'Audit log' })).toBeVisible();
  const table = await app.getByRole('table', { name: 'Audit log' }).evaluate((t) => ({ table: t.getBoundingClientRect().right, panel: t.parentElement!.getBoundingClientRect().right }));
  expect(table.table).toBeLessThanOrEqual(table.panel + 1);
  // Each cell keeps its content inside it (the time once ran into the Action column).
  const spills = await app
    .getByRole('table', { name: 'Audit log' })
    .locator('td')
    .evaluateAll((tds) => tds.filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.textContent));
  expect(spills).toEqual([]);
  await fits('logs');
  for (const hash of ['#/settings', '#/inbox', '#/wallets']) {
    await goto(app, hash);
    await expect(app.getByRole('main')).toBeVisible();
    await fits(hash.slice(2));
  }
});
