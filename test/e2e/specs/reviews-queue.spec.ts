import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { ensureListener, fullCustomer, goto, oms, shot, uniqueTag, sandboxOrigin } from '../pages/console.page.ts';

type Audit = { items: { action: string; inputSummary: string }[] };

async function submit(app: Page, lastName: string, tag: string) {
  return oms<{ id: string }>(app, 'customers', 'create', {
    customer: { ...fullCustomer(lastName, tag), externalId: `e2e-${lastName}-${tag}`, endorsements: ['basic', 'cryptoCustody', 'usd'] },
  });
}

/** The queue's exact count; a live recount shows "Counting…" for a moment, so read it once a number shows. */
const queueSize = async (app: Page) => {
  const status = app.getByRole('status', { name: 'Queue size' });
  let n = NaN;
  await expect
    .poll(async () => (n = Number(((await status.textContent()) ?? '').match(/^(\d+) customers? waiting$/)?.[1] ?? NaN)), { timeout: 30_000 })
    .not.toBeNaN();
  return n;
};

test('compliance reviewer: works the queue oldest first with an exact count, filters, decides with guards, and moves on with Next', async ({ app }) => {
  test.setTimeout(120_000);
  await ensureListener(app);
  await sandboxOrigin(app); // running, so its review mode can be read (and restored)
  const before = await oms<{ reviewMode: string }>(app, 'sandbox', 'status');
  await oms(app, 'sandbox', 'setReviewMode', { mode: 'manual' });
  try {
    const tag = uniqueTag();
    const first = await submit(app, `Ames${tag}`, `${tag}a`);
    const second = await submit(app, `Boyd${tag}`, `${tag}b`);

    await app.getByRole('link', { name: 'Review queue' }).click();
    const list = app.getByRole('listbox', { name: 'Review queue' });
    // An exact count ("N customers waiting", never "100+"), and it is the number of rows listed.
    await expect(app.getByRole('status', { name: 'Queue size' })).toHaveText(/^\d+ customers? waiting$/, { timeout: 30_000 });
    const total = await queueSize(app);
    expect(total).toBeGreaterThan(100);
    await expect(list.getByRole('option')).toHaveCount(total);
    // Oldest waiting first: the two new submissions are at the end, in the order they came in.
    const names = await list.getByRole('option').locator('.queue-name').allTextContents();
    expect(names.slice(-2)).toEqual([`Quinn Ames${tag}`, `Quinn Boyd${tag}`]);
    await shot(app, 'reviews-queue');

    // Filters narrow the queue and keep the count exact.
    await app.getByRole('combobox', { name: 'Endorsement filter' }).selectOption('usd');
    await app.getByRole('combobox', { name: 'State filter' }).selectOption('rejected');
    await expect(app.getByRole('status', { name: 'Queue size' })).not.toHaveText(`${total} customers waiting`);
    const rejected = await queueSize(app);
    await expect(list.getByRole('option')).toHaveCount(rejected);
    for (const text of (await list.getByRole('option').locator('.queue-what').allTextContents()).slice(0, 20)) expect(text).toBe('USD account: rejected');
    await app.getByRole('combobox', { name: 'Endorsement filter' }).selectOption('');
    await app.getByRole('combobox', { name: 'State filter' }).selectOption('');
    await expect(app.getByRole('status', { name: 'Queue size' })).toHaveText(`${total} customers waiting`);

    // Keyboard: into the list, to the end (the newest), up one, Enter opens it.
    await list.focus();
    await app.keyboard.press('End');
    await app.keyboard.press('ArrowUp');
    await app.keyboard.press('Enter');
    await expect(app).toHaveURL(new RegExp(`#/reviews/${first.id}$`));
    const caseView = app.getByRole('article', { name: 'Customer under review' });
    await expect(caseView.getByRole('heading', { name: `Quinn Ames${tag}` })).toBeVisible();

    // A dependant cannot be approved while basic waits; the screen says why before anyone clicks.
    await expect(caseView.getByRole('button', { name: 'Approve usd' })).toBeDisabled();
    await expect(caseView.getByText('Approve Basic identity first: USD account needs it (Basic identity is pending).')).toBeVisible();

    // Rejecting basic: the cascade is named before confirming, and an empty reason is refused in words.
    await caseView.getByRole('button', { name: 'Reject basic' }).click();
    await expect(caseView.getByText('Rejecting Basic identity also rejects: Crypto custody, USD account.')).toBeVisible();
    await caseView.getByRole('button', { name: 'Confirm rejection' }).click();
    await expect(caseView.getByRole('alert')).toHaveText('Give a reason to reject: the customer is told it.');
    await expect(caseView.getByRole('textbox', { name: 'Reason for rejecting basic' })).toBeFocused();
    await caseView.getByRole('textbox', { name: 'Reason for rejecting basic' }).fill('The address does not match the document');
    await shot(app, 'reviews-reject-basic');
    await caseView.getByRole('button', { name: 'Confirm rejection' }).click();
    const endorsements = caseView.getByRole('region', { name: 'Endorsements' });
    await expect(endorsements.getByRole('listitem', { name: 'USD account endorsement' })).toContainText('Rejected', { timeout: 20_000 });
    await expect(endorsements).not.toContainText('technical');
    // Still in the queue (rejected waits for a follow-up); the list row says so.
    await expect(list.getByRole('option', { name: new RegExp(`Ames${tag}`) })).toContainText('Basic identity: rejected');

    // Follow-up note, kept on the customer in OMS.
    await caseView.getByLabel(/Follow-up note/).fill('Asked the customer for a utility bill on ticket 4411');
    await caseView.getByRole('button', { name: 'Save note' }).click();
    await expect(caseView.getByText('Note saved on the customer in OMS.')).toBeVisible();
    const saved = await oms<{ metadata: Record<string, string> }>(app, 'customers', 'get', { customerId: first.id });
    expect(saved.metadata.reviewNote).toBe('Asked the customer for a utility bill on ticket 4411');

    // Next: the one after it, without going back to a list.
    await app.keyboard.press('n');
    await expect(app).toHaveURL(new RegExp(`#/reviews/${second.id}$`));
    await expect(caseView.getByText(`${total} of ${total}`)).toBeVisible();

    // Approve with a note; a double click sends one decision.
    await caseView.getByRole('button', { name: 'Approve basic' }).click();
    await caseView.getByRole('textbox', { name: 'Note for approving basic' }).fill('Documents checked by hand');
    await caseView.getByRole('button', { name: 'Confirm approval' }).dblclick();
    await expect(caseView.getByRole('region', { name: 'Endorsements' }).getByRole('listitem', { name: 'Basic identity endorsement' })).toContainText('Active', {
      timeout: 20_000,
    });
    const audit = await oms<Audit>(app, 'logs', 'audit', { target: second.id, limit: 50 });
    expect(audit.items.filter((r) => r.action === 'sandbox.decideEndorsement' && r.inputSummary.includes('approve'))).toHaveLength(1);
    for (const name of ['cryptoCustody', 'usd']) {
      await caseView.getByRole('button', { name: `Approve ${name}` }).click();
      await caseView.getByRole('button', { name: 'Confirm approval' }).click();
    }
    // Fully granted: it leaves the queue live and the count drops by one.
    await expect(list.getByRole('option', { name: new RegExp(`Boyd${tag}`) })).toHaveCount(0, { timeout: 20_000 });
    await expect(app.getByRole('status', { name: 'Queue size' })).toHaveText(`${total - 1} customers waiting`);
    await expect(caseView.getByText('No longer in this queue')).toBeVisible();
    await shot(app, 'reviews-left-queue');
  } finally {
    await oms(app, 'sandbox', 'setReviewMode', { mode: before.reviewMode });
  }
});

test('compliance reviewer: switching sandbox review to automatic decides nothing already waiting; deciding all asks with the count', async ({ app }) => {
  const before = await oms<{ reviewMode: string }>(app, 'sandbox', 'status');
  await oms(app, 'sandbox', 'setReviewMode', { mode: 'manual' });
  try {
    await submit(app, `Cole${uniqueTag()}`, uniqueTag());
    await goto(app, '#/reviews');
    await expect(app.getByRole('status', { name: 'Queue size' })).toHaveText(/^\d+ customers? waiting$/, { timeout: 30_000 });
    const total = await queueSize(app);
    const zone = app.getByRole('group', { name: 'QA: sandbox review controls' });
    const pending = (await oms<{ pendingReviews: number }>(app, 'sandbox', 'status')).pendingReviews;
    expect(pending).toBeGreaterThan(0);
    await zone.getByRole('combobox', { name: 'Review of new submissions' }).selectOption('auto');
    await expect(zone.getByRole('combobox', { name: 'Review of new submissions' })).toHaveValue('auto');
    await app.getByRole('button', { name: 'Refresh queue' }).click();
    await expect(app.getByRole('status', { name: 'Queue size' })).toHaveText(`${total} customers waiting`);
    expect((await oms<{ pendingReviews: number }>(app, 'sandbox', 'status')).pendingReviews).toBe(pending);
    await zone.getByRole('button', { name: `Decide all pending (${pending})…` }).click();
    const ask = zone.getByRole('alertdialog', { name: 'Approve every pending review?' });
    await expect(ask).toContainText(`Approve all ${pending} pending review${pending === 1 ? '' : 's'}, for every customer?`);
    await shot(app, 'reviews-decide-all-ask');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect((await oms<{ pendingReviews: number }>(app, 'sandbox', 'status')).pendingReviews).toBe(pending);
  } finally {
    await oms(app, 'sandbox', 'setReviewMode', { mode: before.reviewMode });
  }
});
