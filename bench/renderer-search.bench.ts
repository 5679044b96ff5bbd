/**
 * Renderer: keystroke → results rendered, against a console whose local sandbox holds 100,000
 * customers. Drives the real UI in Debian Chromium (Playwright library API), browser mode.
 * Run: node bench/renderer-search.bench.ts [customers=100000] [reps=5]
 *
 * Measured per query: from the keydown of the last character to the frame after the results
 * listbox reports `data-results-for` = the query (the store's answer is rendered). This includes
 * the search box's one-frame (16 ms) debounce, the bridge round trip, main → sandbox HTTP and React's render.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { startConsole } from '../test/e2e/fixtures/console-process.ts';

const total = Number(process.argv[2] ?? 100_000);
const reps = Number(process.argv[3] ?? 5);
const QUERIES = ['ma', 'rodrig', 'mary smith', '@globex', 'ia.her', 'crm-15000', 'status:active jo', 'endorsement:usd:pending', 'endorsement:basic:active jo'];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

const app = await startConsole();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  await page.goto(app.url);
  const listbox = page.getByRole('listbox', { name: 'Customers' });
  await listbox.waitFor();
  const status = await page.evaluate(() => (window as unknown as { oms: { sandbox: { status(i: object): Promise<{ ok: boolean; data: { baseUrl: string } }> } } }).oms.sandbox.status({}));
  const origin = new URL(status.data.baseUrl).origin;
  const t0 = Date.now();
  // The local profile seeds 2,000 on first start; top up to `total`.
  for (let left = total - 2000; left > 0; left -= 50_000) {
    const res = await fetch(`${origin}/_sandbox/seed`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ count: Math.min(50_000, left), seed: 1000 + left }) });
    if (!res.ok) throw new Error(`seed failed: ${res.status} ${await res.text()}`);
  }
  console.log(`seeded to ${total.toLocaleString('en')} customers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  await page.evaluate(() => {
    const w = window as unknown as { __lastKey: number };
    window.addEventListener('keydown', () => (w.__lastKey = performance.now()), true);
  });
  const box = page.getByRole('searchbox', { name: 'Search customers' });
  const measure = async (q: string): Promise<number> => {
    await box.fill('');
    await page.waitForFunction(() => document.querySelector('[role=listbox][aria-label=Customers]')?.getAttribute('data-results-for') === '');
    await box.focus();
    await page.keyboard.type(q, { delay: 30 });
    return page.evaluate(
      (query) =>
        new Promise<number>((resolve) => {
          const w = window as unknown as { __lastKey: number };
          const done = () => requestAnimationFrame(() => resolve(performance.now() - w.__lastKey));
          const check = () => {
            const lb = document.querySelector('[role=listbox][aria-label=Customers]');
            const empty = document.body.textContent?.includes('No customers match.');
            if (lb?.getAttribute('data-results-for') === query || empty) {
              obs.disconnect();
              done();
              return true;
            }
            return false;
          };
          const obs = new MutationObserver(() => void check());
          obs.observe(document.body, { subtree: true, attributes: true, childList: true });
          check();
        }),
      q,
    );
  };
  await measure('warm');
  const all: number[] = [];
  console.log('\n| query | p50 ms | p95 ms | rows shown |');
  console.log('|---|---|---|---|');
  for (const q of QUERIES) {
    const xs: number[] = [];
    for (let i = 0; i < reps; i++) xs.push(await measure(q));
    all.push(...xs);
    const rows = await page.evaluate(() => document.querySelector('.result-meta')?.textContent ?? '');
    console.log(`| \`${q}\` | ${pct(xs, 50).toFixed(0)} | ${pct(xs, 95).toFixed(0)} | ${rows} |`);
  }
  console.log(`\nall queries (n=${all.length}): p50 ${pct(all, 50).toFixed(0)} ms, p95 ${pct(all, 95).toFixed(0)} ms (includes the search box's 16 ms debounce)`);

  // Scrolling the virtualised list: DOM rows stay bounded however many results are loaded.
  await box.fill('');
  await page.waitForFunction(() => document.querySelector('[role=listbox][aria-label=Customers]')?.getAttribute('data-results-for') === '');
  await listbox.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('End');
  await page.waitForTimeout(500);
  const dom = await page.evaluate(() => ({ options: document.querySelectorAll('[role=option]').length, loaded: document.querySelector('.result-meta')?.textContent }));
  console.log(`after paging to the end 20×: ${dom.loaded}; option elements in the DOM: ${dom.options}`);
} finally {
  await browser.close();
  await app.stop();
}
