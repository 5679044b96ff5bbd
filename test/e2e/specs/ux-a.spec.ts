import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { control, endorsement, ensureListener, expectEndorsementStatus, fullCustomer, goto, oms, shot, uniqueTag } from '../pages/console.page.ts';

/**
 * Screens that must tell one truth, walked at the smallest supported window: the
 * screenshots are the ones an operator would see on a 1024×700 laptop.
 */
test.use({ viewport: { width: 1024, height: 700 } });

interface Found<T> {
  items: T[];
}

/** A seeded customer who may send (usd and custody active) and their usdc wallet on polygon. */
async function sender(app: Page) {
  const list = await oms<Found<{ id: string; endorsements: { name: string; status: string }[] }>>(app, 'customers', 'search', { status: 'active', endorsement: { name: 'usd', status: 'active' }, limit: 50 });
  const c = list.items.find((x) => x.endorsements.some((e) => e.name === 'cryptoCustody' && e.status === 'active'))!;
  const own = (await oms<Found<{ id: string; asset: string; chain: string }>>(app, 'wallets', 'list', { customerId: c.id })).items.find((w) => w.asset === 'usdc' && w.chain === 'polygon');
  const walletId = own?.id ?? (await oms<{ id: string }>(app, 'wallets', 'create', { customerId: c.id, asset: 'usdc', chain: 'polygon' })).id;
  return { customerId: c.id, walletId };
}

/** The onboarding wizard at step 1 with an empty form, whatever an earlier journey left. */
async function freshWizard(app: Page) {
  await app.getByRole('link', { name: 'Onboarding' }).click();
  const startOver = app.getByRole('button', { name: 'Start over' });
  if (await startOver.isVisible()) await startOver.click();
}

test('QA: a quote OMS calls expired reads expired everywhere: no countdown, no Send, and "Get a new quote" has focus', async ({ app }) => {
  const { customerId, walletId } = await sender(app);
  await oms(app, 'sandbox', 'simulateDeposit', { walletId, amount: '5.00' });
  // OMS keeps the quote one second, while the expiry it states is five minutes away: the console's
  // countdown and OMS's verdict disagree, as they do when two clocks differ.
  const claimed = new Date(Date.now() + 300_000).toISOString();
  await control(app, 'PUT', '/money', { quoteTtlSec: 1 });
  await control(app, 'PUT', '/faults', { rules: [{ method: 'POST', path: '^/quotes$', action: 'malformed', malformed: { set: { expiresAt: claimed } }, times: 1 }] });
  try {
    await goto(app, `#/wallets/${customerId}/send`);
    const money = app.getByRole('region', { name: 'Move money' });
    const send = money.getByRole('form', { name: 'Send money' });
    await send.getByLabel('From wallet').selectOption(walletId);
    await send.getByLabel('Destination address').fill('0x52908400098527886E0F7030069857D2E4169EE7');
    await send.getByLabel(/^Amount/).fill('1.00');
    await send.getByRole('button', { name: 'Get quote' }).click();
    const quote = money.getByRole('region', { name: 'Quote' });
    await expect(quote).toContainText(/Valid for 4:\d\d more/);
    // Let OMS's own second run out (a precondition, not a measurement).
    await app.waitForTimeout(1500);
    await money.getByRole('button', { name: /^Send 1\.00 USDC$/ }).click();
    await expect(quote).toContainText('This quote has expired.');
    await expect(quote).not.toContainText('Valid for');
    await expect(money.getByRole('button', { name: /^Send / })).toHaveCount(0);
    await expect(money.getByRole('button', { name: 'Get a new quote' })).toBeFocused();
    await shot(app, 'ux-a-quote-expired-by-oms');
    await control(app, 'PUT', '/money', { quoteTtlSec: 300 });
    await app.keyboard.press('Enter');
    await expect(quote).toContainText(/Valid for \d:\d\d more/);
    await expect(money.getByRole('button', { name: /^Send 1\.00 USDC$/ })).toBeEnabled();
  } finally {
    await control(app, 'DELETE', '/faults');
    await control(app, 'PUT', '/money', { quoteTtlSec: 300 });
  }
});

test('support agent: a deactivated customer is read-only with the reason, and a granted endorsement no longer reads as usable', async ({ app }) => {
  test.setTimeout(60_000);
  await ensureListener(app);
  const before = await oms<{ reviewMode: string | null }>(app, 'sandbox', 'status');
  await oms(app, 'sandbox', 'setReviewMode', { mode: 'auto' });
  try {
    const tag = uniqueTag();
    // Basic only: a deactivated customer with usd active would be picked by journeys looking for a sender.
    const c = await oms<{ id: string }>(app, 'customers', 'create', { customer: { ...fullCustomer(`Gone${tag}`, tag), endorsements: ['basic'] } });
    await goto(app, `#/customers/${c.id}`);
    await expectEndorsementStatus(app, 'Basic identity', 'Active');
    await oms(app, 'customers', 'delete', { customerId: c.id });
    await app.reload();
    const basic = endorsement(app, 'Basic identity');
    await expect(basic).toContainText('Granted on record, but the customer is inactive, so it cannot be used.');
    await expect(basic).not.toContainText('the customer can use this');
    await expect(app.getByRole('link', { name: 'Edit customer' })).toHaveCount(0);
    await expect(app.getByRole('note').filter({ hasText: 'This customer is inactive (deleted in OMS)' })).toBeVisible();
    // Nothing offers a change OMS would refuse: no sandbox decision, no new wallet.
    await expect(app.getByRole('button', { name: /^(Reject|Revoke|Approve)/ })).toHaveCount(0);
    await expect(app.getByRole('button', { name: 'Provision wallet' })).toHaveCount(0);
    await shot(app, 'ux-a-inactive-customer');

    // The edit address, typed or bookmarked, shows the reason instead of a form that OMS would refuse.
    await goto(app, `#/customers/${c.id}/edit`);
    await expect(app.getByRole('heading', { name: `Read-only: Quinn Gone${tag}` })).toBeVisible();
    await expect(app.getByRole('note').filter({ hasText: 'OMS refuses every change to it' })).toBeVisible();
    await expect(app.getByRole('form', { name: `Edit ${c.id}` })).toHaveCount(0);
    await expect(app.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
    await shot(app, 'ux-a-inactive-customer-edit');
  } finally {
    // A sandbox not started before the test reports no mode: it started in its default, automatic.
    await oms(app, 'sandbox', 'setReviewMode', { mode: before.reviewMode ?? 'auto' });
  }
});

test('support agent: the customer view keeps the QA decisions folded away, so Reject and Revoke are one deliberate click off', async ({ app }) => {
  const tag = uniqueTag();
  const c = await oms<{ id: string }>(app, 'customers', 'create', { customer: { ...fullCustomer(`Folded${tag}`, tag), endorsements: ['basic', 'usd'] } });
  await goto(app, `#/customers/${c.id}`);
  const qa = app.getByRole('region', { name: 'QA Sandbox decisions' });
  await expect(qa).toBeVisible();
  await expect(app.getByRole('button', { name: /^(Approve|Reject|Revoke) / })).toHaveCount(0);
  const show = qa.getByRole('button', { name: 'Show sandbox decisions' });
  await expect(show).toHaveAttribute('aria-expanded', 'false');
  await shot(app, 'ux-a-customer-qa-folded');
  await show.click();
  await expect(qa.getByRole('button', { name: /^Reject / }).first()).toBeVisible();
  await qa.getByRole('button', { name: 'Hide sandbox decisions' }).click();
  await expect(app.getByRole('button', { name: /^(Approve|Reject|Revoke) / })).toHaveCount(0);
});

test("QA: chooses at creation which endorsements OMS requests, then requests the rest one at a time in the guide's order", async ({ app }) => {
  await freshWizard(app);
  const tag = uniqueTag();
  await app.getByLabel('First name').fill('Ode');
  await app.getByLabel('Last name').fill(`Order${tag}`);
  const choice = app.getByRole('group', { name: 'Endorsements to request with the customer' });
  // The default says what OMS does with the field left out.
  await expect(choice.getByRole('radio', { name: /OMS's default/ })).toBeChecked();
  await expect(choice).toContainText('Crypto custody and USD account, which include Basic identity');
  await choice.getByRole('radio', { name: /Choose which/ }).check();
  const picked = choice.getByRole('group', { name: 'Endorsements requested at creation' });
  await expect(picked.getByRole('checkbox', { name: /Basic identity/ })).toBeChecked();
  await expect(picked.getByRole('checkbox', { name: /Crypto custody/ })).not.toBeChecked();
  await shot(app, 'ux-a-create-with-choice');
  await app.getByRole('button', { name: 'Create customer' }).click();

  await expect(app.getByRole('heading', { name: '2 · Endorsements' })).toBeVisible();
  const customerId = await app.evaluate(() => JSON.parse(localStorage.getItem('oms-console.onboarding') ?? '{}').state?.customerId as string);
  const names = async () => (await oms<{ endorsements: { name: string }[] }>(app, 'customers', 'get', { customerId })).endorsements.map((e) => e.name).sort();
  expect(await names()).toEqual(['basic']);
  const next = app.getByRole('group', { name: 'Endorsements to request' });
  await expect(app.getByRole('note').filter({ hasText: 'Already requested: Basic identity.' })).toBeVisible();
  await expect(next.getByRole('button')).toHaveText(['Request Crypto custody', 'Request USD account']);
  await shot(app, 'ux-a-step2-one-at-a-time');
  await next.getByRole('button', { name: 'Request Crypto custody' }).click();
  await expect(next.getByRole('button')).toHaveText(['Request USD account']);
  expect(await names()).toEqual(['basic', 'cryptoCustody']);
  await next.getByRole('button', { name: 'Request USD account' }).click();
  await expect(app.getByRole('note').filter({ hasText: 'Nothing is left to request.' })).toBeVisible();
  expect(await names()).toEqual(['basic', 'cryptoCustody', 'usd']);
});

test('QA: a customer created with no endorsement requested starts step 2 with all three to request', async ({ app }) => {
  await freshWizard(app);
  await app.getByLabel('Last name').fill(`None${uniqueTag()}`);
  const choice = app.getByRole('group', { name: 'Endorsements to request with the customer' });
  await choice.getByRole('radio', { name: /Choose which/ }).check();
  await choice.getByRole('checkbox', { name: /Basic identity/ }).uncheck();
  await app.getByRole('button', { name: 'Create customer' }).click();
  await expect(app.getByRole('note').filter({ hasText: 'Nothing requested yet.' })).toBeVisible();
  await expect(app.getByRole('group', { name: 'Endorsements to request' }).getByRole('button')).toHaveText(['Request Basic identity', 'Request Crypto custody', 'Request USD account']);
  await expect(app.getByText('No endorsements requested yet.')).toBeVisible();
});

interface Txn {
  id: string;
  createdAt: string | null;
  recipient: { customerId: string | null } | null;
  destination: { txHash: string | null; walletId: string | null };
}

/** Every transaction OMS holds, newest first, read the way the console reads them: 100 a page. */
async function allTransactions(app: Page): Promise<Txn[]> {
  const out: Txn[] = [];
  let cursor: string | null | undefined;
  do {
    const p = await oms<{ items: Txn[]; hasMore: boolean; cursor: string | null }>(app, 'transactions', 'list', { limit: 100, ...(cursor ? { cursor } : {}) });
    out.push(...p.items);
    cursor = p.hasMore ? p.cursor : null;
  } while (cursor);
  return out;
}

test('support agent: traces an old deposit by its hash, further back than the first scan, or within its customer', async ({ app }) => {
  test.setTimeout(120_000);
  let all = await allTransactions(app);
  if (all.length <= 600) {
    // Enough newer transactions that the oldest deposit lies beyond the first scan of 500.
    const { walletId } = await sender(app);
    for (let i = all.length; i <= 600; i++) await oms(app, 'sandbox', 'simulateDeposit', { walletId, amount: '0.01' });
    all = await allTransactions(app);
  }
  const old = all.filter((t) => t.destination.txHash && t.recipient?.customerId).at(-1)!;
  const position = all.indexOf(old);
  expect(position).toBeGreaterThanOrEqual(500);

  await app.getByRole('link', { name: 'Transactions' }).click();
  await app.getByLabel('Transaction id, quote id or transaction hash').fill(old.destination.txHash!);
  await app.getByRole('button', { name: 'Find' }).click();
  const result = app.getByRole('status', { name: 'Search result' });
  await expect(result).toContainText('No match among the newest 500 transactions: OMS cannot filter by hash, and older ones are not read yet.');
  await shot(app, 'ux-a-hash-first-scan');

  // Within the customer: their own transactions are few, so one scan reaches it.
  await app.getByLabel('Customer id to search within').fill(old.recipient!.customerId!);
  await app.getByRole('button', { name: 'Search this customer' }).click();
  const detail = app.getByRole('article');
  await expect(detail).toContainText(old.id);
  await expect(app.getByRole('status', { name: 'Search result' })).toContainText(`of customer ${old.recipient!.customerId}`);

  // Further back, everyone's: the count grows batch by batch until it is found, and says where.
  await goto(app, '#/transactions');
  await app.getByLabel('Transaction id, quote id or transaction hash').fill(old.destination.txHash!);
  await app.getByRole('button', { name: 'Find' }).click();
  await expect(result).toContainText('No match among the newest 500');
  await app.getByRole('button', { name: 'Search further back' }).click();
  await expect(detail).toContainText(old.id, { timeout: 60_000 });
  await expect(app.getByRole('status', { name: 'Search result' })).toContainText(/Found among the newest \d+ transactions\./);
  await shot(app, 'ux-a-hash-found-further-back');
});

test('support agent: a long scan further back shows how many it has read and stops on Cancel, keeping the honest count', async ({ app }) => {
  test.setTimeout(90_000);
  await app.getByRole('link', { name: 'Transactions' }).click();
  // A hash no transaction has, and every transaction page slowed: the scan runs long enough to watch.
  await app.getByLabel('Transaction id, quote id or transaction hash').fill(`0x${'ab'.repeat(32)}`);
  await app.getByRole('button', { name: 'Find' }).click();
  const result = app.getByRole('status', { name: 'Search result' });
  await expect(result).toContainText(/No (match among the newest 500|transaction with this hash among all)/);
  test.skip(!(await app.getByRole('button', { name: 'Search further back' }).isVisible()), 'fewer than 500 transactions: nothing further back');
  await control(app, 'PUT', '/faults', { rules: [{ method: 'GET', path: '^/transactions$', action: 'latency', latencyMs: 4000 }] });
  try {
    await app.getByRole('button', { name: 'Search further back' }).click();
    const progress = app.getByRole('status', { name: 'Search progress' });
    await expect(progress).toContainText(/Read [\d,]+ transactions so far/);
    await shot(app, 'ux-a-hash-scan-progress');
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect(progress).toHaveCount(0);
    await expect(result).toContainText(/Stopped after reading [\d,]+ transactions without a match/);
    await expect(app.getByRole('button', { name: 'Search further back' })).toBeVisible();
  } finally {
    await control(app, 'DELETE', '/faults');
  }
});

test('support agent: a transaction names its parties (masked email, with the id), times each lifecycle step and states gross and net', async ({ app }) => {
  const { customerId, walletId } = await sender(app);
  await oms(app, 'sandbox', 'simulateDeposit', { walletId, amount: '3.10' });
  const c = await oms<{ firstName: string | null; lastName: string | null; emailMasked: string | null }>(app, 'customers', 'get', { customerId });
  const deposit = (await oms<Found<{ id: string; status: string }>>(app, 'transactions', 'list', { walletId, limit: 1 })).items[0]!;
  await goto(app, `#/transactions/${deposit.id}`);
  const detail = app.getByRole('article');
  const recipient = detail.getByRole('link', { name: `Open customer ${customerId}` });
  await expect(recipient).toContainText(`${c.firstName} ${c.lastName}`);
  await expect(recipient).toContainText(customerId);
  // Main masks the email; the clear one never reaches this screen.
  await expect(recipient).toContainText(c.emailMasked!);
  await expect(recipient).toContainText('•');
  const steps = detail.getByRole('list', { name: 'Lifecycle' }).getByRole('listitem');
  await expect(detail.getByRole('status', { name: 'Transaction status' })).toHaveText(/Completed/, { timeout: 20_000 });
  for (const step of ['Created', 'Processing', 'Completed']) await expect(steps.filter({ hasText: step }).locator('time')).toHaveCount(1);
  await expect(steps.filter({ hasText: 'Completed' })).toContainText(/after \d/);
  await expect(detail.getByRole('definition').filter({ hasText: 'gross' })).toHaveCount(2);
  await expect(detail.getByRole('definition').filter({ hasText: 'gross' }).first()).toContainText('net');
  await shot(app, 'ux-a-transaction-parties');
});

test('QA: every field the console can judge is marked in one pass (email, nationality, an SSN from the wrong country and of the wrong shape); nothing is sent', async ({ app }) => {
  await freshWizard(app);
  const sent: string[] = [];
  app.on('request', (r) => r.url().includes('/api/invoke/customers.create') && sent.push(r.url()));
  await app.getByLabel('First name').fill('Mark');
  await app.getByLabel('Last name').fill(`All${uniqueTag()}`);
  await app.getByLabel('Email').fill('mark.all-at-example.test');
  await app.getByLabel('Nationality').fill('USA');
  await app.getByLabel('Document type').selectOption('ssn');
  await app.getByLabel('Issuing country').fill('DE');
  await app.getByLabel('Document number').fill('12345');
  await app.getByRole('button', { name: 'Create customer' }).click();
  await expect(app.getByRole('alert').filter({ hasText: '4 fields need attention. Nothing was sent.' })).toBeVisible();
  const marked: [string, RegExp][] = [
    ['Email', /must be an email address/],
    ['Nationality', /alpha-2 country code like "US"/],
    ['Issuing country', /must be US: an SSN is issued only by the US/],
    ['Document number', /is not an SSN: it has 9 digits/],
  ];
  for (const [label, words] of marked) {
    await expect(app.getByLabel(label)).toHaveAttribute('aria-invalid', 'true');
    await expect(app.getByLabel(label)).toHaveAccessibleDescription(words);
  }
  // Focus goes to the first marked field in the form's order (nationality sits above the contact fields).
  await expect(app.getByLabel('Nationality')).toBeFocused();
  await shot(app, 'ux-a-all-fields-marked');
  expect(sent).toEqual([]);
});

/** Serious or critical axe findings inside the screen's main region (the shell is a11y.spec's). */
async function mainViolations(page: Page) {
  const r = await new AxeBuilder({ page }).include('main').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

test("axe: the screens this work changed (the wizard's endorsement choice, a hash search with older ones left, the folded QA area) have no serious violation", async ({ app }) => {
  test.setTimeout(90_000);
  await freshWizard(app);
  await app.getByRole('group', { name: 'Endorsements to request with the customer' }).getByRole('radio', { name: /Choose which/ }).check();
  expect(await mainViolations(app)).toEqual([]);

  await app.getByRole('link', { name: 'Transactions' }).click();
  await app.getByLabel('Transaction id, quote id or transaction hash').fill(`0x${'cd'.repeat(32)}`);
  await app.getByRole('button', { name: 'Find' }).click();
  await expect(app.getByRole('status', { name: 'Search result' })).toBeVisible();
  expect(await mainViolations(app)).toEqual([]);

  const c = await oms<{ id: string }>(app, 'customers', 'create', { customer: { type: 'individual', lastName: `Axe${uniqueTag()}`, endorsements: ['basic'] } });
  await goto(app, `#/customers/${c.id}`);
  await expect(app.getByRole('button', { name: 'Show sandbox decisions' })).toBeVisible();
  expect(await mainViolations(app)).toEqual([]);
});

test("support agent: transaction lists name the customer beside its id, on the Transactions screen and in the customer's panel", async ({ app }) => {
  const { customerId, walletId } = await sender(app);
  await oms(app, 'sandbox', 'simulateDeposit', { walletId, amount: '2.20' });
  const c = await oms<{ firstName: string | null; middleName: string | null; lastName: string | null }>(app, 'customers', 'get', { customerId });
  const name = [c.firstName, c.middleName, c.lastName].filter(Boolean).join(' ');
  expect(name).not.toBe('');
  const deposit = (await oms<Found<{ id: string }>>(app, 'transactions', 'list', { walletId, limit: 1 })).items[0]!;

  // A fresh page, so the list is read now and holds the deposit just made.
  await app.reload();
  await goto(app, '#/transactions');
  const list = app.getByRole('table', { name: 'Transactions, newest first' });
  const row = list.getByRole('row').filter({ hasText: deposit.id });
  await expect(row).toContainText(`Recipient: ${name}`);
  await expect(row).toContainText(customerId);
  expect(await mainViolations(app)).toEqual([]);
  await shot(app, 'ux-a-transaction-list-names');

  await goto(app, `#/customers/${customerId}`);
  const panel = app.getByRole('table', { name: `Transactions of ${customerId}` });
  const own = panel.getByRole('row').filter({ hasText: deposit.id });
  await expect(own).toContainText(`Recipient: ${name}`);
  await expect(own).toContainText(customerId);
  expect(await mainViolations(app)).toEqual([]);
});
