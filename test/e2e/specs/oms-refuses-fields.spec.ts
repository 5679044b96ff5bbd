import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { fullCustomer, goto, oms, uniqueTag } from '../pages/console.page.ts';

/**
 * When OMS still refuses: the sandbox refuses what only OMS can judge (oms-api.md §9: an
 * SSN that cannot exist, an externalId another customer holds). The form marks the field in OMS's
 * words, focus goes to it, nothing typed is lost, and the corrected form goes through.
 */
const SHOTS = '/tmp/shots-e';
async function look(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

type Found = { items: { id: string }[] };

test('QA: in the wizard, OMS refuses an SSN that cannot exist; the document number is marked in its words and focused, nothing typed is lost, the corrected customer is created once', async ({ app }) => {
  await app.getByRole('link', { name: 'Onboarding' }).click();
  const startOver = app.getByRole('button', { name: 'Start over' });
  if (await startOver.isVisible()) await startOver.click();
  const tag = uniqueTag();
  const typed: [string | RegExp, string][] = [
    ['First name', 'Sasha'],
    ['Last name', `Refused${tag}`],
    ['Date of birth', '1988-02-29'],
    ['Nationality', 'US'],
    ['External id', `e2e-refused-${tag}`],
    ['Email', `sasha.${tag}@example.test`],
    ['Phone', '+14155550142'],
    ['Address line 1', '5 Harbor Way'],
    ['City', 'Oakland'],
    ['ZIP / postcode', '94607'],
    ['Issuing country', 'US'],
    ['Document number', '000-12-3456'],
  ];
  for (const [label, value] of typed) await app.getByLabel(label).fill(value);
  await app.getByLabel('Country', { exact: true }).fill('US');
  await app.getByLabel('Document type').selectOption('ssn');
  await app.getByLabel('The customer signed the terms of service').check();
  const creates: number[] = [];
  app.on('response', (r) => r.url().includes('/api/invoke/customers.create') && creates.push(r.status()));
  await app.getByRole('button', { name: 'Create customer' }).click();

  // OMS's words on the field (the sandbox's issue at identifyingInformation[0].number), focus on it.
  const number = app.getByLabel('Document number');
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(number).toHaveAccessibleDescription(/is not an SSN: no SSN starts with 000, 666 or 9/);
  await expect(number).toBeFocused();
  await expect(app.getByRole('alert').filter({ hasText: 'OMS did not accept a field' })).toContainText('Everything you typed is kept');
  await expect(app.getByRole('heading', { name: '1 · Create the customer' })).toBeVisible();
  // No raw contract path is shown to the operator.
  await expect(app.getByText('identifyingInformation[0]')).toHaveCount(0);
  await look(app, 'refused-onboarding');
  for (const [label, value] of typed) await expect(app.getByLabel(label)).toHaveValue(value);
  await expect(app.getByLabel('The customer signed the terms of service')).toBeChecked();
  expect(await oms<Found>(app, 'customers', 'search', { externalId: `e2e-refused-${tag}` })).toMatchObject({ items: [] });

  await number.fill('123-45-6789');
  await expect(number).not.toHaveAttribute('aria-invalid', 'true');
  await app.getByRole('button', { name: 'Create customer' }).click();
  await expect(app.getByRole('heading', { name: '2 · Endorsements' })).toBeVisible();
  const found = await oms<Found>(app, 'customers', 'search', { externalId: `e2e-refused-${tag}` });
  expect(found.items).toHaveLength(1);
  expect(creates).toHaveLength(2);
  await app.getByRole('button', { name: 'Start over' }).click();
});

test("QA: editing a customer, OMS refuses an externalId another customer holds; the field is marked naming the holder and focused, the rest is kept, nothing changed; a free one saves", async ({ app }) => {
  const tag = uniqueTag();
  const holder = await oms<{ id: string; externalId: string }>(app, 'customers', 'create', { customer: { type: 'individual', firstName: 'Holder', externalId: `e2e-held-${tag}` } });
  const c = await oms<{ id: string }>(app, 'customers', 'create', { customer: { ...fullCustomer(`Renamed${tag}`, tag), externalId: `e2e-own-${tag}` } });
  await goto(app, `#/customers/${c.id}`);
  await app.getByRole('link', { name: 'Edit customer' }).click();
  const form = app.getByRole('form', { name: `Edit ${c.id}` });
  await form.getByLabel('Middle name').fill('Ray');
  await form.getByLabel('IP address').fill('203.0.113.9');
  const ext = form.getByLabel('External id');
  await ext.fill(holder.externalId);
  await form.getByRole('button', { name: 'Save changes' }).click();

  await expect(ext).toHaveAttribute('aria-invalid', 'true');
  await expect(ext).toHaveAccessibleDescription(new RegExp(`is already the externalId of customer ${holder.id}`));
  await expect(ext).toBeFocused();
  await expect(form.getByRole('alert').first()).toContainText('nothing was changed');
  await expect(app).toHaveURL(new RegExp(`#/customers/${c.id}/edit$`));
  await look(app, 'refused-edit');
  await expect(form.getByLabel('Middle name')).toHaveValue('Ray');
  await expect(form.getByLabel('IP address')).toHaveValue('203.0.113.9');
  await expect(ext).toHaveValue(holder.externalId);
  const unchanged = await oms<{ middleName: string | null; externalId: string }>(app, 'customers', 'get', { customerId: c.id });
  expect([unchanged.middleName, unchanged.externalId]).toEqual([null, `e2e-own-${tag}`]);

  await ext.fill(`e2e-new-${tag}`);
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(app).toHaveURL(new RegExp(`#/customers/${c.id}$`));
  await expect(app.getByRole('region', { name: 'Profile' })).toContainText(`e2e-new-${tag}`);
  const saved = await oms<{ middleName: string | null; externalId: string }>(app, 'customers', 'get', { customerId: c.id });
  expect([saved.middleName, saved.externalId]).toEqual(['Ray', `e2e-new-${tag}`]);
});
