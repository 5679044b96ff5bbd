/**
 * Cold start (budget 1.5 s): process start → first interactive screen.
 * Run: node bench/cold-start.bench.ts [runs=5] [screenshot.png]   (BENCH_NO_SOURCES=1: skip the from-sources rows;
 *      BENCH_BASELINE=<git ref>: also build that commit and alternate its starts with this tree's, run for run)
 *
 * Spawns the real console in browser mode as `./oms start` and the e2e fixture do (`node
 * out/main/browser-main.js --port 0 --json --data-dir DIR`, webhook listener on any free port) and
 * opens the printed URL (it carries the launch token) in Debian Chromium. Measured from spawn:
 *  - process ready: the `{"event":"ready"}` line is on stdout (bridge listening, renderer served);
 *  - interactive: the Customers listbox is visible and the search box is enabled and editable
 *    (checked in the page on every animation frame, so Playwright's polling adds nothing);
 *  and on the way: the renderer's DOMContentLoaded (HTML + entry chunk parsed and run) and the
 *  moment the search box alone is usable (the listbox appears only with its first rows, so the gap
 *  from there to interactive is the first OMS round trip: bridge → main → sandbox, token exchange included);
 *  and the page's own main-thread busy time and script time up to interactive (CDP Performance
 *  metrics), which the machine's load moves far less than the wall-clock figures.
 * Three kinds of start, `runs` each: first (a fresh data dir: keys generated, database created, the
 * local sandbox's store made with 2,000 customers, copied from the build's template), later as a user
 * has it (`./oms start` keeps one port, so the same origin in the same browser profile: the browser's
 * HTTP and code caches apply), and later with no browser cache (a fresh context on any port, the
 * figure earlier runs printed as "warm"). Each tab is opened before the spawn, outside the timings (a
 * user's browser is already open). All run from main's bundle
 * (what ships) and, for comparison, from its .ts sources (`node src-main/browser-main.ts`, what
 * browser mode ran before it had a bundle), both with the same renderer build. The bench makes
 * that build itself, from the current sources, into a temp dir (privateBuild). Separately, what
 * a first start's store costs: startSandbox on a fresh dir seeding 2,000, copying the template, empty.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { startSandbox } from '../src-sandbox/index.ts';
import { FIRST_START_CUSTOMERS, seedTemplateName } from '../src-sandbox/seed/seed-template.ts';
import { checkoutBaseline } from './support/baseline-checkout.ts';

const runs = Number(process.argv[2] ?? 5);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error(`runs must be an integer from 1 to 50 (got ${process.argv[2]})`);
const screenshot = process.argv[3];
const root = resolve(import.meta.dirname, '..');
// Interactive, p50: a first start (fresh data dir) and a later one.
const BUDGET_MS = { cold: 1000, warm: 800 };
const TIMEOUT_MS = 60_000;

interface Run {
  readyMs: number;
  domMs: number;
  boxMs: number;
  interactiveMs: number;
  /** Script bytes the page fetched before it was interactive (decoded; loopback sends them uncompressed). */
  scriptKb: number;
  /** CPU main's process (all its threads) had used when it said ready: what load hardly moves. */
  readyCpuMs: number;
  /** The machine's 1-minute load average when the run began. */
  load: number;
  /** The page's first customers.search through the bridge: sent and answered (ms from spawn). */
  searchSentMs: number;
  searchDoneMs: number;
  /** The page's main-thread busy time (all tasks) and its script share, from goto to interactive (CDP). */
  pageTaskMs: number;
  pageScriptMs: number;
}
type Marks = { dom?: number; box?: number; interactive?: number };

const SOURCES = join(root, 'src-main/browser-main.ts');

/**
 * What ships, built from the current sources by the real build (electron-vite, the project's
 * config) into a project-shaped temp dir: out/ is shared, and a build someone starts during the
 * run would empty it under a running console. Not part of any figure.
 */
function privateBuild(sources = root): { dir: string; bundle: string; renderer: string } {
  const dir = mkdtempSync(join(tmpdir(), 'oms-bench-build-'));
  symlinkSync(join(root, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const t = performance.now();
  const r = spawnSync(join(root, 'node_modules/.bin/electron-vite'), ['build', '--logLevel', 'error'], { cwd: sources, env: { ...process.env, OMS_BUILD_OUT_DIR: join(dir, 'out') }, encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`electron-vite build failed (${r.status}):\n${r.stderr}`);
  }
  console.log(`built main and renderer of ${sources} into ${dir}/out in ${(performance.now() - t).toFixed(0)} ms (not part of any figure)`);
  return { dir, bundle: join(dir, 'out/main/browser-main.js'), renderer: join(dir, 'out/renderer') };
}

/**
 * The same build of another commit (BENCH_BASELINE), from a detached checkout in a temp dir, so
 * a change is compared with its baseline in one run on one machine state rather than across days.
 */
function baselineBuild(ref: string): { dir: string; bundle: string; renderer: string; remove(): void } {
  const { checkout, commit, remove } = checkoutBaseline(root, ref);
  console.log(`baseline: ${ref} = ${commit.slice(0, 10)}`);
  return { ...privateBuild(checkout), remove };
}

const VIEWPORT = { width: 1360, height: 860 };

/** A port free right now, for a data dir's starts to share as `./oms start`'s fixed port does. */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

/**
 * One start. With `profile` and `port`, the tab opens in that browser profile and the console binds
 * that port, so the page's origin and the browser's caches (HTTP, V8 code) are those of earlier
 * starts; without, a fresh incognito context on any free port: nothing cached.
 */
async function once(browser: Browser, dataDir: string, opts: { shot?: string; entry: string; staticDir: string; profile?: BrowserContext; port?: number }): Promise<Run> {
  const shot = opts.shot;
  // The tab exists before the spawn: opening one is the browser's cost, not the console's.
  const page = opts.profile ? await opts.profile.newPage() : await browser.newPage({ viewport: VIEWPORT });
  // CPU time the page itself spends (parse, compile, run, style, layout): load moves it far less than
  // wall time, so it tells a lighter first screen from a quieter minute.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () => {
    const m = new Map((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value * 1000]));
    return { task: m.get('TaskDuration') ?? Number.NaN, script: m.get('ScriptDuration') ?? Number.NaN };
  };
  const before = await busy();
  // Runs in the page from its first script: records when each condition first held.
  await page.addInitScript(() => {
    const w = window as unknown as { __coldStart: Marks };
    w.__coldStart = {};
    document.addEventListener('DOMContentLoaded', () => (w.__coldStart.dom = performance.timeOrigin + performance.now()));
    const visible = (el: Element | null) => !!el && (el as HTMLElement).offsetParent !== null;
    const tick = () => {
      const list = document.querySelector('[role="listbox"][aria-label="Customers"]');
      const box = [...document.querySelectorAll('input')].find((i) => i.getAttribute('aria-label') === 'Search customers' || i.labels?.[0]?.textContent?.trim() === 'Search customers');
      // Wall-clock (epoch) times, comparable with the bench's Date.now() at spawn.
      const now = performance.timeOrigin + performance.now();
      const usable = !!box && !box.disabled && !box.readOnly && visible(box);
      if (w.__coldStart.box === undefined && usable) w.__coldStart.box = now;
      if (w.__coldStart.interactive === undefined && usable && visible(list)) w.__coldStart.interactive = now;
      if (w.__coldStart.interactive === undefined) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const load = loadavg()[0]!;
  const t0 = performance.now();
  const t0Epoch = Date.now();
  const entry = opts.entry;
  const child = spawn(process.execPath, ['--no-warnings=ExperimentalWarning', entry, '--port', String(opts.port ?? 0), '--json', '--data-dir', dataDir, '--static-dir', opts.staticDir], {
    cwd: root,
    env: { ...process.env, OMS_CONSOLE_WEBHOOK_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => stderr.push(l) > 40 && stderr.shift());
  const exited = new Promise((r) => child.once('exit', r));
  try {
    const url = await new Promise<string>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`console not ready in ${TIMEOUT_MS / 1000} s:\n${stderr.join('\n')}`)), TIMEOUT_MS);
      child.once('exit', (code) => rej(new Error(`console exited with ${code}:\n${stderr.join('\n')}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        try {
          const m = JSON.parse(line) as { event?: string; url?: string };
          if (m.event === 'ready' && m.url) {
            clearTimeout(timer);
            res(m.url);
          }
        } catch {
          /* not the ready line */
        }
      });
    });
    const readyMs = performance.now() - t0;
    const readyCpuMs = processCpuMs(child.pid!);
    try {
      await page.goto(url);
      await page
        .waitForFunction(() => {
          const s = (window as unknown as { __coldStart: Marks }).__coldStart;
          return s.interactive !== undefined && s.dom !== undefined && s.box !== undefined;
        }, undefined, { timeout: TIMEOUT_MS })
        .catch(async (e: unknown) => {
          // Say what the page showed and what main said, not only that it timed out.
          const text = (await page.locator('body').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 600);
          throw new Error(`${entry}: not interactive in ${TIMEOUT_MS / 1000} s (${e instanceof Error ? e.message.split('\n')[0] : 'error'}).\npage: ${text}\nmain:\n${stderr.join('\n')}`);
        });
      const after = await busy();
      const s = await page.evaluate(() => (window as unknown as { __coldStart: Required<Marks> }).__coldStart);
      const scriptBytes = await page.evaluate((interactiveAt) => {
        const until = interactiveAt - performance.timeOrigin;
        return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((e) => e.initiatorType === 'script' || e.name.endsWith('.js'))
          .filter((e) => e.responseEnd <= until)
          .reduce((sum, e) => sum + e.decodedBodySize, 0);
      }, s.interactive);
      // Confirm with Playwright's own locators that the box really takes input (not only our guess).
      const box = page.getByRole('searchbox', { name: 'Search customers' });
      await box.fill('ma');
      if ((await box.inputValue()) !== 'ma') throw new Error('the search box did not accept input');
      await page.getByRole('listbox', { name: 'Customers' }).waitFor({ state: 'visible' });
      if (shot) await page.screenshot({ path: shot });
      // Where box → rows goes: waiting to send, the round trip (bridge → main → sandbox), painting.
      const search = await page.evaluate(() => {
        const e = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((r) => r.name.includes('/api/invoke/customers.search'));
        return e ? { sent: performance.timeOrigin + e.startTime, done: performance.timeOrigin + e.responseEnd } : { sent: Number.NaN, done: Number.NaN };
      });
      return {
        readyMs, domMs: s.dom - t0Epoch, boxMs: s.box - t0Epoch, interactiveMs: s.interactive - t0Epoch, scriptKb: scriptBytes / 1024, readyCpuMs, load,
        searchSentMs: search.sent - t0Epoch, searchDoneMs: search.done - t0Epoch,
        pageTaskMs: after.task - before.task, pageScriptMs: after.script - before.script,
      };
    } finally {
      await page.close();
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  }
}

/** utime + stime of a process from /proc (clock ticks of 10 ms on Linux). */
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const max = (xs: number[]) => Math.max(...xs);
const fmt = (n: number) => n.toFixed(0).padStart(6);

console.log(`cold start — ${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · Node ${process.version} · load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const build = privateBuild();
const baselineRef = process.env.BENCH_BASELINE;
const baseline = baselineRef ? baselineBuild(baselineRef) : null;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'oms-bench-cold-'));
  dirs.push(d);
  return join(d, 'data'); // does not exist yet: a first start in every sense
};
/**
 * A data dir's starts, as a user has them and without the browser's help: its first start and two
 * later ones in one browser profile on one port (Chromium compiles a script on its first load, writes
 * its code cache on the second and uses it from the third: the second is the warm-up and is not
 * kept), and a later one in a fresh context on any port, which no cache can help.
 */
async function series(label: string, where: { entry: string; staticDir: string }, shot?: string): Promise<void> {
  const dir = fresh();
  const port = await freePort();
  const profileDir = mkdtempSync(join(tmpdir(), 'oms-bench-profile-'));
  dirs.push(profileDir);
  const profile = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: VIEWPORT });
  try {
    results[`first start (${label})`]!.push(await once(browser, dir, { ...where, profile, port }));
    results[`later, no browser cache (${label})`]!.push(await once(browser, dir, where));
    await once(browser, dir, { ...where, profile, port });
    results[`later, same port and profile (${label})`]!.push(await once(browser, dir, { ...where, profile, port, ...(shot ? { shot } : {}) }));
  } finally {
    await profile.close();
  }
}
const results: Record<string, Run[]> = {};
const labels = ['bundle', ...(baseline ? [`baseline ${baselineRef}`] : []), ...(process.env.BENCH_NO_SOURCES ? [] : ['from sources'])];
for (const l of labels) for (const k of ['first start', 'later, same port and profile', 'later, no browser cache']) results[`${k} (${l})`] = [];
try {
  // Interleaved, so a change in the machine's load during the run falls on both alike.
  for (let i = 0; i < runs; i++) {
    await series('bundle', { entry: build.bundle, staticDir: build.renderer }, i === 0 ? screenshot : undefined);
    if (baseline) await series(`baseline ${baselineRef}`, { entry: baseline.bundle, staticDir: baseline.renderer });
    // The same renderer build: the rows differ only in how main is loaded.
    if (!process.env.BENCH_NO_SOURCES) await series('from sources', { entry: SOURCES, staticDir: build.renderer });
  }
  console.log(`\n${runs} runs each; ms from spawn (budget to interactive p50: first start ${BUDGET_MS.cold} ms, later start ${BUDGET_MS.warm} ms)`);
  console.log('| start | process ready p50 | max | DOMContentLoaded p50 | search box usable p50 | **interactive p50** | **max** | page share of p50 | script kB before interactive | main CPU ms to ready p50 | first search sent / answered p50 | page busy / script ms p50 | load p50 |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [kind, r] of Object.entries(results)) {
    const col = (k: keyof Run) => r.map((x) => x[k]);
    const inter = col('interactiveMs');
    console.log(`| ${kind} | ${fmt(p50(col('readyMs')))} | ${fmt(max(col('readyMs')))} | ${fmt(p50(col('domMs')))} | ${fmt(p50(col('boxMs')))} | ${fmt(p50(inter))} | ${fmt(max(inter))} | ${fmt(p50(inter) - p50(col('readyMs')))} | ${fmt(p50(col('scriptKb')))} | ${fmt(p50(col('readyCpuMs')))} | ${fmt(p50(col('searchSentMs')))} / ${fmt(p50(col('searchDoneMs')))} | ${fmt(p50(col('pageTaskMs')))} / ${fmt(p50(col('pageScriptMs')))} | ${p50(col('load')).toFixed(1)} |`);
  }
  for (const [kind, r] of Object.entries(results)) console.log(`  ${kind} runs (ready/DOM/box/search sent/answered/interactive @load): ${r.map((x) => `${[x.readyMs, x.domMs, x.boxMs, x.searchSentMs, x.searchDoneMs, x.interactiveMs].map((v) => v.toFixed(0)).join('/')} @${x.load.toFixed(1)}`).join(' · ')}`);
  if (screenshot) console.log(`screenshot of a later start (same port and profile): ${screenshot}`);

  // What a first start's store costs on its own, on the sandbox's thread: seeded, copied from the
  // build's template, or empty.
  const template = join(build.dir, 'out/main', seedTemplateName(FIRST_START_CUSTOMERS));
  const times: Record<'seeded' | 'template' | 'empty', number[]> = { seeded: [], template: [], empty: [] };
  for (let i = 0; i < 3; i++) {
    for (const [kind, seed, seedTemplate] of [['seeded', FIRST_START_CUSTOMERS, null], ['template', FIRST_START_CUSTOMERS, template], ['empty', 0, null]] as const) {
      const dir = fresh();
      const t = performance.now();
      const sb = await startSandbox({ dataDir: dir, seed, seedTemplate, apiKey: 'sk_sdbx_bench', apiSecret: 'bench-secret' });
      times[kind].push(performance.now() - t);
      await sb.close();
    }
  }
  console.log(`\nsandbox start on a fresh dir (in this process), p50 / max ms: seeding ${FIRST_START_CUSTOMERS} customers ${p50(times.seeded).toFixed(0)} / ${max(times.seeded).toFixed(0)}, copying the build's template ${p50(times.template).toFixed(0)} / ${max(times.template).toFixed(0)}, empty ${p50(times.empty).toFixed(0)} / ${max(times.empty).toFixed(0)}`);
  console.log(`load average at end ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
} finally {
  await browser.close();
  for (const d of [...dirs, build.dir, ...(baseline ? [baseline.dir] : [])]) rmSync(d, { recursive: true, force: true });
  baseline?.remove();
}

