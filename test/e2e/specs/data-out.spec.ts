import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { ensureListener, fullCustomer, goto, oms, shot, uniqueTag } from '../pages/console.page.ts';

/** Clicks and returns the downloaded file's name and text. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [dl] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  return { name: dl.suggestedFilename(), text: readFileSync((await dl.path())!, 'utf8') };
}

/** RFC 4180 records of a small CSV the test wrote itself knows has no quoted line breaks in these columns. */
const csvRecords = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

test('support lead: exports completed transactions as CSV with the filter on screen, amounts as decimal strings', async ({ app }) => {
  await goto(app, '#/transactions');
  await app.getByRole('group', { name: 'Filters' }).getByLabel('Status').selectOption('completed');
  const group = app.getByRole('group', { name: 'Export transactions' });
  const file = await downloaded(app, () => group.getByRole('button', { name: 'Export transactions as CSV' }).click());
  expect(file.name).toMatch(/^oms-local-transactions-.*\.csv$/);
  const [header, ...rows] = csvRecords(file.text);
  const cols = header!.split(',');
  expect(cols.slice(0, 5)).toEqual(['id', 'createdAt', 'completedAt', 'type', 'status']);
  expect(rows.length).toBeGreaterThan(0);
  const status = cols.indexOf('status');
  const gross = cols.indexOf('sourceAmountGross');
  for (const r of rows) {
    const cells = r.split(',');
    expect(cells[status]).toBe('completed');
    if (cells[gross]) expect(cells[gross]).toMatch(/^\d+(\.\d+)?$/);
  }
  await expect(group.getByRole('status')).toContainText(`${rows.length.toLocaleString('en-US')} row`);
  await app.setViewportSize({ width: 1024, height: 700 });
  await shot(app, 'export-transactions-1024');
  await app.setViewportSize({ width: 1360, height: 860 });
});

test('compliance: exports a customer’s webhook deliveries masked, then with payloads revealed for a reason (audited)', async ({ app }) => {
  await ensureListener(app);
  const tag = uniqueTag();
  const person = fullCustomer('Export', tag);
  const c = await oms<{ id: string }>(app, 'customers', 'create', { customer: { ...person, endorsements: ['basic'] } });
  await goto(app, '#/inbox');
  await app.getByLabel('Customer id', { exact: true }).fill(c.id);
  await expect(app.getByRole('listbox', { name: 'Webhook deliveries' }).getByRole('option').first()).toBeVisible({ timeout: 15_000 });

  const group = app.getByRole('group', { name: 'Export webhook deliveries' });
  const masked = await downloaded(app, () => group.getByRole('button', { name: 'Export webhook deliveries as JSON' }).click());
  const doc = JSON.parse(masked.text) as { piiMasked: boolean; filters: { customerId: string }; rows: { customerId: string; payload: string }[] };
  expect(doc.piiMasked).toBe(true);
  expect(doc.filters.customerId).toBe(c.id);
  expect(doc.rows.length).toBeGreaterThan(0);
  expect(doc.rows.every((r) => r.customerId === c.id && r.payload.includes(c.id))).toBe(true);
  expect(masked.text).not.toContain(person.email);

  await group.getByRole('button', { name: 'Reveal payloads and export CSV…' }).click();
  const why = app.getByRole('form', { name: 'Why reveal payloads and export CSV?' });
  await why.getByLabel('Why?').selectOption('Support ticket');
  await why.getByLabel('Ticket or note (optional)').fill(`EXP-${tag}`);
  const clear = await downloaded(app, () => why.getByRole('button', { name: 'Reveal' }).click());
  expect(clear.text).toContain(person.email);
  const audit = await oms<{ items: { action: string; inputSummary: string }[] }>(app, 'logs', 'audit', { action: 'export.run', limit: 5 });
  expect(audit.items[0]!.inputSummary).toContain(`Support ticket: EXP-${tag}`);
});

test('support agent: copies a customer summary for a ticket as Markdown, masked even while the email is revealed on screen', async ({ app }) => {
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const tag = uniqueTag();
  const person = fullCustomer('Summary', tag);
  const c = await oms<{ id: string }>(app, 'customers', 'create', { customer: { ...person, endorsements: ['basic'] } });
  await goto(app, `#/customers/${c.id}`);
  const profile = app.getByRole('region', { name: 'Profile' });
  await profile.getByRole('button', { name: 'Reveal email and phone…' }).click();
  const why = profile.getByRole('form', { name: 'Why reveal email and phone?' });
  await why.getByLabel('Why?').selectOption('Support ticket');
  await why.getByRole('button', { name: 'Reveal' }).click();
  await expect(profile).toContainText(person.email);

  await profile.getByRole('button', { name: 'Copy summary for a ticket' }).click();
  await expect(profile.getByText('Summary copied as Markdown (email and phone masked).')).toBeVisible();
  await app.setViewportSize({ width: 1024, height: 700 });
  await shot(app, 'customer-summary-1024');
  await app.setViewportSize({ width: 1360, height: 860 });
  const md = await app.evaluate(() => navigator.clipboard.readText());
  expect(md.split('\n')[0]).toBe(`### Quinn Summary`);
  expect(md).toContain(`- Customer id: \`${c.id}\``);
  expect(md).toContain(`- External id: \`e2e-${tag}\``);
  expect(md).toMatch(/- Email: \S+ \(masked\)/);
  expect(md).toContain('**Endorsements**\n- **Basic identity**: ');
  expect(md).toContain('**Wallets**\n');
  expect(md).toContain('**Last transactions** (newest first)\n');
  expect(md).not.toContain(person.email);
  expect(md).not.toContain(person.phone.slice(2));
});
