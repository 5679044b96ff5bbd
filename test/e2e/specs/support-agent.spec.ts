import { expect, test } from '../fixtures/test.ts';
import { control, directoryComplete, ensureListener, ensureTenThousand, goto, oms, shot, customersScreen } from '../pages/console.page.ts';

type Page1 = { items: { id: string; emailMasked: string | null; wallets: { id: string }[]; firstName: string | null; lastName: string | null }[] };

test('support agent: finds a customer by part of an email, then by a pasted id, and reads endorsements and wallets', async ({ app }) => {
  await ensureTenThousand(app);
  // Pick a real customer that has a wallet, and use a fragment of its email (the agent hears it on the phone).
  const page1 = await oms<Page1>(app, 'customers', 'search', { limit: 50, endorsement: { name: 'cryptoCustody', status: 'active' } });
  const target = page1.items.find((c) => c.wallets.length > 0)!;
  const revealed = await oms<{ values: { email: string } }>(app, 'pii', 'reveal', { customerId: target.id, fields: ['email'], reason: 'e2e set-up' });
  const fragment = revealed.values.email.split('@')[0]!.slice(0, 6);

  const search = customersScreen(app).search;
  await search.fill(fragment);
  const results = customersScreen(app).results;
  await expect(results).toHaveAttribute('data-results-for', fragment);
  await expect(results.getByRole('option').first()).toBeVisible();
  await shot(app, 'customers-search');

  // Keyboard: ↓ moves into the results; find the target row and open it with Enter.
  const row = app.locator(`#result-${target.id}`);
  await expect(row).toBeVisible();
  await row.click();
  await expect(app).toHaveURL(new RegExp(`#/customers/${target.id}$`));
  await expect(app.getByRole('heading', { level: 1 })).toContainText(target.lastName ?? '');

  // Back, then a pasted id jumps straight to the customer.
  await app.getByRole('link', { name: 'Customers', exact: true }).first().click();
  await customersScreen(app).search.fill(target.id);
  await expect(app).toHaveURL(new RegExp(`#/customers/${target.id}$`));

  // Endorsements in words, wallets with balances.
  await expect(app.getByRole('listitem', { name: 'Crypto custody endorsement' })).toContainText('Active');
  await expect(app.getByRole('listitem', { name: 'Basic identity endorsement' })).toContainText('Complete:');
  const wallets = app.getByRole('region', { name: 'Wallets' });
  await expect(wallets.getByRole('table')).toBeVisible();
  await expect(wallets.getByRole('cell', { name: new RegExp(`Balance of ${target.wallets[0]!.id}`) })).toContainText(/\d+\.\d+/);
  // PII stays masked until revealed.
  await expect(app.getByRole('region', { name: 'Profile' })).toContainText('•••');
  await shot(app, 'customer-view');

  // A pasted wallet id lands on its customer too (Ctrl+K palette).
  await app.getByRole('link', { name: 'Inbox' }).click();
  await app.keyboard.press('Control+k');
  await app.getByRole('combobox', { name: 'Command or id' }).fill(target.wallets[0]!.id);
  await shot(app, 'palette');
  await app.keyboard.press('Enter');
  await expect(app).toHaveURL(new RegExp(`#/customers/${target.id}$`));
});

test('support agent: the results list is virtualised and keyboard navigable at 10,000 customers', async ({ app }) => {
  await ensureTenThousand(app);
  const results = customersScreen(app).results;
  await expect(results).toHaveAttribute('data-results-for', '');
  // Only a window of rows is in the DOM, however many match.
  expect(await results.getByRole('option').count()).toBeLessThan(60);
  await customersScreen(app).search.press('ArrowDown');
  await expect(results).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowDown');
  const active = await results.getAttribute('aria-activedescendant');
  await expect(app.locator(`#${active}`)).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('End');
  await app.keyboard.press('Enter');
  await expect(app).toHaveURL(/#\/customers\/cst_/);
});

test('support agent: a pasted wallet id lands on its customer even when that customer was never opened', async ({ app }) => {
  await ensureTenThousand(app);
  type Page2 = Page1 & { cursor: string | null };
  // An older customer (past the first pages the list screen loads), with a wallet.
  const first = await oms<Page2>(app, 'customers', 'search', { limit: 100, endorsement: { name: 'cryptoCustody', status: 'active' } });
  const older = await oms<Page2>(app, 'customers', 'search', { limit: 100, endorsement: { name: 'cryptoCustody', status: 'active' }, cursor: first.cursor });
  const target = older.items.reverse().find((c) => c.wallets.length > 0)!;
  const walletId = target.wallets[0]!.id;

  // A fresh renderer on a screen that loads no customers: nothing is cached.
  await goto(app, '#/inbox');
  await app.reload();
  // The palette's shortcut is live once the app has drawn its shell (wait on what a person sees).
  await expect(app.getByRole('status', { name: 'Connection to main process' })).toContainText('Live');
  await app.keyboard.press('Control+k');
  await app.getByRole('combobox', { name: 'Command or id' }).fill(walletId);
  await expect(app.getByRole('option', { name: new RegExp(`Open ${walletId}`) })).toBeVisible();
  await app.keyboard.press('Enter');
  await expect(app).toHaveURL(new RegExp(`#/customers/${target.id}$`));
  await expect(app.getByRole('region', { name: 'Wallets' }).getByRole('cell', { name: new RegExp(`Balance of ${walletId}`) })).toBeVisible();

  // The search box does the same after a reload (the list shows only the newest customers).
  await goto(app, '#/customers');
  await app.reload();
  await customersScreen(app).search.fill(walletId);
  await expect(app).toHaveURL(new RegExp(`#/customers/${target.id}$`));
  await expect(app.getByRole('heading', { level: 1 })).toContainText(target.lastName ?? '');
  await shot(app, 'wallet-id-jump');

  // An unknown wallet id says so instead of landing anywhere.
  await app.getByRole('link', { name: 'Customers', exact: true }).first().click();
  await customersScreen(app).search.fill('wlt_0000000000nobodyowns');
  await expect(app.getByRole('status').filter({ hasText: 'No customer owns wallet wlt_0000000000nobodyowns' })).toBeVisible();
});

test('support agent: picks a customer on Wallets by email fragment with the keyboard, by a pasted wallet id, and comes back to the same customer', async ({ app }) => {
  await ensureTenThousand(app);
  const page1 = await oms<Page1>(app, 'customers', 'search', { limit: 50, endorsement: { name: 'cryptoCustody', status: 'active' } });
  const [target, other] = page1.items.filter((c) => c.wallets.length > 0);
  const revealed = await oms<{ values: { email: string } }>(app, 'pii', 'reveal', { customerId: target!.id, fields: ['email'], reason: 'e2e set-up' });
  const fragment = revealed.values.email.split('@')[0]!;

  await app.evaluate(() => localStorage.removeItem('oms-console.wallets'));
  await goto(app, '#/wallets');
  await app.reload();
  await expect(app.getByText('Choose a customer.')).toBeVisible();
  const picker = app.getByRole('combobox', { name: 'Customer' });
  await picker.fill(fragment);
  const options = app.getByRole('listbox', { name: 'Matching customers' }).getByRole('option');
  await expect(options.first()).toBeVisible();
  await expect(picker).toHaveAttribute('aria-expanded', 'true');
  const index = (await options.allTextContents()).findIndex((t) => t.includes(target!.id));
  expect(index).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < index; i++) await picker.press('ArrowDown');
  await expect(options.nth(index)).toHaveAttribute('aria-selected', 'true');
  await shot(app, 'wallets-picker');
  await picker.press('Enter');
  await expect(app).toHaveURL(new RegExp(`#/wallets/${target!.id}$`));
  const wallets = app.getByRole('region', { name: 'Wallets' });
  await expect(wallets.getByRole('cell', { name: new RegExp(`Balance of ${target!.wallets[0]!.id}`) })).toContainText(/\d+\.\d+/);
  await expect(app.getByRole('region', { name: 'Chosen customer' })).toContainText(target!.id);
  await shot(app, 'wallets');

  // A pasted wallet id opens its owner's wallets; a customer id opens that customer.
  await picker.fill(other!.wallets[0]!.id);
  await expect(app).toHaveURL(new RegExp(`#/wallets/${other!.id}$`));
  await picker.fill(target!.id);
  await expect(app).toHaveURL(new RegExp(`#/wallets/${target!.id}$`));

  // Leaving and coming back (even after a reload) reopens the last customer.
  await goto(app, '#/inbox');
  await app.reload();
  await app.getByRole('link', { name: 'Wallets' }).click();
  await expect(app).toHaveURL(new RegExp(`#/wallets/${target!.id}$`));
  await expect(app.getByRole('region', { name: 'Chosen customer' })).toContainText(target!.id);
});

test('support agent: ↓ Enter right after pasting an email opens that customer, never the top of the previous results', async ({ app }) => {
  await ensureTenThousand(app);
  const page1 = await oms<Page1>(app, 'customers', 'search', { limit: 50, endorsement: { name: 'basic', status: 'active' } });
  const [previous, wanted] = page1.items;
  const email = (await oms<{ values: { email: string } }>(app, 'pii', 'reveal', { customerId: wanted!.id, fields: ['email'], reason: 'e2e set-up' })).values.email;
  const search = customersScreen(app).search;
  const results = customersScreen(app).results;
  await search.fill(previous!.lastName!);
  await expect(results).toHaveAttribute('data-results-for', previous!.lastName!);
  expect(await results.getByRole('option').first().getAttribute('id')).not.toBe(`result-${wanted!.id}`);
  // Slow answers make the race certain: the old results are on screen while the new query runs.
  await control(app, 'PUT', '/faults', { rules: [{ method: 'GET', path: '^/customers$', action: 'latency', latencyMs: 600, times: 5 }] });
  try {
    await search.fill(email);
    await search.press('ArrowDown');
    // Enter goes wherever focus is now, as a person's key press does.
    await app.keyboard.press('Enter');
    await expect(app).toHaveURL(new RegExp(`#/customers/${wanted!.id}$`), { timeout: 15_000 });
  } finally {
    await control(app, 'DELETE', '/faults');
  }
});

test('support agent: the query lives in the URL (reload, Back, a copied link) and the palette and the box agree on it', async ({ app }) => {
  const search = customersScreen(app).search;
  const results = customersScreen(app).results;
  await search.fill('status:active ma');
  await expect(app).toHaveURL(/#\/customers\?q=status%3Aactive\+ma$/);
  await expect(results).toHaveAttribute('data-results-for', 'status:active ma');
  await app.reload();
  await expect(search).toHaveValue('status:active ma');
  await expect(results).toHaveAttribute('data-results-for', 'status:active ma');
  // Open a customer, come Back: the same query and results.
  await results.focus();
  await app.keyboard.press('Enter');
  await expect(app).toHaveURL(/#\/customers\/cst_/);
  await app.goBack();
  await expect(search).toHaveValue('status:active ma');
  // A copied link opens on the same query in a fresh window.
  const copy = await app.context().newPage();
  await copy.goto(app.url());
  await expect(customersScreen(copy).search).toHaveValue('status:active ma');
  await copy.close();
  // The palette starts from the box's query, and searching from it fills the box.
  await app.keyboard.press('Control+k');
  const palette = app.getByRole('combobox', { name: 'Command or id' });
  await expect(palette).toHaveValue('status:active ma');
  await palette.fill('lopez');
  await app.keyboard.press('Enter');
  await expect(search).toHaveValue('lopez');
  await expect(app).toHaveURL(/#\/customers\?q=lopez$/);
  await expect(results).toHaveAttribute('data-results-for', 'lopez');
});

test('support agent: revealing contact details asks why, and the audit log shows the reason given', async ({ app }) => {
  // On a documented-only OMS the endorsement filter is answered by the directory: let it read everyone.
  await directoryComplete(app);
  const c = (await oms<Page1>(app, 'customers', 'search', { limit: 1, endorsement: { name: 'basic', status: 'active' } })).items[0]!;
  await goto(app, `#/customers/${c.id}`);
  const profile = app.getByRole('region', { name: 'Profile' });
  await profile.getByRole('button', { name: 'Reveal email and phone…' }).click();
  const why = profile.getByRole('form', { name: 'Why reveal email and phone?' });
  await expect(why.getByRole('button', { name: 'Reveal' })).toBeDisabled();
  await why.getByLabel('Why?').selectOption('Support ticket');
  await why.getByLabel('Ticket or note (optional)').fill('T-4411');
  await why.getByRole('button', { name: 'Reveal' }).click();
  await expect(profile.getByRole('status')).toContainText('Personal data visible');
  await app.getByRole('link', { name: 'Logs' }).click();
  await app.getByRole('tab', { name: 'Audit log' }).click();
  const row = app.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ hasText: 'pii.reveal' }).filter({ hasText: c.id }).first();
  await expect(row).toContainText('Revealed email and phone · reason: “Support ticket: T-4411”');
  await shot(app, 'audit-reveal-reason');
});

// A deposit re-fetches no customer: the customer view hears of it only through event.wallets.changed →
// noteLive (src-renderer/src/bridge/subscriptions.ts).
test('support agent: a live deposit on the open customer is announced in the Live updates panel, not under Endorsements', async ({ app }) => {
  await ensureListener(app);
  await directoryComplete(app);
  const page1 = await oms<Page1>(app, 'customers', 'search', { limit: 50, endorsement: { name: 'cryptoCustody', status: 'active' } });
  const c = page1.items.find((x) => x.wallets.length > 0)!;
  await goto(app, `#/customers/${c.id}`);
  const live = app.getByRole('log', { name: 'Live updates for this customer' });
  await expect(live).toContainText('Nothing new since you opened this customer.');
  await oms(app, 'sandbox', 'simulateDeposit', { walletId: c.wallets[0]!.id, amount: '7.25' });
  await expect(live).toContainText('Deposit detected on a wallet', { timeout: 20_000 });
  await expect(app.getByRole('region', { name: 'Endorsements' })).not.toContainText('deposit');
  await shot(app, 'customer-live-deposit');
});
