import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { ensureListener, goto, oms, shot } from '../pages/console.page.ts';

// A machine zone that is not UTC, so the UTC toggle visibly changes every time; en-US as the OS locale.
test.use({ timezoneId: 'America/New_York', locale: 'en-US' });

type Stats = { buckets: { delivered: number; failed: number }[] };
type Found<T> = { items: T[] };

const totals = (s: Stats) => s.buckets.reduce((a, b) => ({ delivered: a.delivered + b.delivered, failed: a.failed + b.failed }), { delivered: 0, failed: 0 });

async function setLocale(app: Page, locale: string, utc: boolean) {
  await goto(app, '#/settings');
  const panel = app.getByRole('region', { name: 'Locale' });
  await panel.getByLabel('Locale for money and times').selectOption(locale);
  const box = panel.getByRole('checkbox', { name: 'Show times in UTC' });
  if ((await box.isChecked()) !== utc) await box.click();
  await expect(box).toBeChecked({ checked: utc });
}

/** Axe over the new charts only (the rest of each screen has its own checks). */
async function seriousViolations(page: Page, selector: string) {
  const r = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** A seeded customer with an active custody endorsement and a usdc wallet holding something. */
async function fundedWallet(app: Page) {
  const list = await oms<Found<{ id: string; endorsements: { name: string; status: string }[] }>>(app, 'customers', 'search', { status: 'active', endorsement: { name: 'cryptoCustody', status: 'active' }, limit: 20 });
  const c = list.items[0]!;
  const own = (await oms<Found<{ id: string; asset: string }>>(app, 'wallets', 'list', { customerId: c.id })).items.find((w) => w.asset === 'usdc');
  const walletId = own?.id ?? (await oms<{ id: string }>(app, 'wallets', 'create', { customerId: c.id, asset: 'usdc', chain: 'polygon' })).id;
  await oms(app, 'sandbox', 'simulateDeposit', { walletId, amount: '1234.5' });
  return { customerId: c.id, walletId };
}

test('support: the inbox chart says how many deliveries and failures arrived in the last hour', async ({ app }) => {
  await ensureListener(app);
  const before = totals(await oms<Stats>(app, 'inbox', 'stats'));
  const { url } = await oms<{ url: string }>(app, 'inbox', 'listenerStatus');
  // Four deliveries without signature headers: each is stored and counted as a failure.
  for (let i = 0; i < 4; i++) {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: `evt_glance_${i}`, type: 'customer.updated' }) });
    expect(r.status).toBeGreaterThanOrEqual(400);
  }
  await goto(app, '#/inbox');
  const chart = app.getByRole('figure', { name: 'Deliveries per minute, last hour' });
  await expect(chart).toContainText(`Last hour: ${before.delivered + 4} deliveries, ${before.failed + 4} failed; busiest minute`);
  // The screen-reader table has the current minute with the four failures in it.
  await expect(chart.getByRole('table')).toContainText(/\d{2}:\d{2}/);
  await expect(app.getByRole('figure', { name: 'Verdict mix, last hour' })).toContainText(/Missing headers\s*\d/);
  expect(await seriousViolations(app, 'figure')).toEqual([]);
  await app.setViewportSize({ width: 1024, height: 700 });
  await shot(app, 'at-a-glance-inbox-light');
  await app.emulateMedia({ colorScheme: 'dark' });
  await shot(app, 'at-a-glance-inbox-dark');
  await app.emulateMedia({ colorScheme: 'light' });
});

test('support: one locale for money and times, and UTC on demand, applied at once on every screen', async ({ app }) => {
  test.setTimeout(120_000);
  const { customerId, walletId } = await fundedWallet(app);
  try {
    await setLocale(app, 'de-DE', false);
    await app.setViewportSize({ width: 1024, height: 700 });
    await shot(app, 'at-a-glance-settings-locale');
    // Money on the Wallets screen: German grouping and decimal comma.
    await goto(app, `#/wallets/${customerId}`);
    const balance = app.getByRole('cell', { name: `Balance of ${walletId}`, exact: true });
    await expect(balance).toHaveText(/^[\d.]+,\d{2,6} USDC/);
    expect(await seriousViolations(app, '.wallet-balance-charts')).toEqual([]);
    // The wallet's balance over time, from its transactions, in the same locale; ending at the balance shown.
    const history = app.getByRole('figure', { name: /^Balance over time, USDC/ }).filter({ hasText: walletId });
    await expect(history).toContainText(new RegExp(`${(await balance.innerText()).split('\n')[0]!.trim().replace(/[.]/g, '\\.')} now\\.`));
    await app.setViewportSize({ width: 1024, height: 700 });
    await shot(app, 'at-a-glance-wallet-de-light');
    await app.emulateMedia({ colorScheme: 'dark' });
    await shot(app, 'at-a-glance-wallet-de-dark');
    await app.emulateMedia({ colorScheme: 'light' });
    // Times on the Logs screen: German dates, the New York zone named.
    await goto(app, '#/logs');
    await app.getByRole('tab', { name: 'Request log' }).click();
    const requests = app.getByRole('table', { name: 'Request log' });
    await expect(requests.getByRole('row').nth(1)).toContainText(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2} (GMT-5|EST|GMT-4|EDT)/);

    // The UTC toggle: the same rows now say UTC.
    await setLocale(app, 'de-DE', true);
    await goto(app, '#/logs');
    await expect(app.getByRole('table', { name: 'Request log' }).getByRole('row').nth(1)).toContainText(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2} UTC/);

    // Back to en-US: money and times switch back without a reload.
    await setLocale(app, 'en-US', true);
    await goto(app, `#/wallets/${customerId}`);
    await expect(app.getByRole('cell', { name: `Balance of ${walletId}`, exact: true })).toHaveText(/^[\d,]+\.\d{2,6} USDC/);
    await goto(app, '#/transactions');
    await expect(app.getByRole('figure', { name: /Daily volume/ })).toContainText(/Daily volume of the [\d,]+ transactions listed/);
    expect(await seriousViolations(app, 'figure')).toEqual([]);
    await app.setViewportSize({ width: 1024, height: 700 });
    await shot(app, 'at-a-glance-transactions-light');
    await app.emulateMedia({ colorScheme: 'dark' });
    await shot(app, 'at-a-glance-transactions-dark');
    await app.emulateMedia({ colorScheme: 'light' });
  } finally {
    await oms(app, 'settings', 'setDisplayPrefs', { locale: null, utc: false });
  }
});

test('keyboard user: Ctrl+1–7 switch screens in browser mode, and ? lists them on any screen', async ({ app }) => {
  // The first screen settles before the journey moves on (a hash set during boot can be overtaken).
  await expect(app.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await goto(app, '#/inbox');
  await expect(app.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  await app.keyboard.press('Control+3');
  await expect(app).toHaveURL(/#\/wallets$/);
  await app.keyboard.press('Control+7');
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  // Once, not twice: Back leaves Settings for Wallets, then the Inbox.
  await app.goBack();
  await expect(app).toHaveURL(/#\/wallets$/);
  await app.keyboard.press('Control+4');
  await expect(app.getByRole('heading', { level: 1, name: 'Transactions' })).toBeVisible();
  await app.locator('body').press('?');
  const help = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('region', { name: 'Everywhere' })).toContainText('Customers, Onboarding, Wallets, Transactions, Inbox, Logs, Settings');
  await expect(help.getByRole('region', { name: 'Everywhere' })).not.toContainText('Settings (desktop app)');
  // A screen key does nothing while the list is open (it keeps the focus).
  await app.keyboard.press('Control+5');
  await expect(app).toHaveURL(/#\/transactions$/);
  await app.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await app.keyboard.press('Control+5');
  await expect(app.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
});
