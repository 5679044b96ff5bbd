import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { oms, shot, uniqueTag } from '../pages/console.page.ts';

// Its own console: the local sandbox serves the not-yet-available external accounts (oms-api.md §5).
test.use({ consoleEnv: { OMS_SANDBOX_PREVIEW: '1' } });

async function seriousViolations(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

test('QA: with the sandbox preview on, step 4 is a schema-driven bank form that masks what it registered', async ({ app }) => {
  expect(await oms<{ preview: boolean }>(app, 'sandbox', 'status')).toMatchObject({ preview: true });
  await app.getByRole('link', { name: 'Onboarding' }).click();
  const startOver = app.getByRole('button', { name: 'Start over' });
  if (await startOver.isVisible()) await startOver.click();

  // Step 1 with the one required field group, then straight to step 4.
  await app.getByLabel('First name').fill('Bea');
  await app.getByLabel('Last name').fill(`Banker${uniqueTag()}`);
  await app.getByRole('button', { name: 'Create customer' }).click();
  await expect(app.getByRole('heading', { name: '2 · Endorsements' })).toBeVisible();
  await app.getByRole('navigation', { name: 'Onboarding steps' }).getByRole('button', { name: 'Bank account' }).click();
  await expect(app.getByRole('heading', { name: '4 · External bank account' })).toBeVisible();
  await expect(app.getByRole('note')).toContainText('Sandbox preview: OMS v0.9 does not offer external bank accounts yet');

  // The rails and their fields come from the schema for the chosen market.
  const form = app.getByRole('form', { name: 'Register a bank account' });
  await expect(form.getByLabel('Country and currency')).toHaveValue('US/USD');
  await expect(form.getByRole('radio', { name: 'ACH (US domestic)' })).toBeChecked();
  await form.getByLabel('Country and currency').selectOption('GB/GBP');
  await expect(form.getByLabel('IBAN')).toBeVisible();
  await expect(form.getByRole('radio', { name: 'SWIFT (international)' })).toBeChecked();
  await form.getByLabel('Country and currency').selectOption('US/USD');
  await expect(form.getByLabel('ABA routing number')).toBeVisible();

  // Invalid values are named next to their fields and nothing is sent.
  await form.getByLabel('Account holder name').fill('Bea Banker');
  await form.getByLabel('ABA routing number').fill('12ab');
  await form.getByRole('button', { name: 'Register bank account' }).click();
  await expect(form.getByText('ABA routing number must be 9 digits.')).toBeVisible();
  await expect(form.getByText('Account number is required.')).toBeVisible();
  await expect(form.getByLabel('ABA routing number')).toHaveAttribute('aria-invalid', 'true');
  await shot(app, 'bank-preview-errors');
  expect(await seriousViolations(app)).toEqual([]);

  await form.getByLabel('ABA routing number').fill('021000021');
  await form.getByLabel('Account number').fill('000123456789');
  await form.getByLabel('Account type').selectOption('checking');
  await form.getByRole('button', { name: 'Register bank account' }).click();

  const done = app.getByRole('region', { name: 'Registered bank account' });
  await expect(done).toContainText(/cpUsBank_/);
  await expect(done).toContainText('••••6789');
  await expect(done).toContainText('••••0021');
  await expect(done).not.toContainText('000123456789');
  await shot(app, 'bank-preview-registered');
  expect(await seriousViolations(app)).toEqual([]);
  await app.getByRole('button', { name: 'Onboard another customer' }).click();
});
