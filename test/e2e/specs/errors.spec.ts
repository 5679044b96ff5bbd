import { expect, test } from '../fixtures/test.ts';
import { control, goto, inlineError, searchBox, shot } from '../pages/console.page.ts';

test('invalid form input shows field errors and sends nothing', async ({ app }) => {
  await app.getByRole('link', { name: 'Onboarding' }).click();
  const startOver = app.getByRole('button', { name: 'Start over' });
  if (await startOver.isVisible()) await startOver.click();
  const sent: string[] = [];
  app.on('request', (r) => r.url().includes('/api/invoke/customers.create') && sent.push(r.url()));
  await app.getByLabel('First name').fill('Ada');
  await app.getByLabel('Email').fill('not-an-email');
  await app.getByLabel('Phone').fill('12345');
  await app.getByLabel('Date of birth').fill('01/02/1990');
  await app.getByLabel('Nationality').fill('usa');
  await app.getByRole('button', { name: 'Create customer' }).click();
  await expect(app.getByRole('alert').filter({ hasText: 'Nothing was sent' })).toBeVisible();
  await expect(app.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(app.getByText('must be an email address')).toBeVisible();
  await expect(app.getByText(/E\.164 phone number/)).toBeVisible();
  await expect(app.getByText('must be a date YYYY-MM-DD')).toBeVisible();
  // Focus goes to the first field in error in the form's order (date of birth comes before email),
  // so a keyboard user lands on what to fix.
  await expect(app.getByLabel('Date of birth')).toBeFocused();
  await shot(app, 'onboarding-field-errors');
  expect(sent).toEqual([]);
});

test('the sandbox answering 500 shows a message with a retry that works once it recovers', async ({ app }) => {
  await control(app, 'PUT', '/faults', { rules: [{ action: 'error', status: 500, path: '/customers', method: 'GET', times: 30 }] });
  try {
    await goto(app, '#/customers');
    await searchBox(app).fill('zz-fault');
    const alert = app.getByRole('alert').filter({ hasText: 'Could not load customers' });
    await expect(alert).toBeVisible({ timeout: 30_000 });
    await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
    await shot(app, 'customers-error-500');
  } finally {
    await control(app, 'DELETE', '/faults');
  }
  // Once the sandbox recovers, one Retry brings the answer.
  await app.getByRole('button', { name: 'Retry' }).click();
  await expect(app.getByText('No customers match.')).toBeVisible();
});

test('production profile: the banner is red and every mutation asks for confirmation; cancelling sends nothing', async ({ app }) => {
  await app.getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('button', { name: /^Use Production/ }).click();
  const banner = app.getByRole('status', { name: 'Active profile' });
  await expect(banner).toContainText('PRODUCTION');
  await expect(banner).toHaveCSS('background-color', 'rgb(179, 18, 31)');
  try {
    await app.getByRole('link', { name: 'Onboarding' }).click();
    const startOver = app.getByRole('button', { name: 'Start over' });
    if (await startOver.isVisible()) await startOver.click();
    const sent: string[] = [];
    app.on('request', (r) => r.url().includes('/api/invoke/customers.create') && sent.push(r.url()));
    await app.getByLabel('First name').fill('Prod');
    await app.getByLabel('Last name').fill('Check');
    await app.getByRole('button', { name: 'Create customer' }).click();
    const dialog = app.getByRole('alertdialog', { name: /on production\?/ });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await shot(app, 'production-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(sent).toEqual([]);
    // Confirming sends it; no real production is reachable here, and the failure is shown plainly.
    await app.getByRole('button', { name: 'Create customer' }).click();
    await app.getByRole('alertdialog').getByRole('button', { name: /on production$/ }).click();
    await expect.poll(() => sent.length).toBe(1);
    await expect(inlineError(app).first()).toBeVisible({ timeout: 30_000 });
    await shot(app, 'production-error');
  } finally {
    await app.getByRole('link', { name: 'Settings' }).click();
    await app.getByRole('button', { name: /^Use Local/ }).click();
    await expect(app.getByRole('status', { name: 'Active profile' })).toContainText('TEST MODE');
  }
});
