import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { control, ensureListener, goto, oms } from '../pages/console.page.ts';

type Stats = { requests: Record<string, number> };

/** OMS requests (token exchanges aside) the sandbox has served so far, by route. */
async function omsCalls(app: Page): Promise<Record<string, number>> {
  const { requests } = (await control(app, 'GET', '/stats')) as Stats;
  return Object.fromEntries(Object.entries(requests).filter(([k]) => !k.startsWith('POST /auth/token')));
}

const delta = (before: Record<string, number>, after: Record<string, number>) =>
  Object.fromEntries(Object.entries(after).flatMap(([k, n]) => (n - (before[k] ?? 0) > 0 ? [[k, n - (before[k] ?? 0)]] : [])));

/**
 * Issue 15, item 3: one wallet provision costs at most 2 OMS calls, the webhook it causes included
 * (it was 5+N: create, a balance refresh, then the wallet.created webhook re-listed the wallets,
 * fetched every balance and re-fetched the customer).
 */
test('provisioning a wallet costs at most 2 OMS calls, its webhook included', async ({ app }) => {
  await ensureListener(app);
  const list = await oms<{ items: { id: string; wallets: { asset: string | null; network: string | null }[] }[] }>(app, 'customers', 'search', {
    endorsement: { name: 'cryptoCustody', status: 'active' },
    limit: 50,
  });
  const c = list.items.find((x) => !x.wallets.some((w) => w.asset === 'btc'))!;
  await goto(app, `#/wallets/${c.id}`);
  const wallets = app.getByRole('region', { name: 'Wallets' });
  await expect(wallets.getByRole('button', { name: 'Provision wallet' })).toBeEnabled();
  await wallets.getByLabel('Asset and network').selectOption('btc/bitcoin');
  // Let the screen's own loads finish, then count only what the provision causes.
  await app.waitForTimeout(1000);
  const before = await omsCalls(app);
  await wallets.getByRole('button', { name: 'Provision wallet' }).click();
  await expect(wallets.getByRole('cell', { name: /Balance of wlt_/ }).filter({ hasText: 'BTC' })).toBeVisible();
  // The wallet.created webhook arrives within a second on the local sandbox; give it three.
  await app.waitForTimeout(3000);
  const calls = delta(before, await omsCalls(app));
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  expect(calls, JSON.stringify(calls)).toHaveProperty(['POST /customers/{id}/wallets'], 1);
  expect(total, JSON.stringify(calls)).toBeLessThanOrEqual(2);
});
