import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { ensureListener, fullCustomer, goto, oms, shot, uniqueTag, sandboxOrigin } from '../pages/console.page.ts';

type Audit = { items: { action: string; inputSummary: string }[] };

async function submit(app: Page, lastName: string, tag: string) {
  return oms<{ id: string }>(app, 'customers', 'create', {
    customer: { ...fullCustomer(lastName, tag), externalId: `e2e-${lastName}-${tag}`, endorsements: ['basic', 'cryptoCustody', 'usd'] },
  });
}

/** The queue's exact counts per group; a live recount shows "Counting…" for a moment, so read them once numbers show. */
const queueCounts = async (app: Page) => {
  const status = app.getByRole('status', { name: 'Queue size' });
  let counts = { decision: NaN, customer: NaN };
  await expect
    .poll(
      async () => {
        const m = ((await status.textContent()) ?? '').match(/^(\d+) needs? a decision · (\d+) waiting on the customer$/);
        counts = { decision: Number(m?.[1] ?? NaN), customer: Number(m?.[2] ?? NaN) };
        return counts.decision + counts.customer;
      },
      { timeout: 30_000 },
    )
    // A number as soon as the status renders, 0 before the first count lands: wait for the count.
    .toBeGreaterThan(0);
  return counts;
};
const countText = (c: { decision: number; customer: number }) => `${c.decision} need${c.decision === 1 ? 's' : ''} a decision · ${c.customer} waiting on the customer`;

/** The Decide-all button names the sandbox's own count in its unit, beside the queue's customers: it follows both live. */
async function expectDecideAll(app: Page, customers: number) {
  await expect
    .poll(async () => {
      const pending = (await oms<{ pendingReviews: number }>(app, 'sandbox', 'status')).pendingReviews;
      const label = `Decide all pending (${pending} endorsement${pending === 1 ? '' : 's'} of ${customers} customer${customers === 1 ? '' : 's'})…`;
      return (await app.getByRole('group', { name: 'QA: sandbox review controls' }).getByRole('button', { name: label }).count()) === 1;
    }, { timeout: 20_000 })
    .toBe(true);
}

test('compliance reviewer: works the queue by keys, decisions first and the customer’s turn apart, with counts that follow every decision', async ({ app }) => {
  // Many steps, each a live round trip; on two shared cores under load a step can take seconds.
  test.setTimeout(300_000);
  await ensureListener(app);
  await sandboxOrigin(app); // running, so its review mode can be read (and restored)
  const before = await oms<{ reviewMode: string | null }>(app, 'sandbox', 'status');
  await oms(app, 'sandbox', 'setReviewMode', { mode: 'manual' });
  try {
    const tag = uniqueTag();
    const first = await submit(app, `Ames${tag}`, `${tag}a`);
    const second = await submit(app, `Boyd${tag}`, `${tag}b`);

    await app.getByRole('link', { name: 'Review queue' }).click();
    const list = app.getByRole('listbox', { name: 'Review queue' });
    const decisionGroup = list.getByRole('group', { name: /^Needs a decision/ });
    const customerGroup = list.getByRole('group', { name: /^Waiting on the customer/ });
    // Two groups, each with its exact count, and together every row listed.
    const counts = await queueCounts(app);
    expect(counts.decision).toBeGreaterThan(10);
    expect(counts.customer).toBeGreaterThan(10);
    await expect(decisionGroup).toHaveAccessibleName(`Needs a decision (${counts.decision})`);
    await expect(customerGroup).toHaveAccessibleName(`Waiting on the customer (${counts.customer})`);
    await expect(decisionGroup.getByRole('option')).toHaveCount(counts.decision);
    await expect(customerGroup.getByRole('option')).toHaveCount(counts.customer);
    await expect(list.getByRole('option').first()).toContainText('pending');
    // Oldest first within the decisions: the two new submissions close that group, in the order they came in.
    const names = await decisionGroup.getByRole('option').locator('strong').allTextContents();
    expect(names.slice(-2)).toEqual([`Quinn Ames${tag}`, `Quinn Boyd${tag}`]);
    await expectDecideAll(app, counts.decision);
    await shot(app, 'reviews-queue');

    // Filters narrow the queue and keep the counts exact: rejected is the customer's turn.
    await app.getByRole('combobox', { name: 'Endorsement filter' }).selectOption('usd');
    await app.getByRole('combobox', { name: 'State filter' }).selectOption('rejected');
    await expect(app.getByRole('status', { name: 'Queue size' })).not.toHaveText(countText(counts));
    const rejected = await queueCounts(app);
    expect(rejected.decision).toBe(0);
    await expect(customerGroup.getByRole('option')).toHaveCount(rejected.customer);
    for (const text of (await list.getByRole('option').allTextContents()).slice(0, 20)) expect(text).toContain('USD account: rejected');
    await app.getByRole('combobox', { name: 'Endorsement filter' }).selectOption('');
    await app.getByRole('combobox', { name: 'State filter' }).selectOption('');
    await expect(app.getByRole('status', { name: 'Queue size' })).toHaveText(countText(counts));

    // Keyboard: into the list, Enter opens the active row.
    await list.focus();
    await app.keyboard.press('Home');
    await app.keyboard.press('Enter');
    await expect(app).toHaveURL(/#\/reviews\/cst_/);
    await decisionGroup.getByRole('option', { name: new RegExp(`Ames${tag}`) }).click();
    await expect(app).toHaveURL(new RegExp(`#/reviews/${first.id}$`));
    const caseView = app.getByRole('article', { name: 'Customer under review' });
    await expect(caseView.getByRole('heading', { name: `Quinn Ames${tag}` })).toBeVisible();
    await expect(caseView.getByText(`${counts.decision - 1} of ${counts.decision} · needs a decision`)).toBeVisible();

    // The keys are on the buttons they press: basic answers A and R (a dependant cannot be approved first).
    await expect(caseView.getByRole('button', { name: 'Approve basic' })).toHaveAttribute('aria-keyshortcuts', 'A');
    await expect(caseView.getByRole('button', { name: 'Reject basic' })).toHaveAttribute('aria-keyshortcuts', 'R');
    await expect(caseView.getByRole('button', { name: 'Approve usd' })).toBeDisabled();
    await expect(caseView.getByText('Approve Basic identity first: USD account needs it (Basic identity is pending).')).toBeVisible();
    await expect(caseView.getByRole('button', { name: /^Next in queue/ })).toHaveAttribute('aria-keyshortcuts', 'N');
    await expect(caseView.getByRole('button', { name: /^Previous/ })).toHaveAttribute('aria-keyshortcuts', 'P');

    // R: the reason is asked for, the cascade named; Ctrl+Enter without one is refused in words. No Tab anywhere.
    await app.keyboard.press('r');
    const reason = caseView.getByRole('textbox', { name: 'Reason for rejecting basic' });
    await expect(reason).toBeFocused();
    await expect(caseView.getByText('Rejecting Basic identity also rejects: Crypto custody, USD account.')).toBeVisible();
    await app.keyboard.press('Control+Enter');
    await expect(caseView.getByRole('alert')).toHaveText('Give a reason to reject: the customer is told it.');
    await expect(reason).toBeFocused();
    await app.keyboard.type('The address does not match the document');
    await shot(app, 'reviews-reject-basic');
    await app.keyboard.press('Control+Enter');
    const endorsements = caseView.getByRole('region', { name: 'Endorsements' });
    await expect(endorsements.getByRole('listitem', { name: 'USD account endorsement' })).toContainText('Rejected', { timeout: 20_000 });
    await expect(endorsements).not.toContainText('technical');
    // Now the customer's turn: moved live to the other group, both counts and the Decide-all count follow.
    const afterReject = { decision: counts.decision - 1, customer: counts.customer + 1 };
    await expect(app.getByRole('status', { name: 'Queue size' })).toHaveText(countText(afterReject), { timeout: 20_000 });
    await expect(customerGroup.getByRole('option', { name: new RegExp(`Ames${tag}`) })).toContainText('Basic identity: rejected');
    await expectDecideAll(app, afterReject.decision);

    // F: the follow-up note, saved with Ctrl+Enter, kept on the customer in OMS; Escape leaves the field.
    await app.keyboard.press('f');
    await expect(caseView.getByLabel(/Follow-up note/)).toBeFocused();
    await app.keyboard.type('Asked the customer for a utility bill on ticket 4411');
    await app.keyboard.press('Control+Enter');
    await expect(caseView.getByText('Note saved on the customer in OMS.')).toBeVisible({ timeout: 20_000 });
    const saved = await oms<{ metadata: Record<string, string> }>(app, 'customers', 'get', { customerId: first.id });
    expect(saved.metadata.reviewNote).toBe('Asked the customer for a utility bill on ticket 4411');
    await app.keyboard.press('Escape');

    // N: whoever moved up into its place among the decisions; P and N step back and forth.
    await app.keyboard.press('n');
    await expect(app).toHaveURL(new RegExp(`#/reviews/${second.id}$`));
    await expect(caseView.getByText(`${afterReject.decision} of ${afterReject.decision} · needs a decision`)).toBeVisible();
    await app.keyboard.press('p');
    await expect(app).not.toHaveURL(new RegExp(`#/reviews/${second.id}$`));
    await app.keyboard.press('n');
    await expect(app).toHaveURL(new RegExp(`#/reviews/${second.id}$`));

    // A, then Ctrl+Enter: one approval with a note, no Tab; then the dependants the same way.
    await expect(caseView.getByRole('heading', { name: `Quinn Boyd${tag}` })).toBeVisible();
    await app.keyboard.press('a');
    await expect(caseView.getByRole('textbox', { name: 'Note for approving basic' })).toBeFocused();
    await app.keyboard.type('Documents checked by hand');
    await app.keyboard.press('Control+Enter');
    await expect(endorsements.getByRole('listitem', { name: 'Basic identity endorsement' })).toContainText('Active', { timeout: 20_000 });
    const audit = await oms<Audit>(app, 'logs', 'audit', { target: second.id, limit: 50 });
    expect(audit.items.filter((r) => r.action === 'sandbox.decideEndorsement' && r.inputSummary.includes('approve'))).toHaveLength(1);
    await expectDecideAll(app, afterReject.decision);
    for (const [name, label] of [['cryptoCustody', 'Crypto custody'], ['usd', 'USD account']] as const) {
      await expect(caseView.getByRole('button', { name: `Approve ${name}` })).toHaveAttribute('aria-keyshortcuts', 'A');
      await app.keyboard.press('a');
      await expect(caseView.getByRole('textbox', { name: `Note for approving ${name}` })).toBeFocused();
      await app.keyboard.press('Control+Enter');
      await expect(endorsements.getByRole('listitem', { name: `${label} endorsement` })).toContainText('Active', { timeout: 20_000 });
    }
    // Fully granted: it leaves the queue live and the decision count drops by one.
    await expect(list.getByRole('option', { name: new RegExp(`Boyd${tag}`) })).toHaveCount(0, { timeout: 20_000 });
    const done = { decision: afterReject.decision - 1, customer: afterReject.customer };
    await expect(app.getByRole('status', { name: 'Queue size' })).toHaveText(countText(done));
    await expect(decisionGroup).toHaveAccessibleName(`Needs a decision (${done.decision})`);
    await expectDecideAll(app, done.decision);
    await expect(caseView.getByText('No longer in this queue')).toBeVisible();
    await shot(app, 'reviews-left-queue');
  } finally {
    // A sandbox not started before the test reports no mode: it started in its default, automatic.
    await oms(app, 'sandbox', 'setReviewMode', { mode: before.reviewMode ?? 'auto' });
  }
});

test('compliance reviewer: switching sandbox review to automatic decides nothing already waiting; deciding all asks with the count', async ({ app }) => {
  const before = await oms<{ reviewMode: string | null }>(app, 'sandbox', 'status');
  await oms(app, 'sandbox', 'setReviewMode', { mode: 'manual' });
  try {
    await submit(app, `Cole${uniqueTag()}`, uniqueTag());
    await goto(app, '#/reviews');
    const counts = await queueCounts(app);
    const zone = app.getByRole('group', { name: 'QA: sandbox review controls' });
    const pending = (await oms<{ pendingReviews: number }>(app, 'sandbox', 'status')).pendingReviews;
    expect(pending).toBeGreaterThan(0);
    await zone.getByRole('combobox', { name: 'Review of new submissions' }).selectOption('auto');
    await expect(zone.getByRole('combobox', { name: 'Review of new submissions' })).toHaveValue('auto');
    await app.getByRole('button', { name: 'Refresh queue' }).click();
    await expect(app.getByRole('status', { name: 'Queue size' })).toHaveText(countText(counts));
    expect((await oms<{ pendingReviews: number }>(app, 'sandbox', 'status')).pendingReviews).toBe(pending);
    const units = `${pending} endorsement${pending === 1 ? '' : 's'} of ${counts.decision} customer${counts.decision === 1 ? '' : 's'}`;
    await zone.getByRole('button', { name: `Decide all pending (${units})…` }).click();
    const ask = zone.getByRole('alertdialog', { name: 'Approve every pending review?' });
    await expect(ask).toContainText(`Approve every pending endorsement (${units}), for every customer?`);
    await shot(app, 'reviews-decide-all-ask');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect((await oms<{ pendingReviews: number }>(app, 'sandbox', 'status')).pendingReviews).toBe(pending);
  } finally {
    // A sandbox not started before the test reports no mode: it started in its default, automatic.
    await oms(app, 'sandbox', 'setReviewMode', { mode: before.reviewMode ?? 'auto' });
  }
});
