import type { Page, Request } from '@playwright/test';
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
 * One wallet provision costs at most 2 OMS calls, the webhook it causes included (it was 5+N:
 * create, a balance refresh, then the wallet.created webhook re-listed the wallets, fetched every
 * balance and re-fetched the customer). The count is taken once the webhook was handled: an upper
 * bound read before it arrived would pass with webhooks broken.
 */
test('provisioning a wallet costs at most 2 OMS calls, its webhook included', async ({ app }) => {
  await ensureListener(app);
  const list = await oms<{ items: { id: string; wallets: { asset: string | null; network: string | null }[] }[] }>(app, 'customers', 'search', {
    endorsement: { name: 'cryptoCustody', status: 'active' },
    limit: 50,
  });
  const c = list.items.find((x) => !x.wallets.some((w) => w.asset === 'btc'))!;
  // Calls the page has in flight: counted only once none is left, so none is missed.
  const inFlight = new Set<Request>();
  app.on('request', (r) => r.url().includes('/api/invoke/') && inFlight.add(r));
  app.on('requestfinished', (r) => inFlight.delete(r));
  app.on('requestfailed', (r) => inFlight.delete(r));
  const settled = () => expect.poll(() => inFlight.size, { message: 'the page has no call in flight' }).toBe(0);
  await goto(app, `#/wallets/${c.id}`);
  const wallets = app.getByRole('region', { name: 'Wallets' });
  await expect(wallets.getByRole('button', { name: 'Provision wallet' })).toBeEnabled();
  await wallets.getByLabel('Asset and network').selectOption('btc/bitcoin');
  // The page hears the webhook's push as the wallets store does (same event, same frame).
  await app.evaluate(() => {
    const w = window as unknown as { oms: { events: { on(n: string, cb: (p: { cause: string; customerId: string | null }) => void): void } }; walletPushes: string[] };
    w.walletPushes = [];
    w.oms.events.on('event.wallets.changed', (p) => w.walletPushes.push(`${p.cause} ${p.customerId}`));
  });
  await settled();
  const before = await omsCalls(app);
  await wallets.getByRole('button', { name: 'Provision wallet' }).click();
  await expect(wallets.getByRole('cell', { name: /Balance of wlt_/ }).filter({ hasText: 'BTC' })).toBeVisible();
  // The wallet.created webhook was received, verified and applied in main, and its push reached the page…
  await expect
    .poll(async () => (await oms<{ items: { verdict: string; applied: boolean }[] }>(app, 'inbox', 'list', { type: 'wallet.created', customerId: c.id, limit: 5 })).items.filter((e) => e.verdict === 'verified' && e.applied).length, {
      message: 'the wallet.created webhook was handled',
    })
    .toBeGreaterThan(0);
  await expect.poll(() => app.evaluate(() => (window as unknown as { walletPushes: string[] }).walletPushes), { message: 'the page heard wallet.created' }).toContain(`wallet.created ${c.id}`);
  // …and whatever it set off has finished: only now is the count complete.
  await settled();
  const calls = delta(before, await omsCalls(app));
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  expect(calls, JSON.stringify(calls)).toHaveProperty(['POST /customers/{id}/wallets'], 1);
  expect(total, JSON.stringify(calls)).toBeLessThanOrEqual(2);
});
