/**
 * How soon main's bundle answers the first customer search, without a browser: the floor under a
 * start's first rows. `node bench/sandbox-start.bench.ts [runs=5]`
 *   (BENCH_BASELINE=<git ref>: also build that commit and alternate its starts with this tree's)
 * Each run starts `out/main/browser-main.js` on a fresh data dir (first start: the sandbox's store is
 * created) and then twice on the same dir (later starts; the first of those is not kept), and posts a
 * q-less `customers.search` through the bridge the moment the ready line is out, as the first screen's
 * early script does, and again on a third later start with the search posted LATE_MS after ready,
 * about when a browser's early script asks (the eighth session's runs: 200-300 ms after ready).
 * Printed, ms from spawn: ready, the sandbox's thread listening (main's log line), the search
 * answered; p50 with the load average beside it, and for the late search its round trip.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { checkoutBaseline } from './support/baseline-checkout.ts';

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.argv[2] ?? 5);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs must be a positive whole number, not "${process.argv[2]}"`);
const TIMEOUT_MS = 60_000;
const LATE_MS = 250;

interface Run {
  readyMs: number;
  listeningMs: number;
  answeredMs: number;
  /** Posted → answered. */
  roundTripMs: number;
  load: number;
}

/** A build of `sources` in its own temp dir: a build someone else starts cannot empty it mid-run. */
function build(sources: string): { dir: string; bundle: string; renderer: string } {
  const dir = mkdtempSync(join(tmpdir(), 'oms-bench-sbxstart-'));
  symlinkSync(join(root, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const r = spawnSync(join(root, 'node_modules/.bin/electron-vite'), ['build', '--logLevel', 'error'], { cwd: sources, env: { ...process.env, OMS_BUILD_OUT_DIR: join(dir, 'out') }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`electron-vite build of ${sources} failed (${r.status}):\n${r.stderr}`);
  return { dir, bundle: join(dir, 'out/main/browser-main.js'), renderer: join(dir, 'out/renderer') };
}

/** POST through the bridge with the launch token as a bearer (no browser, so no cookie). */
function search(url: URL, token: string): Promise<void> {
  return new Promise((res, rej) => {
    const body = JSON.stringify({ limit: 50 });
    const req = request(new URL('/api/invoke/customers.search', url), { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const answer = r.statusCode === 200 ? (JSON.parse(text) as { ok?: boolean; data?: { items?: unknown[] } }) : null;
        if (!answer?.ok || !answer.data?.items?.length) rej(new Error(`the first search did not answer with rows (${r.statusCode}): ${text.slice(0, 300)}`));
        else res();
      });
    });
    req.on('error', rej);
    req.end(body);
  });
}

async function once(entry: string, staticDir: string, dataDir: string, delayMs = 0): Promise<Run> {
  const load = loadavg()[0]!;
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--no-warnings=ExperimentalWarning', entry, '--port', '0', '--json', '--data-dir', dataDir, '--static-dir', staticDir], {
    cwd: root,
    env: { ...process.env, OMS_CONSOLE_WEBHOOK_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  const stderr: string[] = [];
  let listeningMs = Number.NaN;
  createInterface({ input: child.stderr! }).on('line', (l) => {
    if (Number.isNaN(listeningMs) && l.includes('local sandbox listening')) listeningMs = performance.now() - t0;
    if (stderr.push(l) > 40) stderr.shift();
  });
  try {
    const url = await new Promise<string>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`not ready in ${TIMEOUT_MS / 1000} s:\n${stderr.join('\n')}`)), TIMEOUT_MS);
      child.once('exit', (code) => rej(new Error(`exited with ${code}:\n${stderr.join('\n')}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (!line.startsWith('{')) return;
        const m = JSON.parse(line) as { event?: string; url?: string };
        if (m.event === 'ready' && m.url) {
          clearTimeout(timer);
          res(m.url);
        }
      });
    });
    const readyMs = performance.now() - t0;
    const u = new URL(url);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    const postedMs = performance.now() - t0;
    await search(u, u.searchParams.get('token') ?? '');
    const answeredMs = performance.now() - t0;
    return { readyMs, listeningMs, answeredMs, roundTripMs: answeredMs - postedMs, load };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const fmt = (n: number) => n.toFixed(0).padStart(5);

console.log(`sandbox start — ${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · Node ${process.version} · load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const builds: { label: string; dir: string; bundle: string; renderer: string; remove?: () => void }[] = [{ label: 'this tree', ...build(root) }];
const baselineRef = process.env.BENCH_BASELINE;
if (baselineRef) {
  const b = checkoutBaseline(root, baselineRef);
  console.log(`baseline: ${baselineRef} = ${b.commit.slice(0, 10)}`);
  builds.push({ label: `baseline ${baselineRef}`, ...build(b.checkout), remove: b.remove });
}
const dirs: string[] = [];
const results: Record<string, Run[]> = {};
try {
  // Interleaved, so the machine's load changing during the run falls on every build alike.
  for (let i = 0; i < runs; i++) {
    for (const b of builds) {
      const d = mkdtempSync(join(tmpdir(), 'oms-bench-sbxstart-data-'));
      dirs.push(d);
      const dataDir = join(d, 'data');
      (results[`first start, ${b.label}`] ??= []).push(await once(b.bundle, b.renderer, dataDir));
      await once(b.bundle, b.renderer, dataDir); // the OS's file cache and the store as a user's later start finds them
      (results[`later start, ${b.label}`] ??= []).push(await once(b.bundle, b.renderer, dataDir));
      (results[`later start, search ${LATE_MS} ms after ready, ${b.label}`] ??= []).push(await once(b.bundle, b.renderer, dataDir, LATE_MS));
    }
  }
  console.log(`\n${runs} runs each; ms from spawn, p50`);
  // Listening − ready, run by run: the thread's share, which the load moves less than either end.
  console.log('| start | ready | sandbox listening | listening − ready | first search answered | its round trip | load |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [kind, r] of Object.entries(results)) {
    const col = (k: keyof Run) => r.map((x) => x[k]);
    console.log(`| ${kind} | ${fmt(p50(col('readyMs')))} | ${fmt(p50(col('listeningMs')))} | ${fmt(p50(r.map((x) => x.listeningMs - x.readyMs)))} | ${fmt(p50(col('answeredMs')))} | ${fmt(p50(col('roundTripMs')))} | ${p50(col('load')).toFixed(1)} |`);
  }
  for (const [kind, r] of Object.entries(results)) console.log(`  ${kind} (ready/listening/answered/round trip @load): ${r.map((x) => `${fmt(x.readyMs)}/${fmt(x.listeningMs)}/${fmt(x.answeredMs)}/${fmt(x.roundTripMs)} @${x.load.toFixed(1)}`).join(' · ')}`);
  console.log(`load average at end ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
} finally {
  for (const d of [...dirs, ...builds.map((b) => b.dir)]) rmSync(d, { recursive: true, force: true });
  for (const b of builds) b.remove?.();
}
