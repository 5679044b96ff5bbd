import type { Locator } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { ensureListener, expectEndorsementStatus, fullCustomer, goto, oms, uniqueTag, shot, directoryComplete, customersScreen } from '../pages/console.page.ts';

test('compliance reviewer: filters pending endorsements, approves one and rejects another with a reason, both flip live, audit log shows both', async ({ app, omsMode }) => {
  test.setTimeout(90_000);
  await ensureListener(app);
  // Set-up: manual review, and a customer whose endorsements wait for a person (lastName "Review").
  await oms(app, 'sandbox', 'setReviewMode', { mode: 'manual' });
  const tag = uniqueTag();
  const c = await oms<{ id: string }>(app, 'customers', 'create', { customer: { ...fullCustomer('Review', tag), endorsements: ['basic', 'cryptoCustody', 'usd'] } });

  // The reviewer filters customers with a pending USD endorsement and narrows to this one.
  const search = customersScreen(app).search;
  const query = `endorsement:usd:pending externalId:e2e-${tag}`;
  await search.fill(query);
  const results = customersScreen(app).results;
  await expect(results).toHaveAttribute('data-results-for', query, { timeout: 15_000 });
  await expect(results.getByRole('option')).toHaveCount(1);
  const row = results.getByRole('option').first();
  // Compact badges: a short word on screen, the full wording for screen readers and the tooltip.
  await expect(row).toContainText('USD account: pending review');
  await expect(row.locator('[title="USD account: pending review"]')).toBeVisible();
  await expectBadgesFit(row);
  await shot(app, 'reviewer-filter');
  // Still readable and unclipped in a narrower window.
  const size = app.viewportSize()!;
  await app.setViewportSize({ width: 1100, height: size.height });
  try {
    await expectBadgesFit(row);
    await shot(app, 'reviewer-filter-1100');
  } finally {
    await app.setViewportSize(size);
  }
  await search.press('ArrowDown');
  await app.keyboard.press('Enter');
  await expect(app).toHaveURL(new RegExp(`#/customers/${c.id}$`));

  await expectEndorsementStatus(app, 'Basic identity', 'Pending review');
  // Approve basic; reject usd with a reason the agent can read out.
  // QA decisions sit in their own marked area, apart from the support view.
  const qa = app.getByRole('region', { name: 'QA Sandbox decisions' });
  await qa.getByRole('button', { name: 'Show sandbox decisions' }).click();
  await qa.getByRole('button', { name: 'Approve basic' }).click();
  await qa.getByRole('button', { name: 'Confirm approval' }).click();
  await expectEndorsementStatus(app, 'Basic identity', 'Active');
  await qa.getByRole('button', { name: 'Reject usd' }).click();
  await app.getByRole('textbox', { name: 'Reason for rejecting usd' }).fill('The passport photo is unreadable');
  await app.getByRole('button', { name: 'Confirm rejection' }).click();
  await expectEndorsementStatus(app, 'USD account', 'Rejected');
  await expect(app.getByRole('listitem', { name: 'USD account endorsement' })).toContainText('The passport photo is unreadable');
  await expect(app.getByRole('status', { name: 'Live updates' })).toContainText(/Updated (just now|\d+s ago) — endorsement rejected/);
  // The live panel names the endorsement each update changed.
  await expect(app.getByRole('log', { name: 'Live updates for this customer' })).toContainText('USD account is now rejected');
  // The activity timeline shows the reviewer's own decisions live (no reload), as sentences naming
  // the endorsement; the raw summary is one click away.
  const activity = app.getByRole('region', { name: 'Activity' });
  await expect(activity).toContainText('Approved Basic identity');
  // Webhook rows name the endorsement the event changed. Only an OMS that sends rejections as webhooks
  // (the sandbox's extra event) has one; on a documented-only OMS the operator's row above says it.
  if (omsMode === 'extended') await expect(activity).toContainText('Endorsement rejected: USD account');
  else await expect(activity).toContainText('Rejected USD account');
  await expect(activity).toContainText('Rejected USD account · reason: “The passport photo is unreadable”');
  await expect(activity.getByText('"decision":"approve"')).toBeHidden();
  await shot(app, 'reviewer-decided');

  // The audit log shows both decisions.
  await app.getByRole('link', { name: 'Logs' }).click();
  await app.getByRole('tab', { name: 'Audit log' }).click();
  const audit = app.getByRole('table', { name: 'Audit log' });
  const rows = audit.getByRole('row').filter({ hasText: 'sandbox.decideEndorsement' }).filter({ hasText: c.id });
  await expect(rows).toHaveCount(2);
  await shot(app, 'audit-log');
  await oms(app, 'sandbox', 'setReviewMode', { mode: 'auto' });
});

/** Every endorsement badge in a results row ends inside the row (nothing clipped). */
async function expectBadgesFit(row: Locator) {
  const overflow = await row.evaluate((el) => {
    // The badges' column clips what does not fit, so measure against the column, not the row.
    return [...el.querySelectorAll('[data-endorsement]')]
      .map((b) => b.getBoundingClientRect().right - b.parentElement!.parentElement!.getBoundingClientRect().right)
      .filter((d) => d > 0.5);
  });
  expect(overflow).toEqual([]);
}

test('compliance reviewer on a real profile: no QA controls anywhere, the queue says plainly when OMS cannot be reached', async ({ app }) => {
  await directoryComplete(app);
  const c = (await oms<{ items: { id: string }[] }>(app, 'customers', 'search', { limit: 1, endorsement: { name: 'usd', status: 'pending' } })).items[0]!;
  await goto(app, `#/reviews/${c.id}`);
  await expect(app.getByRole('group', { name: 'QA: sandbox review controls' })).toBeVisible();
  // On the sandbox the console decides, so the queue does not say that OMS does.
  await expect(app.getByRole('note', { name: 'Who decides' })).toHaveCount(0);
  await app.getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('button', { name: /^Use Production/ }).click();
  await expect(app.getByRole('status', { name: 'Active profile' })).toContainText('PRODUCTION');
  try {
    await goto(app, '#/reviews');
    await expect(app.getByRole('alert').filter({ hasText: 'Could not load the review queue' })).toBeVisible({ timeout: 30_000 });
    // Said first, above the queue: OMS decides here; the reviewer's part is the follow-up.
    const role = app.getByRole('note', { name: 'Who decides' });
    await expect(role).toContainText('OMS makes the compliance decisions on this profile.');
    await expect(role).toContainText('a note on the customer for the team, and re-requesting endorsements');
    await expect(app.getByRole('group', { name: 'QA: sandbox review controls' })).toHaveCount(0);
    await expect(app.getByRole('region', { name: 'QA Sandbox decisions' })).toHaveCount(0);
    await shot(app, 'reviews-production-unreachable');
  } finally {
    await app.getByRole('link', { name: 'Settings' }).click();
    await app.getByRole('button', { name: /^Use Local/ }).click();
    await expect(app.getByRole('status', { name: 'Active profile' })).toContainText('TEST MODE');
  }
});
