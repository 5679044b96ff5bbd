/**
 * Money on screen: from the click on "Send" (an executed quote) to "Completed" shown in the
 * transaction's lifecycle, in the real UI (Debian Chromium, browser mode, the local sandbox), with
 * the sandbox's settlement delay subtracted — so the figure is the console's own share: execute
 * round trip, live status polling and render. Run: node bench/money-ui.bench.ts [sends=8] [settleMs=500]
 */
import { cpus, loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { startConsole } from '../test/e2e/fixtures/console-process.ts';

const sends = Number(process.argv[2] ?? 8);
const settleMs = Number(process.argv[3] ?? 500);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
type Oms = Record<string, Record<string, (i: object) => Promise<{ ok: boolean; data: unknown }>>>;

const app = await startConsole();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await page.goto(app.url);
  const call = async <T>(d: string, o: string, i: object = {}) =>
    (await page.evaluate(([d, o, i]) => (window as unknown as { oms: Oms }).oms[d]![o]!(i), [d, o, i] as const)) as { ok: boolean; data: T };
  const status = await call<{ baseUrl: string }>('sandbox', 'status');
  const origin = new URL((await call<{ baseUrl: string }>('sandbox', 'status')).data.baseUrl ?? status.data.baseUrl).origin;
  const set = await fetch(`${origin}/_sandbox/money`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ settlementDelayMs: settleMs, quoteTtlSec: 300 }) });
  if (!set.ok) throw new Error(`could not set the settlement delay: ${set.status} ${await set.text()}`);
  console.log(`sandbox money knobs: ${JSON.stringify(await (await fetch(`${origin}/_sandbox/money`)).json())}`);
  const list = await call<{ items: { id: string; endorsements: { name: string; status: string }[] }[] }>('customers', 'search', { endorsement: { name: 'cryptoCustody', status: 'active' }, limit: 20 });
  const c = list.data.items[0]!;
  const wallets = await call<{ items: { id: string; asset: string; chain: string }[] }>('wallets', 'list', { customerId: c.id });
  const w = wallets.data.items.find((x) => x.asset === 'usdc' && x.chain === 'polygon') ?? (await call<{ id: string }>('wallets', 'create', { customerId: c.id, asset: 'usdc', chain: 'polygon' })).data;
  await call('sandbox', 'simulateDeposit', { walletId: w.id, amount: '500.00' });
  await page.evaluate((h) => (window.location.hash = h), `#/wallets/${c.id}/send`);
  const money = page.getByRole('region', { name: 'Move money' });
  const times: number[] = [];
  for (let i = 0; i < sends; i++) {
    const form = money.getByRole('form', { name: 'Send money' });
    await form.getByLabel('From wallet').selectOption(w.id);
    await form.getByLabel('Destination address').fill('0x52908400098527886E0F7030069857D2E4169EE7');
    await form.getByLabel(/^Amount/).fill('1.00');
    await form.getByRole('button', { name: 'Get quote' }).click();
    const send = money.getByRole('button', { name: /^Send 1\.00 USDC$/ });
    await send.waitFor();
    const t0 = Date.now();
    await send.click();
    // The status badge (the lifecycle's last step is labelled "Completed" before it is reached).
    await money.getByRole('status', { name: 'Transaction status' }).getByText('Completed').waitFor({ timeout: 30_000 });
    times.push(Date.now() - t0 - settleMs);
    await money.getByRole('button', { name: 'Send more' }).click();
  }
  console.log(`money UI — ${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · load ${loadavg()[0]!.toFixed(1)} · Node ${process.version}`);
  console.log(`execute click → "Completed" on screen, minus the ${settleMs} ms settlement delay, ${sends} sends:`);
  console.log(`  p50 ${pct(times, 50)} ms · p95 ${pct(times, 95)} ms · max ${Math.max(...times)} ms`);
  console.log('  (the status is followed by polling transactions.get every second after a 0.5 s wait, so the share is bounded by that cadence)');
} finally {
  await browser.close();
  await app.stop();
}
