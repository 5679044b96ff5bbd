import { expect, test } from '../fixtures/test.ts';
import { ensureListener, expectEndorsementStatus, fullCustomer, oms, uniqueTag, shot } from '../pages/console.page.ts';

test('compliance reviewer: filters pending endorsements, approves one and rejects another with a reason, both flip live, audit log shows both', async ({ app }) => {
  test.setTimeout(90_000);
  await ensureListener(app);
  // Set-up: manual review, and a customer whose endorsements wait for a person (lastName "Review").
  await oms(app, 'sandbox', 'setReviewMode', { mode: 'manual' });
  const tag = uniqueTag();
  const c = await oms<{ id: string }>(app, 'customers', 'create', { customer: { ...fullCustomer('Review', tag), endorsements: ['basic', 'cryptoCustody', 'usd'] } });

  // The reviewer filters customers with a pending USD endorsement and narrows to this one.
  const search = app.getByRole('searchbox', { name: 'Search customers' });
  const query = `endorsement:usd:pending externalId:e2e-${tag}`;
  await search.fill(query);
  const results = app.getByRole('listbox', { name: 'Customers' });
  await expect(results).toHaveAttribute('data-results-for', query, { timeout: 15_000 });
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.getByRole('option').first()).toContainText('usd pending review');
  await shot(app, 'reviewer-filter');
  await search.press('ArrowDown');
  await app.keyboard.press('Enter');
  await expect(app).toHaveURL(new RegExp(`#/customers/${c.id}$`));

  await expectEndorsementStatus(app, 'Basic identity', 'Pending review');
  // Approve basic; reject usd with a reason the agent can read out.
  await app.getByRole('button', { name: 'Approve basic' }).click();
  await expectEndorsementStatus(app, 'Basic identity', 'Active');
  await app.getByRole('button', { name: 'Reject usd' }).click();
  await app.getByRole('textbox', { name: 'Reason for rejecting usd' }).fill('The passport photo is unreadable');
  await app.getByRole('button', { name: 'Confirm rejection' }).click();
  await expectEndorsementStatus(app, 'USD account', 'Rejected');
  await expect(app.getByRole('listitem', { name: 'USD account endorsement' })).toContainText('The passport photo is unreadable');
  await expect(app.getByRole('status', { name: 'Live updates' })).toContainText(/Updated (just now|\d+s ago)/);
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
