/**
 * Renderer: JS heap after 10,000 live webhook events and an hour of use (budget ≤ 150 MB).
 * Run: node bench/renderer-memory.bench.ts [events=10000] [slices=20]   (build first: npm run build)
 *
 * The console runs for real (browser mode, the built bundle and renderer); the deliveries are pushed
 * down the real WebSocket event channel (Playwright routeWebSocket adds frames beside main's own),
 * so they go through bridge/subscriptions.ts → inbox store → virtualised list as live ones do.
 *
 * "An hour of use" is compressed, and only the operator's side of it: the hour is cut into
 * `slices`; each slice pushes its share of `events` and does what a busy operator does in that
 * share of an hour — six screen changes round the sidebar, three customer searches typed at 30 ms
 * a key, one record opened from the results, one inbox filter typed and cleared (120 screen
 * changes, 60 searches, 20 record opens and 20 filters in all). What runs on wall-clock timers
 * (polling, heartbeats) runs only for the bench's real minutes. A filter reloads the log from
 * main, which does not hold pushed frames, so the hour ends with few of them in the log: then
 * `events` more arrive with no reload (every one stays in the renderer's store, the worst case
 * for its heap), and the figure is taken with the log holding them all.
 * Heap: CDP Performance.getMetrics (JSHeapUsedSize) after HeapProfiler.collectGarbage, at the
 * start, after every fifth slice, and at the end; a heap that climbs slice after slice is a leak
 * even when the total is under budget.
 */
import { cpus, loadavg } from 'node:os';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { startConsole } from '../test/e2e/fixtures/console-process.ts';

const count = Number(process.argv[2] ?? 10_000);
const slices = Number(process.argv[3] ?? 20);
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const QUERIES = ['ma', 'rodrig', 'mary', 'globex', 'jo', 'smith'];
const FILTERS = ['customer.', 'customer.endorsement', 'wallet.', 'transaction.'];
const TYPES = ['customer.endorsement.granted', 'customer.updated', 'wallet.depositDetected', 'customer.created'];
const INBOX = 'Inbox';

const app = await startConsole();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

async function metrics(cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { heapMb: (m.JSHeapUsedSize ?? 0) / 1048576, nodes: m.Nodes ?? 0, listeners: m.JSEventListeners ?? 0 };
}

function delivery(i: number) {
  const bad = i % 50 === 0;
  return {
    seq: 1_000_000 + i,
    eventId: `evt_bench${i.toString(36)}`,
    type: TYPES[i % TYPES.length],
    customerId: `cst_bench${(i % 500).toString(36)}`,
    verdict: bad ? 'bad_signature' : 'verified',
    reason: bad ? 'signature does not match any configured secret' : 'signature verified with secret #1',
    applied: !bad,
    duplicate: false,
    source: 'listener',
    receivedAt: new Date(Date.now() - (count - i) * 360).toISOString(),
  };
}

/** One slice of the operator's hour. */
async function operate(page: Page, slice: number) {
  const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  const links = await nav.count();
  for (let k = 0; k < 6; k++) {
    await nav.nth((slice * 6 + k) % links).click();
    await page.waitForTimeout(150);
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  const box = page.getByRole('searchbox', { name: 'Search customers' });
  const results = page.getByRole('listbox', { name: 'Customers' });
  for (let k = 0; k < 3; k++) {
    const q = QUERIES[(slice * 3 + k) % QUERIES.length]!;
    await box.fill('');
    await box.pressSequentially(q, { delay: 30 });
    await page.waitForFunction((text) => document.querySelector('[role=listbox][aria-label=Customers]')?.getAttribute('data-results-for') === text, q, { timeout: 30_000 });
  }
  const first = results.getByRole('option').first();
  if ((await first.count()) > 0) {
    await first.click();
    await page.waitForTimeout(300);
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: INBOX }).click();
  const filter = page.getByLabel('Type starts with');
  await filter.pressSequentially(FILTERS[slice % FILTERS.length]!, { delay: 30 });
  await page.waitForTimeout(300);
  await filter.fill('');
}

try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  let inject: ((frame: string) => void) | null = null;
  await page.routeWebSocket(/\/api\/events/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((m) => ws.send(m));
    ws.onMessage((m) => server.send(m));
    inject = (frame) => ws.send(frame);
  });
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: INBOX }).click();
  // The screen must have loaded (listener status, deliveries) before frames are pushed; a build
  // older than main's channels shows error cards instead: say which, rather than time out blindly.
  const listener = page.getByRole('region', { name: 'Webhook listener' });
  const failed = page.locator('.state-error');
  await listener.or(failed).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500); // the deliveries' first load answers after the listener's
  if ((await failed.count()) > 0) {
    throw new Error(`the inbox screen did not load its deliveries: ${(await failed.first().innerText()).replace(/\s+/g, ' ').slice(0, 300)} — is out/renderer built from the current sources? (npm run build)`);
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  console.log(`renderer memory, ${count.toLocaleString('en')} events and a compressed hour of use — ${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · Node ${process.version} · ${browser.version()} · load ${load()}`);
  console.log('\n| point | JS heap after GC | DOM nodes | JS listeners | load |\n|---|---|---|---|---|');
  const row = (label: string, m: Awaited<ReturnType<typeof metrics>>) => console.log(`| ${label} | ${m.heapMb.toFixed(1)} MB | ${m.nodes} | ${m.listeners} | ${load()} |`);
  const before = await metrics(cdp);
  row('start (inbox screen, no events)', before);

  const t0 = Date.now();
  const perSlice = Math.ceil(count / slices);
  let sent = 0;
  for (let s = 0; s < slices; s++) {
    for (const end = Math.min(count, sent + perSlice); sent < end; sent++) {
      inject!(JSON.stringify({ name: 'event.webhooks.received', payload: delivery(sent) }));
      if (sent % 1000 === 999) await page.waitForTimeout(10);
    }
    await operate(page, s);
    if ((s + 1) % 5 === 0 && s + 1 < slices) row(`after slice ${s + 1} of ${slices} (${sent.toLocaleString('en')} events)`, await metrics(cdp));
  }
  const hourS = (Date.now() - t0) / 1000;
  row(`the hour done (${sent.toLocaleString('en')} events pushed during it)`, await metrics(cdp));
  // Then the worst case for the log: events with no reload in between, all held.
  const t1 = Date.now();
  for (let i = 0; i < count; i++) {
    inject!(JSON.stringify({ name: 'event.webhooks.received', payload: delivery(sent + i) }));
    if (i % 1000 === 999) await page.waitForTimeout(10);
  }
  const held = (n: number) => Number.parseInt(document.querySelector('[aria-label="Event count"]')?.textContent ?? '0', 10) >= n;
  await page.waitForFunction(held, count, { timeout: 120_000 });
  const ingestS = (Date.now() - t1) / 1000;
  const after = await metrics(cdp);
  const inLog = await page.getByRole('status', { name: 'Event count' }).innerText();
  row(`then ${count.toLocaleString('en')} more with no reload (log: ${inLog})`, after);
  const options = await page.locator('[role=listbox][aria-label="Webhook deliveries"] [role=option]').count();
  const scrollMs = await page.evaluate(async () => {
    const el = document.querySelector('.event-scroll') as HTMLElement;
    const t = performance.now();
    for (let y = 0; y < el.scrollHeight; y += el.clientHeight * 5) {
      el.scrollTop = y;
      await new Promise((r) => requestAnimationFrame(r));
    }
    return performance.now() - t;
  });
  row('after scrolling the whole log', await metrics(cdp));
  console.log(`\nthe compressed hour took ${(hourS / 60).toFixed(1)} min of wall time: ${slices * 6} screen changes, ${slices * 3} typed searches, ${slices} record opens, ${slices} inbox filters; wall-clock timers ran for those minutes only; the last ${count.toLocaleString('en')} events were taken in ${ingestS.toFixed(1)} s`);
  console.log(`renderer JS heap after GC: ${after.heapMb.toFixed(1)} MB after the hour with ${count.toLocaleString('en')} live events in the log (+${(after.heapMb - before.heapMb).toFixed(1)} MB from the start) — budget ≤ 150 MB · event rows in the DOM: ${options} · scrolled the log in ${scrollMs.toFixed(0)} ms · load ${load()}`);
} finally {
  await browser.close();
  await app.stop();
}
