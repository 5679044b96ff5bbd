import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { control, goto, oms, shot, uniqueTag, customersScreen } from '../pages/console.page.ts';

/**
 * Runs only in the `documented-only` project: the embedded sandbox answers as an OMS with the
 * documented customer filters alone (it ignores `q`, as a real OMS does), with its 2,000 seeded
 * customers plus the ones made here. Before the customer directory existed, typing "dora" listed
 * twenty strangers and Enter opened the first.
 */
const box = (page: Page) => customersScreen(page).search;
const list = (page: Page) => customersScreen(page).results;

/** The rows answering exactly `text` (never the dimmed rows of an older query). */
async function rowsFor(page: Page, text: string) {
  await expect(list(page)).toHaveAttribute('data-results-for', text, { timeout: 20_000 });
  return list(page).getByRole('option');
}

test('support agent on a documented-only OMS: a first name, a last-name fragment, an exact email, an externalId and a pasted id each list the right customer and no other; Enter opens it; the directory shows its progress while it builds', async ({ app: page }) => {
  test.setTimeout(120_000);
  const tag = uniqueTag();
  const dora = await oms<{ id: string }>(page, 'customers', 'create', {
    customer: { type: 'individual', firstName: 'Doravella', lastName: `Docs${tag}`, email: `dv.${tag}@docs.example`, externalId: `crm-${tag}-42` },
  });
  const jose = await oms<{ id: string }>(page, 'customers', 'create', { customer: { type: 'individual', firstName: 'José', lastName: `Ortegaz${tag}` } });
  // Every list page answers a quarter second late and the directory reads everyone again: long
  // enough to see it build (at the full request budget 2,000 customers take about a second).
  await control(page, 'PUT', '/faults', { rules: [{ method: 'GET', path: '^/customers$', action: 'latency', latencyMs: 250 }] });
  await oms(page, 'customers', 'directoryControl', { action: 'rebuild' });
  try {
    await goto(page, '#/customers');
    await box(page).fill('doravella');
    const progress = page.getByRole('progressbar', { name: 'Customer directory' });
    await expect(progress).toBeVisible({ timeout: 15_000 });
    // Its words: how far it got (or, if a page failed, where it stopped and that it resumes by itself).
    await expect(page.getByText(/(Indexed|Stopped at|Paused at) [\d,]+/)).toBeVisible();
    await shot(page, 'documented-directory-building');
    let rows = await rowsFor(page, 'doravella');
    // Doravella is the newest customer, so the first page the walk reads already holds her.
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Doravella');
    await control(page, 'DELETE', '/faults');
    await expect(progress).toBeHidden({ timeout: 60_000 });

    await box(page).fill(`ortegaz${tag}`.slice(0, 12));
    rows = await rowsFor(page, `ortegaz${tag}`.slice(0, 12));
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('José');

    await box(page).fill(`dv.${tag}@docs.example`);
    rows = await rowsFor(page, `dv.${tag}@docs.example`);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Doravella');

    await box(page).fill(`crm-${tag}-42`);
    rows = await rowsFor(page, `crm-${tag}-42`);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('externalId matches');

    // A fragment of the email (shown masked on the row) is named as the reason the row is there.
    await box(page).fill(`dv ${tag}`);
    rows = await rowsFor(page, `dv ${tag}`);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('email matches');
    await shot(page, 'documented-search-email-matches');

    // A common first name: every row listed has it, and Enter opens the highlighted one of them.
    await box(page).fill('jos');
    rows = await rowsFor(page, 'jos');
    // Each row reads name first, then its cst_ id.
    const names = (await rows.allTextContents()).map((t) => t.split('cst_')[0]!.trim());
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '')).toMatch(/(^| )jos/);

    await box(page).fill('doravella');
    await rowsFor(page, 'doravella');
    await box(page).press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#/customers/${dora.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Doravella');

    await goto(page, '#/customers');
    await box(page).fill(jose.id);
    await expect(page).toHaveURL(new RegExp(`#/customers/${jose.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('José');
  } finally {
    await control(page, 'DELETE', '/faults');
  }
});
