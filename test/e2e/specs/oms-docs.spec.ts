import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { goto, oms, shot } from '../pages/console.page.ts';
import { DOCS_CUSTOMER_NAMES, DOCS_CUSTOMER_OBJECTS, startDocsServer, type DocsServer } from '../support/oms-docs-server.ts';

let docs: DocsServer;
test.beforeAll(async () => {
  docs = await startDocsServer();
});
test.afterAll(async () => docs?.close());

/** What this journey needs that no OMS page shows (see oms-docs-server.ts): the list it lands on, the wallet list and balance. */
const INVENTED_FOR_CUSTOMER_VIEW = ['customers list of A, B and C', 'wallet balance', 'wallets list wrapper'];

/** Makes a custom profile on `origin` the active one; the returned function goes back to local. */
async function useDocsProfile(app: Page, origin: string): Promise<() => Promise<void>> {
  await oms(app, 'settings', 'saveProfile', { id: 'docs', name: 'Docs examples', baseUrl: origin, apiVersion: 'v0.9' });
  await oms(app, 'settings', 'setCredentials', { profileId: 'docs', apiKey: 'sk_sdbx_docsexample01', apiSecret: 'docs-example-secret', sessionOnly: true });
  await oms(app, 'settings', 'setActiveProfile', { profileId: 'docs' });
  await app.reload();
  await expect(app.getByRole('status', { name: 'Active profile' })).toContainText('Docs examples');
  return async () => {
    await oms(app, 'settings', 'setActiveProfile', { profileId: 'local' });
    await oms(app, 'settings', 'deleteProfile', { profileId: 'docs' });
  };
}

/** Script errors only: a missing static resource is the shell's business, not the data's. */
function scriptErrors(app: Page): string[] {
  const errors: string[] = [];
  app.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
  return errors;
}

test('OMS as documented, examples only: the customers list and the transactions, every body an official example', async ({ app }) => {
  const only = await startDocsServer({ examplesOnly: true });
  const errors = scriptErrors(app);
  const back = await useDocsProfile(app, only.origin);
  try {
    await app.getByRole('link', { name: 'Customers' }).click();
    await expect(app.getByText('Jane Smith').first()).toBeVisible();
    await expect(app.getByText('ja•••@example.com').first()).toBeVisible();
    await expect(app.getByText('jane@example.com')).toHaveCount(0);
    await app.getByRole('link', { name: 'Transactions' }).click();
    await expect(app.getByRole('link', { name: /txn_docs1/ }).first()).toBeVisible();
    await expect(app.getByRole('alert')).toHaveCount(0);
    await shot(app, 'oms-docs-examples-only');
    expect(only.requests).toContain('GET /v0.9/customers');
    expect(only.invented).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await back();
    await only.close();
  }
});

/**
 * The customer view needs bodies no page shows (a wallets list, a balance): the server invents
 * them, marked, and this journey names the ones it relied on.
 */
test('OMS as documented, with the invented wallet list and balances: both endorsement forms, wallet, balance and transactions', async ({ app }) => {
  const errors = scriptErrors(app);
  const back = await useDocsProfile(app, docs.origin);
  try {

    // Endorsements as plain names (payments/customers): granted per the OMS list, not an error.
    await goto(app, `#/customers/${DOCS_CUSTOMER_NAMES}`);
    await expect(app.getByRole('heading', { name: 'Profile' })).toBeVisible();
    const names = app.getByRole('region', { name: /Endorsements/ }).first();
    await expect(names).toContainText(/basic|Basic/);
    await expect(names).toContainText(/usd|USD/);
    await expect(app.getByRole('alert')).toHaveCount(0);
    const wallets = app.getByRole('region', { name: 'Wallets' });
    await expect(wallets).toContainText('USDC');
    await expect(wallets.getByRole('cell', { name: /Balance of wlt_/ })).toContainText('1,234.56 USDC');
    const tx = app.getByRole('region', { name: 'Transactions' });
    await expect(tx.getByRole('link', { name: /transaction txn_docs1$/ })).toBeVisible();
    await shot(app, 'oms-docs-customer-names');

    // Endorsement objects without name or status (API reference): shown, unnamed, never a crash.
    await goto(app, `#/customers/${DOCS_CUSTOMER_OBJECTS}`);
    await expect(app.getByText('Jane Smith').first()).toBeVisible();
    await expect(app.getByText(/endorsement 1/i).first()).toBeVisible();
    await expect(app.getByRole('alert')).toHaveCount(0);
    await shot(app, 'oms-docs-customer-objects');
    expect(docs.requests).toContain(`GET /v0.9/customers/${DOCS_CUSTOMER_NAMES}`);
    expect(docs.invented).toEqual(INVENTED_FOR_CUSTOMER_VIEW);
    expect(errors).toEqual([]);
  } finally {
    await back();
  }
});
