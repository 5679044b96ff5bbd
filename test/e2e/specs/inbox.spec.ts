import type { Locator } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { ensureListener, fullCustomer, goto, oms, shot, uniqueTag } from '../pages/console.page.ts';

/** Every cell of a delivery row sits inside the row: nothing runs together or off the right edge. */
async function expectRowFits(row: Locator) {
  const box = (await row.boundingBox())!;
  for (const cell of await row.locator(':scope > span').all()) {
    const b = await cell.boundingBox();
    if (!b || b.width === 0) continue;
    expect(b.x, 'cell starts inside the row').toBeGreaterThanOrEqual(box.x - 0.5);
    expect(b.x + b.width, 'cell ends inside the row').toBeLessThanOrEqual(box.x + box.width + 0.5);
    expect(await cell.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), `"${await cell.textContent()}" is not clipped`).toBe(true);
  }
}

test('support agent: reads a webhook delivery in words, opens its headers and payload, replays it', async ({ app }) => {
  test.setTimeout(60_000);
  await ensureListener(app);
  const tag = uniqueTag();
  const c = await oms<{ id: string }>(app, 'customers', 'create', { customer: { ...fullCustomer('Inbox', tag), endorsements: ['basic'] } });

  await goto(app, '#/inbox');
  await app.getByLabel('Customer id', { exact: true }).fill(c.id);
  const list = app.getByRole('listbox', { name: 'Webhook deliveries' });
  const created = list.getByRole('option', { name: new RegExp(`^Customer created.*${c.id}`) });
  await expect(created).toBeVisible({ timeout: 15_000 });
  // Type in words, raw type, customer, verdict with its reason and time are separate, named parts.
  await expect(created).toContainText('customer.created');
  await expect(created).toContainText(c.id);
  // Its name is its visible cells in order (what is seen is what is heard); the reason describes it.
  await expect(created).toHaveAccessibleName(new RegExp(`^Customer created\\s+customer\\.created\\s+${c.id}\\s+Verified\\s+.+#\\d+$`));
  await expect(created).toHaveAccessibleDescription(/signature/i);
  await expectRowFits(created);
  await app.getByLabel('Customer id', { exact: true }).fill('');
  await expect(list.getByRole('option').nth(1)).toBeVisible();
  await shot(app, 'inbox-with-deliveries');

  // The viewer: facts, headers, raw payload; the customer is a real link.
  await app.getByLabel('Customer id', { exact: true }).fill(c.id);
  // Click the event cell: the customer id in the row is its own target (it opens the customer).
  await list.getByRole('option', { name: new RegExp(`^Customer created.*${c.id}`) }).click({ position: { x: 24, y: 16 } });
  const viewer = app.getByRole('complementary', { name: /Delivery #\d+/ });
  await expect(viewer.getByRole('table', { name: 'Delivery headers' })).toContainText(/signature/i);
  await expect(viewer.getByLabel('Payload', { exact: true })).toContainText('"type": "customer.created"');
  await expect(viewer.getByRole('link', { name: `Open customer ${c.id}` })).toHaveAttribute('href', `#/customers/${c.id}`);
  await viewer.getByRole('button', { name: /^Replay delivery #\d+$/ }).click();
  await expect(app.getByText(/Replayed delivery #\d+ as #\d+: verified/)).toBeVisible();
  // The replay is a new row of its own, marked as such (more deliveries for this customer may arrive meanwhile).
  await expect(list.getByRole('option', { name: new RegExp(`^Customer created\\s+replay\\s+customer\\.created\\s+${c.id}`) })).toBeVisible();
  await shot(app, 'inbox-delivery-viewer');

  // Still clear at 1100 px with the viewer open: rows switch to two lines, nothing clipped.
  const size = app.viewportSize()!;
  await app.setViewportSize({ width: 1100, height: size.height });
  try {
    await expectRowFits(list.getByRole('option').first());
    await shot(app, 'inbox-1100');
  } finally {
    await app.setViewportSize(size);
  }
  // A click on the customer id opens the customer.
  await list.getByRole('option').first().getByTitle(`Open customer ${c.id}`).click();
  await expect(app).toHaveURL(new RegExp(`#/customers/${c.id}$`));
  await goto(app, '#/inbox');
  await app.getByLabel('Customer id', { exact: true }).fill('');
});

test('support agent: a saved #/events link (the screen’s former name) opens the inbox under its new address', async ({ app }) => {
  await goto(app, '#/customers');
  await expect(app.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  // Followed inside the running console: the old entry is rewritten, so Back returns to Customers.
  await goto(app, '#/events');
  await expect(app).toHaveURL(/#\/inbox$/);
  await expect(app.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  await expect(app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' })).toHaveAttribute('aria-current', 'page');
  await app.goBack();
  await expect(app).toHaveURL(/#\/customers$/);
  // Opened cold, as a bookmark is: the same screen, the address rewritten before anything renders.
  await app.goto(`${app.url().split('#')[0]}#/events`);
  await expect(app.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  await expect(app).toHaveURL(/#\/inbox$/);
});
