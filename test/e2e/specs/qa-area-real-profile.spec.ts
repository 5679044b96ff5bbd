import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { fullCustomer, goto, oms, uniqueTag } from '../pages/console.page.ts';
import { DOCS_CUSTOMER_REVIEW, startDocsServer, type DocsServer } from '../support/oms-docs-server.ts';

/**
 * QA-only actions (approve/reject/revoke, simulate) appear only on the local sandbox and in
 * a visibly separate QA area, never in the support view of a real profile. The real profile here is
 * reachable: a server answering with the OMS pages' examples, plus the bodies it marks as invented
 * (test/e2e/support/oms-docs-server.ts): customer C, whose endorsements carry a name and a status.
 */
const SHOTS = '/tmp/shots-e';
async function look(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** The invented bodies of the docs server this journey needs (see oms-docs-server.ts). */
const INVENTED = ['customer C (endorsement names and statuses)', 'customer balance', 'customers list of A, B and C', 'wallet balance', 'wallets list wrapper'];

const QA_ACTION = /^(Approve|Reject|Revoke|Simulate|QA: )/;

/** Nothing of the QA area anywhere on the screen: no QA-marked region or group, no QA action. */
async function expectNoQa(page: Page) {
  const main = page.getByRole('main');
  await expect(main.getByRole('region', { name: /^QA\b/ })).toHaveCount(0);
  await expect(main.getByRole('group', { name: /^QA\b/ })).toHaveCount(0);
  await expect(main.getByRole('button', { name: QA_ACTION })).toHaveCount(0);
  await expect(main.getByText('QA', { exact: true })).toHaveCount(0);
}

let docs: DocsServer;
test.beforeAll(async () => {
  docs = await startDocsServer();
});
test.afterAll(async () => docs?.close());

test('support on a real profile: the customer view is all there with no QA area or action anywhere (customer, wallets, reviews, onboarding step 2); back on the local sandbox the QA area is there, apart', async ({ app }) => {
  test.setTimeout(90_000);
  const profileId = `docs-${uniqueTag()}`.slice(0, 30);
  const settings = async () => {
    await app.getByRole('link', { name: 'Settings' }).click();
    return app.getByRole('region', { name: 'Profiles' });
  };

  // Added as an operator would: Settings → Add custom profile, then its credentials, then use it.
  let profiles = await settings();
  await profiles.getByRole('button', { name: 'Add custom profile' }).click();
  const form = app.getByRole('form', { name: 'New custom profile' });
  await form.getByLabel('Profile id').fill(profileId);
  await form.getByLabel('Name').fill('Docs OMS');
  await form.getByLabel('Base URL').fill(docs.origin);
  await form.getByLabel('API version segment').fill('v0.9');
  await form.getByRole('button', { name: 'Add profile' }).click();
  const item = profiles.getByRole('listitem', { name: 'Profile Docs OMS' });
  const creds = item.getByRole('form', { name: 'Credentials for Docs OMS' });
  await creds.getByLabel('API key').fill('sk_live_docsexample0001');
  await creds.getByLabel('API secret').fill('docs-example-secret-0001');
  await creds.getByLabel(/Session only/).check();
  await creds.getByRole('button', { name: /^Save/ }).click();
  await expect(item).toContainText('fingerprint');
  await item.getByRole('button', { name: 'Use Docs OMS' }).click();
  await expect(app.getByRole('status', { name: 'Active profile' })).toContainText('Docs OMS');
  // An endpoint the operator added may be a real OMS: the banner never calls it test data.
  await expect(app.getByRole('status', { name: 'Active profile' })).toContainText('CUSTOM OMS');
  await expect(app.getByRole('status', { name: 'Active profile' })).not.toContainText(/TEST MODE|Test data only/);

  try {
    // The customer view: profile, endorsements (one granted, one in OMS's review), wallet and balance.
    await goto(app, `#/customers/${DOCS_CUSTOMER_REVIEW}`);
    await expect(app.getByRole('heading', { name: 'June Smith', level: 1 })).toBeVisible();
    await expect(app.getByRole('region', { name: 'Profile' })).toContainText(DOCS_CUSTOMER_REVIEW);
    const endorsements = app.getByRole('region', { name: /Endorsements/ }).first();
    await expect(endorsements.getByRole('listitem', { name: 'Basic identity endorsement' })).toContainText('Active');
    await expect(endorsements.getByRole('listitem', { name: 'USD account endorsement' })).toContainText(/Pending/);
    const wallets = app.getByRole('region', { name: 'Wallets' });
    await expect(wallets.getByRole('cell', { name: /Balance of wlt_/ })).toContainText('1,234.56 USDC');
    await expect(app.getByRole('alert')).toHaveCount(0);
    await expectNoQa(app);
    await look(app, 'real-profile-customer');

    // Wallets screen: no simulated deposit.
    await goto(app, `#/wallets/${DOCS_CUSTOMER_REVIEW}`);
    await expect(app.getByRole('region', { name: 'Wallets' }).getByRole('cell', { name: /Balance of wlt_/ })).toContainText('1,234.56 USDC');
    await expectNoQa(app);

    // The review queue finds the pending customer; the case offers follow-up, never a decision.
    await goto(app, '#/reviews');
    await expect(app.getByRole('status', { name: 'Queue size' })).toContainText('1 needs a decision', { timeout: 20_000 });
    const queued = app.getByRole('listbox', { name: 'Review queue' }).getByRole('option', { name: /June Smith/ });
    await expect(queued).toContainText('USD account: pending review');
    await expectNoQa(app);
    await queued.click();
    await expect(app.getByRole('heading', { name: /June Smith/ }).first()).toBeVisible();
    await expectNoQa(app);
    await look(app, 'real-profile-review');

    // Onboarding step 2 on the real profile: statuses and follow-up, no review mode, no decisions.
    await app.getByRole('link', { name: 'Onboarding' }).click();
    const startOver = app.getByRole('button', { name: 'Start over' });
    if (await startOver.isVisible()) await startOver.click();
    await app.getByLabel('First name').fill('Jane');
    await app.getByLabel('Last name').fill('Smith');
    await app.getByRole('button', { name: 'Create customer' }).click();
    await expect(app.getByRole('heading', { name: '2 · Endorsements' })).toBeVisible();
    await expect(app.getByRole('radiogroup')).toHaveCount(0);
    await expectNoQa(app);
    await app.getByRole('button', { name: 'Start over' }).click();
    expect(docs.requests).toContain('POST /v0.9/customers');
    // This journey rests on invented bodies (oms-docs-server.ts marks them): no OMS page shows a
    // customer with endorsement names and statuses filled, a wallets list or a balance.
    expect(docs.invented).toEqual(INVENTED);
  } finally {
    profiles = await settings();
    await profiles.getByRole('listitem', { name: 'Profile Local sandbox' }).getByRole('button', { name: 'Use Local sandbox' }).click();
    await expect(app.getByRole('status', { name: 'Active profile' })).toContainText('TEST MODE');
    await oms(app, 'settings', 'deleteProfile', { profileId });
  }

  // Back on the local sandbox: the same kind of customer shows the QA area, separate from Endorsements.
  const tag = uniqueTag();
  const c = await oms<{ id: string }>(app, 'customers', 'create', { customer: { ...fullCustomer('Review', tag), endorsements: ['basic', 'usd'] } });
  await goto(app, `#/customers/${c.id}`);
  const qa = app.getByRole('region', { name: 'QA Sandbox decisions' });
  await expect(qa).toBeVisible();
  await qa.getByRole('button', { name: 'Show sandbox decisions' }).click();
  await expect(qa.getByRole('button', { name: /^Approve / }).first()).toBeVisible();
  await expect(qa.getByRole('button', { name: /^Reject / }).first()).toBeVisible();
  const endorsements = app.getByRole('region', { name: /Endorsements/ }).first();
  await expect(endorsements.getByRole('button', { name: QA_ACTION })).toHaveCount(0);
  await expectApart(endorsements, qa);
  await look(app, 'local-profile-customer');
});

/** The QA area is its own box: it does not overlap the endorsements panel. */
async function expectApart(a: Locator, b: Locator) {
  const [ra, rb] = [await a.boundingBox(), await b.boundingBox()];
  expect(ra && rb).toBeTruthy();
  const overlap = ra!.y < rb!.y + rb!.height && rb!.y < ra!.y + ra!.height && ra!.x < rb!.x + rb!.width && rb!.x < ra!.x + ra!.width;
  expect(overlap).toBe(false);
}
