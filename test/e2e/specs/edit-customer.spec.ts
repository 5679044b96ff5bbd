import { expect, test } from '../fixtures/test.ts';
import { ensureListener, expectEndorsementStatus, fullCustomer, goto, oms, shot, uniqueTag } from '../pages/console.page.ts';

test('QA: fixes a wrong document type from the customer view; bad dates are caught before OMS; USD turns active live; then deactivates with confirmation', async ({ app }) => {
  test.setTimeout(90_000);
  await ensureListener(app);
  const before = await oms<{ reviewMode: string | null }>(app, 'sandbox', 'status');
  await oms(app, 'sandbox', 'setReviewMode', { mode: 'auto' });
  try {
    const tag = uniqueTag();
    // A German national with an SSN: the USD endorsement needs a passport.
    const c = await oms<{ id: string }>(app, 'customers', 'create', { customer: { ...fullCustomer(`Edit${tag}`, tag), nationality: 'DE' } });
    await goto(app, `#/customers/${c.id}`);
    await expectEndorsementStatus(app, 'Basic identity', 'Active');
    const usd = app.getByRole('listitem', { name: 'USD account endorsement' });
    await expect(usd).toContainText('an identity document matching the nationality is needed');
    await expect(usd).not.toContainText('identifyingInformation');

    await app.getByRole('link', { name: 'Edit customer' }).click();
    await expect(app).toHaveURL(new RegExp(`#/customers/${c.id}/edit$`));
    const form = app.getByRole('form', { name: `Edit ${c.id}` });
    const sent: string[] = [];
    app.on('request', (r) => r.url().includes('/api/invoke/customers.update') && sent.push(r.url()));
    // Impossible and future dates never reach OMS; focus lands on the field.
    await form.getByLabel(/^Date of birth/).fill('2031-02-30');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(form.getByText('is not a real date (2031-02-30 does not exist)')).toBeVisible();
    await expect(form.getByLabel(/^Date of birth/)).toBeFocused();
    await form.getByLabel(/^Date of birth/).fill('2099-01-01');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(form.getByText('cannot be in the future')).toBeVisible();
    expect(sent).toEqual([]);
    await form.getByLabel(/^Date of birth/).fill('');

    // Add a passport; the issuing country typed in lower case is sent as "DE".
    await form.getByLabel('Document type').selectOption('passport');
    await form.getByLabel('Issuing country').fill('de');
    await form.getByLabel('Document number').fill('C01X00T47');
    await shot(app, 'edit-customer');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(app).toHaveURL(new RegExp(`#/customers/${c.id}$`));
    expect(sent).toHaveLength(1);
    // The toast belongs to this customer's screen: it does not follow the agent elsewhere.
    const toasts = app.getByRole('status', { name: 'Notifications' });
    await expect(toasts).toContainText('Saved. OMS re-evaluates the endorsements');
    await goto(app, '#/customers');
    await expect(toasts).not.toContainText('Saved. OMS re-evaluates the endorsements');
    await goto(app, `#/customers/${c.id}`);
    await expectEndorsementStatus(app, 'USD account', 'Active', 30_000);
    await expect(app.getByRole('log', { name: 'Live updates for this customer' })).toContainText('USD account is now active');
    await shot(app, 'edit-customer-saved');

    // Soft delete, asked first.
    await app.getByRole('link', { name: 'Edit customer' }).click();
    await app.getByRole('button', { name: 'Deactivate customer…' }).click();
    const ask = app.getByRole('alertdialog', { name: `Deactivate Quinn Edit${tag}?` });
    await expect(ask.getByRole('button', { name: 'Keep the customer' })).toBeFocused();
    await shot(app, 'edit-customer-deactivate');
    await ask.getByRole('button', { name: 'Deactivate customer' }).click();
    await expect(app.getByText('This customer is inactive (deleted in OMS).')).toBeVisible();
    expect((await oms<{ status: string }>(app, 'customers', 'get', { customerId: c.id })).status).toBe('inactive');
  } finally {
    // A sandbox not started before the test reports no mode: it started in its default, automatic.
    await oms(app, 'sandbox', 'setReviewMode', { mode: before.reviewMode ?? 'auto' });
  }
});

test('QA: in the wizard, an empty form asks first; step 2 offers nothing already requested, fixes data in place and moves on once all are granted', async ({ app }) => {
  test.setTimeout(90_000);
  await ensureListener(app);
  const before = await oms<{ reviewMode: string | null }>(app, 'sandbox', 'status');
  await oms(app, 'sandbox', 'setReviewMode', { mode: 'auto' });
  try {
    await app.getByRole('link', { name: 'Onboarding' }).click();
    const startOver = app.getByRole('button', { name: 'Start over' });
    if (await startOver.isVisible()) await startOver.click();
    const sent: string[] = [];
    app.on('request', (r) => r.url().includes('/api/invoke/customers.create') && sent.push(r.url()));
    await app.getByRole('button', { name: 'Create customer' }).click();
    const ask = app.getByRole('alertdialog', { name: 'Create a customer with no details?' });
    await expect(ask).toBeVisible();
    await ask.getByRole('button', { name: 'Go back to the form' }).click();
    expect(sent).toEqual([]);

    const tag = uniqueTag();
    await app.getByLabel('First name').fill('Wren');
    await app.getByLabel('Last name').fill(`Wizard${tag}`);
    await app.getByRole('button', { name: 'Create customer' }).click();
    await expect(app.getByRole('heading', { name: '2 · Endorsements' })).toBeVisible();
    // OMS requested the default endorsements at creation: nothing to request again.
    await expect(app.getByRole('note').filter({ hasText: 'Already requested' })).toContainText('Nothing is left to request.');
    await expect(app.getByRole('button', { name: 'Request endorsements' })).toHaveCount(0);
    await expectEndorsementStatus(app, 'Basic identity', 'Incomplete');
    await expect(app.getByRole('listitem', { name: 'Basic identity endorsement' })).toContainText(/Date of birth, .* are missing\./);

    await app.getByRole('button', { name: 'Fix customer data' }).click();
    const form = app.getByRole('form', { name: /^Edit cst_/ });
    await form.getByLabel(/^Date of birth/).fill('1991-07-14');
    await form.getByLabel(/^Nationality/).fill('us');
    await form.getByLabel('Email').fill(`wren.${tag}@example.test`);
    await form.getByLabel(/^Phone/).fill('+14155550199');
    await form.getByLabel('Address line 1').fill('9 Pine St');
    await form.getByLabel('City').fill('Portland');
    await form.getByLabel('ZIP / postcode').fill('97201');
    await form.getByLabel('Country', { exact: true }).fill('us');
    await form.getByLabel('Issuing country').fill('US');
    await form.getByLabel('Document number').fill('123-45-6789');
    await form.getByLabel('The customer signed the terms of service').check();
    await shot(app, 'wizard-edit');
    await form.getByRole('button', { name: 'Save changes' }).click();
    // Everything granted: the wizard moves on by itself, and step 2 is done, not skipped.
    await expect(app.getByRole('button', { name: 'Provision wallet' })).toBeVisible({ timeout: 30_000 });
    const steps = app.getByRole('navigation', { name: 'Onboarding steps' });
    await expect(steps.getByRole('button', { name: 'Endorsements (done)' })).toBeVisible();
    await expect(steps.getByRole('button', { name: /Endorsements/ })).not.toContainText('skipped');
  } finally {
    // A sandbox not started before the test reports no mode: it started in its default, automatic.
    await oms(app, 'sandbox', 'setReviewMode', { mode: before.reviewMode ?? 'auto' });
  }
});
