import { expect, test } from '../fixtures/test.ts';
import { goto, oms, shot } from '../pages/console.page.ts';
import { DOCS_CUSTOMER_NAMES, DOCS_CUSTOMER_OBJECTS, startDocsServer, type DocsServer } from '../support/oms-docs-server.ts';

let docs: DocsServer;
test.beforeAll(async () => {
  docs = await startDocsServer();
});
test.afterAll(async () => docs?.close());

/**
 * A custom profile pointed at a server that answers only with the official pages' examples: the
 * console must show both documented endorsement forms, the wallet, its balance and the
 * transactions without an error anywhere.
 */
test('OMS as documented: a profile serving only the docs examples shows customers, both endorsement forms, wallet, balance and transactions', async ({ app }) => {
  const errors: string[] = [];
  app.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await oms(app, 'settings', 'saveProfile', { id: 'docs', name: 'Docs examples', baseUrl: docs.origin, apiVersion: 'v0.9' });
  await oms(app, 'settings', 'setCredentials', { profileId: 'docs', apiKey: 'sk_sdbx_docsexample01', apiSecret: 'docs-example-secret', sessionOnly: true });
  await oms(app, 'settings', 'setActiveProfile', { profileId: 'docs' });
  try {
    await app.reload();
    await expect(app.getByRole('status', { name: 'Active profile' })).toContainText('Docs examples');

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
    // Script errors only: a missing static resource is the shell's business, not the data's.
    expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  } finally {
    await oms(app, 'settings', 'setActiveProfile', { profileId: 'local' });
    await oms(app, 'settings', 'deleteProfile', { profileId: 'docs' });
  }
});
