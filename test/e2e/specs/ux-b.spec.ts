import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { control, ensureListener, fullCustomer, goto, oms, shot, uniqueTag, customersScreen } from '../pages/console.page.ts';

/** The same screen at the smallest supported window, light and dark, for a look at both. */
async function shotBothThemes(app: Page, name: string) {
  await app.setViewportSize({ width: 1024, height: 700 });
  for (const scheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme: scheme });
    await shot(app, `${name}-${scheme}`);
  }
  await app.emulateMedia({ colorScheme: null });
  await app.setViewportSize({ width: 1360, height: 860 });
}

/** A seeded customer with active custody and a wallet (provisioned when it has none). */
async function customerWithWallet(app: Page): Promise<{ customerId: string; walletId: string }> {
  const list = await oms<{ items: { id: string; wallets: { id: string }[] }[] }>(app, 'customers', 'search', { limit: 50, endorsement: { name: 'cryptoCustody', status: 'active' } });
  const c = list.items.find((x) => x.wallets.length > 0) ?? list.items[0]!;
  const walletId = c.wallets[0]?.id ?? (await oms<{ id: string }>(app, 'wallets', 'create', { customerId: c.id, asset: 'usdc', chain: 'polygon' })).id;
  return { customerId: c.id, walletId };
}

test('QA: a deposit whose webhook does not come within 20 s turns the indicator amber and the screen says so; Refresh reads OMS again', async ({ app }) => {
  test.setTimeout(150_000);
  await ensureListener(app);
  const { customerId, walletId } = await customerWithWallet(app);
  await goto(app, `#/wallets/${customerId}`);
  const live = app.getByRole('status', { name: 'Connection to main process' });
  await expect(live).toContainText('Live · heartbeat', { timeout: 15_000 });
  // Any new event answers a change, a retry of an earlier spec's delivery included: start once OMS is quiet.
  await expect
    .poll(async () => {
      const last = (await oms<{ items: { receivedAt: string }[] }>(app, 'inbox', 'list', { limit: 1 })).items[0];
      return !last || Date.now() - Date.parse(last.receivedAt) > 5000;
    }, { timeout: 60_000, intervals: [1000] })
    .toBe(true);
  // OMS holds its deliveries back for a minute: the change is made, nothing tells the screen.
  await control(app, 'PUT', '/faults', { webhooks: { delayMs: 60_000 } });
  try {
    await app.getByRole('group', { name: `QA: simulate a deposit into ${walletId}` }).getByRole('button', { name: 'Simulate deposit' }).click();
    await expect(live).toContainText('Not live · no OMS update since your change', { timeout: 35_000 });
    const stale = app.getByRole('status', { name: 'This screen may be out of date' });
    await expect(stale).toContainText(/No update has come from OMS since your change \d+ s ago\./);
    await stale.getByRole('button', { name: 'Refresh this screen' }).click();
    await expect(stale).toHaveCount(0);
    await expect(live).toContainText('Live · heartbeat');
  } finally {
    await control(app, 'DELETE', '/faults');
  }
});

test('support agent: refused webhooks turn the live indicator amber with the reason, the open wallet says it may be stale, and Refresh shows OMS’s balance', async ({ app }) => {
  test.setTimeout(90_000);
  await ensureListener(app);
  const { customerId, walletId } = await customerWithWallet(app);
  await goto(app, `#/wallets/${customerId}`);
  const balance = app.getByRole('cell', { name: `Balance of ${walletId}`, exact: true });
  await expect(balance).toHaveText(/\d/, { timeout: 20_000 });
  const before = (await balance.textContent()) ?? '';
  const live = app.getByRole('status', { name: 'Connection to main process' });
  await expect(live).toContainText('Live · heartbeat', { timeout: 15_000 });
  const stale = app.getByRole('status', { name: 'This screen may be out of date' });
  await expect(stale).toHaveCount(0);

  // OMS signs its deliveries ten minutes ahead of this computer's clock: the listener refuses them.
  await control(app, 'PUT', '/faults', { webhooks: { timestampSkewSec: 600 } });
  try {
    await control(app, 'POST', `/wallets/${walletId}/deposit`, { amount: '7.25' });
    await expect(live).toContainText('Not live · OMS updates refused', { timeout: 20_000 });
    await expect(live).toContainText('timestamps ahead of this clock');
    await expect(stale).toContainText("Updates from OMS are being refused: their timestamps are ahead of this computer's clock.");
    // Nothing the refused delivery said reached the screen: the balance is the old one.
    await expect(balance).toHaveText(before);
    await shotBothThemes(app, 'ux-b-stale-wallet');

    await stale.getByRole('button', { name: 'Refresh this screen' }).click();
    await expect(balance).not.toHaveText(before, { timeout: 20_000 });
    // Refreshed: the screen is current, so it stops saying otherwise; the sidebar still tells the cause.
    await expect(stale).toHaveCount(0);
    await expect(live).toContainText('Not live · OMS updates refused');
  } finally {
    await control(app, 'DELETE', '/faults');
  }
  // Deliveries verify again: live once the next one arrives.
  await control(app, 'POST', `/wallets/${walletId}/deposit`, { amount: '0.10' });
  await expect(live).toContainText('Live · heartbeat', { timeout: 20_000 });
});

test('support agent: a hung customer read is named in the user’s words, listed once, cancelled from the main spinner, and the message says it was a cancel', async ({ app }) => {
  test.setTimeout(60_000);
  // A seeded customer nothing in this run has touched: no webhook can have brought it to the page.
  const seeded = (await oms<{ items: { id: string; firstName: string | null; lastName: string | null }[] }>(app, 'customers', 'search', { limit: 40 })).items.filter(
    (c) => c.firstName && c.lastName,
  );
  const target = seeded[seeded.length - 7]!;
  const name = `${target.firstName} ${target.lastName}`;
  await goto(app, '#/customers');
  await customersScreen(app).search.fill(target.lastName!);
  const row = customersScreen(app).results.getByRole('option', { name: new RegExp(name) }).first();
  await expect(row).toBeVisible({ timeout: 20_000 });
  await control(app, 'PUT', '/faults', { rules: [{ method: 'GET', path: '^/customers/cst_[^/]+$', action: 'hang', times: 2 }] });
  try {
    await row.click();
    const waiting = app.getByRole('list', { name: 'Waiting for answers' });
    await expect(waiting).toContainText(`Loading ${name}`, { timeout: 5000 });
    await expect(waiting.getByRole('listitem').filter({ hasText: name })).toHaveCount(1);
    await expect(waiting).not.toContainText('customers.get');
    await expect(waiting).not.toContainText('fresh from OMS');
    await expect(waiting.getByRole('button', { name: `Stop waiting: Loading ${name}` })).toBeVisible();
    const spinner = app.getByRole('main').getByRole('status').filter({ hasText: 'Loading customer…' });
    await spinner.getByRole('button', { name: 'Cancel' }).click();
    const stopped = app.getByRole('main').getByRole('status').filter({ hasText: 'Not loaded' });
    await expect(stopped).toContainText(`You stopped loading ${name}. Nothing more will change on screen`);
    await expect(stopped).not.toContainText('TIMEOUT');
    await expect(stopped).not.toContainText('did not answer in time');
    await expect(stopped).not.toContainText('customers.get');
    await expect(waiting).toHaveCount(0);
    await shot(app, 'ux-b-cancelled-load');
  } finally {
    await control(app, 'DELETE', '/faults');
  }
  await app.getByRole('button', { name: 'Retry' }).click();
  await expect(app.getByRole('heading', { level: 1, name })).toBeVisible();
});

test('keyboard user: a skip link leads to the content, and after each navigation focus lands on the screen’s heading', async ({ app }) => {
  // A fresh load (the session cookie stays): focus starts at the top of the document.
  const start = `${app.url().split('#')[0]}#/inbox`;
  await app.goto('about:blank');
  await app.goto(start);
  await expect(app.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  await app.keyboard.press('Tab');
  const skip = app.getByRole('button', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await shot(app, 'ux-b-skip-link');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('main')).toBeFocused();

  for (const [link, heading] of [
    ['Review queue', 'Review queue'],
    ['Inbox', 'Inbox'],
    ['Settings', 'Settings'],
  ] as const) {
    await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
    await expect(app.getByRole('heading', { level: 1, name: heading })).toBeFocused();
  }
  // From the palette too: the jump ends on the new screen's heading, not on the page body.
  await app.keyboard.press('Control+k');
  await app.getByRole('combobox', { name: 'Command or id' }).fill('Go to Logs');
  await app.getByRole('option', { name: /^Go to Logs/ }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Logs' })).toBeFocused();
});

test('keyboard user: ? opens the list of shortcuts, which names the reviewer keys and the screen keys, and Escape closes it', async ({ app }) => {
  test.setTimeout(150_000);
  // Its own customer waiting for a decision: what earlier journeys left in the queue is theirs.
  const before = await oms<{ reviewMode: string | null }>(app, 'sandbox', 'status');
  await oms(app, 'sandbox', 'setReviewMode', { mode: 'manual' });
  const tag = uniqueTag();
  const mine = await oms<{ id: string }>(app, 'customers', 'create', {
    customer: { ...fullCustomer(`Keys${tag}`, tag), externalId: `e2e-keys-${tag}`, endorsements: ['basic', 'cryptoCustody', 'usd'] },
  });
  await goto(app, `#/reviews/${mine.id}`);
  await expect(app.getByRole('heading', { level: 1, name: 'Review queue' })).toBeVisible({ timeout: 30_000 });
  // With 10,000 customers from the support journeys, counting the queue takes a while on two busy cores.
  await expect(app.getByRole('listbox', { name: 'Review queue' }).getByRole('option').first()).toBeVisible({ timeout: 90_000 });
  await oms(app, 'sandbox', 'setReviewMode', { mode: before.reviewMode ?? 'auto' });
  await expect(app.getByRole('article', { name: 'Customer under review' }).getByRole('region', { name: 'Endorsements' })).toBeVisible();
  await shotBothThemes(app, 'ux-b-review-case');
  await app.keyboard.press('Shift+?');
  const help = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  const review = help.getByRole('region', { name: 'Review queue' });
  for (const [key, what] of [
    ['A', 'Approve'],
    ['R', 'Reject it (asks for the reason'],
    ['F', 'follow-up note'],
    ['N', 'Next customer'],
    ['P', 'Previous customer'],
  ] as const) {
    await expect(review.getByRole('term').filter({ hasText: new RegExp(`^${key}$`) })).toHaveCount(1);
    await expect(review).toContainText(what);
  }
  await expect(help.getByRole('region', { name: 'Everywhere' })).toContainText('1 – 7');
  await shotBothThemes(app, 'ux-b-shortcuts');
  await app.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // The sidebar offers it too, for those who do not know the key.
  await app.getByRole('button', { name: /Keyboard shortcuts/ }).click();
  await expect(help).toBeVisible();
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();
});
