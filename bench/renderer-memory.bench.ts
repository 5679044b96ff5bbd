/**
 * Renderer: memory with 10,000 webhook deliveries in the inbox.
 * Run: node bench/renderer-memory.bench.ts [events=10000]
 *
 * The console runs for real (browser mode); the 10,000 deliveries are pushed down the real
 * WebSocket event channel (Playwright routeWebSocket adds frames beside main's own), so they go
 * through bridge/subscriptions.ts → inbox store → virtualised list exactly as live ones do.
 * Heap via CDP Performance.getMetrics after a forced GC.
 */
import { cpus, loadavg } from 'node:os';
import { chromium, type CDPSession } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { startConsole } from '../test/e2e/fixtures/console-process.ts';

const count = Number(process.argv[2] ?? 10_000);
const app = await startConsole();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

async function metrics(cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { heapMb: (m.JSHeapUsedSize ?? 0) / 1048576, nodes: m.Nodes ?? 0 };
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
  await page.getByRole('link', { name: 'Inbox' }).click();
  // The screen must have loaded (listener status, deliveries) before frames are pushed; a build
  // older than main's channels shows error cards instead: say which, rather than time out blindly.
  const listener = page.getByRole('region', { name: 'Webhook listener' });
  const failed = page.locator('.state-error');
  await listener.or(failed).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500); // the deliveries' first load answers after the listener's
  if ((await failed.count()) > 0) {
    throw new Error(`the Inbox screen did not load its deliveries: ${(await failed.first().innerText()).replace(/\s+/g, ' ').slice(0, 300)} — is out/renderer built from the current sources? (npm run build)`);
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const before = await metrics(cdp);

  const types = ['customer.endorsement.granted', 'customer.updated', 'wallet.depositDetected', 'customer.created'];
  const t0 = Date.now();
  for (let i = 0; i < count; i++) {
    const payload = {
      seq: 1_000_000 + i,
      eventId: `evt_bench${i.toString(36)}`,
      type: types[i % types.length],
      customerId: `cst_bench${(i % 500).toString(36)}`,
      verdict: i % 50 === 0 ? 'bad_signature' : 'verified',
      reason: i % 50 === 0 ? 'signature does not match any configured secret' : 'signature verified with secret #1',
      applied: i % 50 !== 0,
      duplicate: false,
      source: 'listener',
      receivedAt: new Date(Date.now() - (count - i) * 1000).toISOString(),
    };
    inject!(JSON.stringify({ name: 'event.webhooks.received', payload }));
    if (i % 1000 === 999) await page.waitForTimeout(10);
  }
  // Sends are fire-and-forget through Playwright's route: this is how long pushing them took.
  const sentMs = Date.now() - t0;
  await page.waitForFunction((n) => (document.querySelector('[aria-label="Event count"]')?.textContent ?? '').startsWith(String(n)), count, { timeout: 120_000 });
  const ingestMs = Date.now() - t0;
  const after = await metrics(cdp);
  const options = await page.locator('[role=listbox][aria-label="Webhook deliveries"] [role=option]').count();

  // Scroll through the whole log to check it stays smooth and bounded.
  const scrollMs = await page.evaluate(async () => {
    const el = document.querySelector('.event-scroll') as HTMLElement;
    const t = performance.now();
    for (let y = 0; y < el.scrollHeight; y += el.clientHeight * 5) {
      el.scrollTop = y;
      await new Promise((r) => requestAnimationFrame(r));
    }
    return performance.now() - t;
  });
  const afterScroll = await metrics(cdp);
  console.log(`memory with ${count.toLocaleString('en')} events — ${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · Node ${process.version} · ${browser.version()} · load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`events injected: ${count.toLocaleString('en')} in ${(ingestMs / 1000).toFixed(1)} s (through the WebSocket → subscriptions → store; the sends themselves took ${(sentMs / 1000).toFixed(1)} s)`);
  console.log(`JS heap used: ${before.heapMb.toFixed(1)} MB before → ${after.heapMb.toFixed(1)} MB with ${count.toLocaleString('en')} events (+${(after.heapMb - before.heapMb).toFixed(1)} MB); ${afterScroll.heapMb.toFixed(1)} MB after scrolling the whole log`);
  console.log(`DOM nodes: ${before.nodes} → ${after.nodes}; event rows in the DOM: ${options}`);
  console.log(`scrolled the whole log in ${scrollMs.toFixed(0)} ms`);
} finally {
  await browser.close();
  await app.stop();
}
