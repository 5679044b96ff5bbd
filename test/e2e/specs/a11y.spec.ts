import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { customersScreen, goto, oms, shot } from '../pages/console.page.ts';

async function seriousViolations(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

test('axe: no serious or critical violation on any screen', async ({ app }) => {
  test.setTimeout(120_000);
  const page1 = await oms<{ items: { id: string; wallets: unknown[] }[] }>(app, 'customers', 'search', { limit: 20, endorsement: { name: 'cryptoCustody', status: 'active' } });
  const withWallet = page1.items.find((c) => c.wallets.length > 0) ?? page1.items[0]!;
  const screens: [string, string, () => Promise<void>][] = [
    ['customers', '#/customers', async () => expect(customersScreen(app).results.getByRole('option').first()).toBeVisible()],
    ['customer-detail', `#/customers/${withWallet.id}`, async () => expect(app.getByRole('region', { name: 'Endorsements' })).toBeVisible()],
    ['reviews', `#/reviews/${withWallet.id}`, async () => expect(app.getByRole('listbox', { name: 'Review queue' })).toBeVisible({ timeout: 30_000 })],
    ['customer-edit', `#/customers/${withWallet.id}/edit`, async () => expect(app.getByRole('form', { name: `Edit ${withWallet.id}` })).toBeVisible()],
    ['onboarding', '#/onboarding', async () => expect(app.getByRole('navigation', { name: 'Onboarding steps' })).toBeVisible()],
    ['wallets', `#/wallets/${withWallet.id}`, async () => expect(app.getByRole('region', { name: 'Wallets' }).getByRole('table')).toBeVisible()],
    ['inbox', '#/inbox', async () => expect(app.getByRole('region', { name: 'Webhook listener' })).toBeVisible()],
    ['logs', '#/logs', async () => expect(app.getByRole('tabpanel')).toBeVisible()],
    ['settings', '#/settings', async () => expect(app.getByRole('region', { name: 'Profiles' }).getByRole('listitem').first()).toBeVisible()],
  ];
  const problems: string[] = [];
  for (const [name, hash, ready] of screens) {
    await goto(app, hash);
    await ready();
    await app.waitForTimeout(300);
    for (const v of await seriousViolations(app)) problems.push(`${name}: ${v}`);
    await shot(app, `screen-${name}`);
  }
  // The palette and the production dialog are screens too.
  await app.keyboard.press('Control+k');
  await expect(app.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
  for (const v of await seriousViolations(app)) problems.push(`palette: ${v}`);
  await app.keyboard.press('Escape');
  // The keyboard shortcuts list is a modal screen of its own.
  await app.keyboard.press('Shift+?');
  await expect(app.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  for (const v of await seriousViolations(app)) problems.push(`shortcuts: ${v}`);
  await app.keyboard.press('Escape');
  // Inbox: make sure a delivery exists (creating a customer sends customer.created), then scan
  // the list with rows and the payload viewer.
  await oms(app, 'customers', 'create', { customer: { type: 'individual', firstName: 'Axe', lastName: 'Scan' } });
  await goto(app, '#/inbox');
  const first = app.getByRole('listbox', { name: 'Webhook deliveries' }).getByRole('option').first();
  await expect(first).toBeVisible();
  for (const v of await seriousViolations(app)) problems.push(`inbox-with-rows: ${v}`);
  // Click the event cell: the customer id inside the row is its own target (it opens the customer).
  await first.click({ position: { x: 24, y: 16 } });
  await expect(app.getByRole('complementary', { name: /Delivery #/ })).toBeVisible();
  for (const v of await seriousViolations(app)) problems.push(`event-detail: ${v}`);
  await shot(app, 'screen-event-detail');
  expect(problems).toEqual([]);
});
