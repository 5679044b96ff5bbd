/**
 * Side by side with a peer: the local sandbox against Prism's mock server, serving
 * the same customer endpoints, on one machine in one run.
 * Run: node bench/prism-vs-sandbox.bench.ts [requests=4000] [concurrency=16] [seed=2000]
 *
 * Both servers run as child processes on loopback (so neither shares the load generator's thread):
 * the sandbox as `node src-sandbox/cli.ts` over a temp SQLite file seeded with `seed` customers,
 * Prism as `prism mock` over bench/fixtures/oms-customers.openapi.yaml (static examples, request
 * validation on, `--errors false`, log level `error` — the sandbox runs `--quiet` too). One closed-
 * loop generator drives both: `concurrency` clients, each sending its next request as soon as the
 * last answer's body is read, over keep-alive fetch, `requests` requests after a warm-up of a tenth.
 * Both get the same bearer token, `Idempotency-Key` (unique per POST) and bodies.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const requests = Number(process.argv[2] ?? 4000);
const concurrency = Number(process.argv[3] ?? 16);
const seed = Number(process.argv[4] ?? 2000);
for (const [name, v] of [['requests', requests], ['concurrency', concurrency], ['seed', seed]] as const) {
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer (got ${v})`);
}
const root = resolve(import.meta.dirname, '..');
const spec = join(root, 'bench/fixtures/oms-customers.openapi.yaml');
const prismBin = join(root, 'node_modules/.bin/prism');
const STARTUP_MS = 60_000;

const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });

/** Resolves with the first stdout line `match` accepts; rejects on exit or after STARTUP_MS. */
function waitForLine<T>(child: ChildProcess, what: string, match: (line: string) => T | undefined): Promise<T> {
  const tail: string[] = [];
  const keep = (l: string) => tail.push(l) > 20 && tail.shift();
  createInterface({ input: child.stderr! }).on('line', keep);
  return new Promise<T>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`${what} did not start in ${STARTUP_MS / 1000} s:\n${tail.join('\n')}`)), STARTUP_MS);
    child.once('exit', (code) => rej(new Error(`${what} exited with ${code}:\n${tail.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(line);
      const hit = match(line);
      if (hit !== undefined) {
        clearTimeout(timer);
        res(hit);
      }
    });
  });
}

/** utime + stime of a process in ms, from /proc (immune to the other sessions' load, unlike latency). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

interface Target {
  name: string;
  base: string;
  pid: number;
}
interface Req {
  path: () => string;
  init: () => RequestInit;
  expect: number;
}
interface Figures {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  bad: number;
  cpuUsPerReq: number;
  firstBad?: string;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Closed loop: `concurrency` clients share a counter of `total` requests. */
async function drive(target: Target, req: Req, total: number): Promise<Figures> {
  let next = 0;
  let bad = 0;
  let firstBad: string | undefined;
  const lat: number[] = [];
  const cpu0 = cpuMs(target.pid);
  const t0 = performance.now();
  const client = async () => {
    while (next < total) {
      next++;
      const s = performance.now();
      const res = await fetch(target.base + req.path(), req.init());
      const body = await res.text();
      lat.push(performance.now() - s);
      if (res.status !== req.expect) {
        bad++;
        firstBad ??= `${res.status} ${body.slice(0, 200)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const wall = performance.now() - t0;
  const cpu = cpuMs(target.pid) - cpu0;
  lat.sort((a, b) => a - b);
  return { rps: (total / wall) * 1000, p50: pct(lat, 50), p95: pct(lat, 95), p99: pct(lat, 99), bad, cpuUsPerReq: (cpu * 1000) / total, firstBad };
}

const children: ChildProcess[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'oms-bench-prism-'));
const stopAll = () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
};
// Prism must not outlive the bench, whatever happens (an exception, Ctrl-C).
process.once('exit', stopAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));

try {
  const sbChild = spawn(process.execPath, ['--no-warnings=ExperimentalWarning', join(root, 'src-sandbox/cli.ts'), '--port', '0', '--json', '--quiet', '--data-dir', dataDir, '--seed', String(seed), '--rate-limit', '10000000'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(sbChild);
  const prismPort = await freePort();
  const prismChild = spawn(prismBin, ['mock', '-h', '127.0.0.1', '-p', String(prismPort), '--errors', 'false', '-v', 'error', spec], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(prismChild);
  const tSpawn = performance.now();
  const [ready, prismReadyMs] = await Promise.all([
    waitForLine(sbChild, 'sandbox', (l) => {
      try {
        const m = JSON.parse(l) as { event?: string; baseUrl: string; generatedCredentials?: { apiKey: string; apiSecret: string } };
        return m.event === 'ready' ? m : undefined;
      } catch {
        return undefined;
      }
    }),
    // At log level `error` Prism prints nothing once listening, so poll its port instead.
    (async () => {
      for (;;) {
        if (prismChild.exitCode !== null) throw new Error(`prism exited with ${prismChild.exitCode}`);
        if (performance.now() - tSpawn > STARTUP_MS) throw new Error('prism did not start in 60 s');
        const up = await fetch(`http://127.0.0.1:${prismPort}/customers/cst_0`, { headers: { Authorization: 'Bearer x' } }).then(() => true, () => false);
        if (up) return performance.now() - tSpawn;
        await new Promise((r) => setTimeout(r, 100));
      }
    })(),
  ]);
  if (!ready.generatedCredentials) throw new Error('the sandbox printed no generated credentials on a fresh data dir');
  const tokenRes = await fetch(`${ready.baseUrl}/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ready.generatedCredentials) });
  if (tokenRes.status !== 200) throw new Error(`token exchange failed: ${tokenRes.status} ${await tokenRes.text()}`);
  const { accessToken } = (await tokenRes.json()) as { accessToken: string };
  const auth = { Authorization: `Bearer ${accessToken}` };
  const listed = (await (await fetch(`${ready.baseUrl}/customers?limit=50`, { headers: auth })).json()) as { data: { id: string }[] };
  const ids = listed.data.map((c) => c.id);
  if (ids.length < 50) throw new Error(`expected 50 seeded customers, got ${ids.length}`);

  const targets: Target[] = [
    { name: 'sandbox', base: ready.baseUrl, pid: sbChild.pid! },
    { name: 'prism', base: `http://127.0.0.1:${prismPort}`, pid: prismChild.pid! },
  ];
  let n = 0;
  let i = 0;
  // The sandbox refuses an externalId another customer holds (as OMS would), so each POST brings its own.
  const body = (k: number) => JSON.stringify({ type: 'individual', firstName: 'Ada', lastName: 'Lovelace', email: 'ada.lovelace@example.org', phone: '+12025550143', nationality: 'GB', externalId: `crm-bench-${process.pid}-${k}` });
  const shapes: [string, Req][] = [
    // GET cycles over 50 real ids (Prism answers its example for any id that matches the pattern).
    ['GET /customers/{id}', { path: () => `/customers/${ids[i++ % ids.length]}`, init: () => ({ headers: auth }), expect: 200 }],
    ['POST /customers', { path: () => '/customers', init: () => ({ method: 'POST', headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': `bench-${process.pid}-${++n}` }, body: body(n) }), expect: 201 }],
  ];

  console.log(`prism vs sandbox — ${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · Node ${process.version}`);
  console.log(`load average at start ${loadavg().map((x) => x.toFixed(1)).join(' ')} · ${requests} requests per cell after ${Math.ceil(requests / 10)} warm-up · ${concurrency} concurrent keep-alive clients`);
  console.log(`sandbox: node src-sandbox/cli.ts, SQLite file (WAL), ${seed} customers seeded · prism: ${prismVersion()} mock, static examples, ready ${prismReadyMs.toFixed(0)} ms after spawn`);
  const rows: string[] = [];
  for (const [k, [label, shape]] of shapes.entries()) {
    const per: Record<string, Figures> = {};
    // Alternate who goes first, so a drift in the shared machine's load does not always favour one.
    for (const t of k % 2 ? [...targets].reverse() : targets) {
      await drive(t, shape, Math.ceil(requests / 10));
      per[t.name] = await drive(t, shape, requests);
      if (per[t.name]!.bad) console.log(`  ! ${t.name} ${label}: ${per[t.name]!.bad} unexpected answers, first: ${per[t.name]!.firstBad}`);
    }
    for (const t of targets) {
      const f = per[t.name]!;
      rows.push(`| ${label} | ${t.name} | ${f.rps.toFixed(0)} | ${f.p50.toFixed(2)} | ${f.p95.toFixed(2)} | ${f.p99.toFixed(2)} | ${f.cpuUsPerReq.toFixed(0)} | ${f.bad} |`);
    }
    const s = per.sandbox!;
    const p = per.prism!;
    rows.push(`| ${label} | **sandbox / prism** | **${(s.rps / p.rps).toFixed(2)}×** | ${(s.p50 / p.p50).toFixed(2)}× | **${(s.p95 / p.p95).toFixed(2)}×** | ${(s.p99 / p.p99).toFixed(2)}× | ${(s.cpuUsPerReq / p.cpuUsPerReq).toFixed(2)}× | |`);
  }
  console.log('\n| endpoint | server | req/s | p50 ms | p95 ms | p99 ms | server CPU µs/req | unexpected |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(`\nload average at end ${loadavg().map((x) => x.toFixed(1)).join(' ')}. Ratios: req/s above 1 and p95 below 1 mean the sandbox is faster.`);
} finally {
  stopAll();
  await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  rmSync(dataDir, { recursive: true, force: true });
}

function prismVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'node_modules/@stoplight/prism-cli/package.json'), 'utf8')) as { version: string };
    return `prism-cli ${pkg.version}`;
  } catch {
    return 'prism-cli (version unknown)';
  }
}
