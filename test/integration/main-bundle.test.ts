/**
 * What `electron-vite build` makes for main is what browser mode and the e2e journeys run: built
 * here into a temp dir with the real config, then started the way `./oms start` starts it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { globSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWorkerEntries } from '../../src-main/lib/worker-entry.ts';
import { staleBuild } from '../e2e/fixtures/console-process.ts';

const root = resolve(import.meta.dirname, '..', '..');
let tmp: string;
let out: string;

beforeAll(() => {
  // A project-shaped temp dir: the bundle finds package.json and node_modules (keytar) from out/main.
  tmp = mkdtempSync(join(tmpdir(), 'oms-main-bundle-'));
  symlinkSync(join(root, 'package.json'), join(tmp, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(tmp, 'node_modules'));
  out = join(tmp, 'out');
  const r = spawnSync(join(root, 'node_modules/.bin/electron-vite'), ['build', '--logLevel', 'error'], {
    cwd: root,
    env: { ...process.env, OMS_BUILD_OUT_DIR: out },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`electron-vite build failed (${r.status}):\n${r.stderr}`);
}, 180_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('main build', () => {
  it('emits Electron\'s entry, browser mode\'s entry and every worker beside them, chunks at the top level', () => {
    const files = readdirSync(join(out, 'main'), { withFileTypes: true });
    // workerEntry resolves ./<bundle>.js from whichever chunk it lands in: no chunk may sit in a subfolder.
    expect(files.filter((f) => f.isDirectory()).map((f) => f.name)).toEqual([]);
    const names = files.map((f) => f.name);
    expect(names).toContain('index.js');
    expect(names).toContain('browser-main.js');
  });

  it('every worker under src-main is started through workerEntry and has its bundle', () => {
    const calls = findWorkerEntries(root);
    const workers = globSync('src-main/**/*.worker.ts', { cwd: root });
    // A worker file nobody starts through workerEntry would be missing from the bundle.
    expect(calls.map((c) => c.sourcePath).sort()).toEqual([...new Set(workers)].sort());
    for (const c of calls) expect(readdirSync(join(out, 'main')), `${c.caller}: ${c.bundleName}.js for ${c.sourcePath}`).toContain(`${c.bundleName}.js`);
  });

  it('refuses a bundle name that is not a plain file name, one name used for two workers, and a worker file that does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oms-worker-names-'));
    try {
      mkdirSync(join(dir, 'src-main/a'), { recursive: true });
      writeFileSync(join(dir, 'src-main/a/one.worker.ts'), '');
      writeFileSync(join(dir, 'src-main/a/two.worker.ts'), '');
      writeFileSync(join(dir, 'src-main/a/host.ts'), "workerEntry('../escape', 'src-main/a/one.worker.ts')");
      expect(() => findWorkerEntries(dir)).toThrow(/src-main\/a\/host\.ts: workerEntry's bundle name must be a kebab-case file name .*not "\.\.\/escape"/);
      writeFileSync(join(dir, 'src-main/a/host.ts'), "workerEntry('w', 'src-main/a/one.worker.ts'); workerEntry('w', 'src-main/a/two.worker.ts')");
      expect(() => findWorkerEntries(dir)).toThrow('workerEntry bundle "w" is used for both src-main/a/one.worker.ts and src-main/a/two.worker.ts');
      writeFileSync(join(dir, 'src-main/a/host.ts'), "workerEntry('w', 'src-main/a/one.worker.ts'); workerEntry('typo', 'src-main/a/onw.worker.ts')");
      // A path with a typo fails the build, instead of a bundle that breaks when it starts the thread.
      expect(() => findWorkerEntries(dir)).toThrow("src-main/a/host.ts: workerEntry('typo', …) names src-main/a/onw.worker.ts, which does not exist");
      writeFileSync(join(dir, 'src-main/a/host.ts'), "workerEntry('w', 'src-main/a/one.worker.ts')");
      expect(findWorkerEntries(dir)).toEqual([{ caller: 'src-main/a/host.ts', bundleName: 'w', sourcePath: 'src-main/a/one.worker.ts' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the renderer is minified and split: the first screen does not carry the others', () => {
    const assets = readdirSync(join(out, 'renderer/assets'));
    const html = readFileSync(join(out, 'renderer/index.html'), 'utf8');
    const entry = /src="\.\/assets\/(index-[^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    for (const screen of ['SettingsScreen', 'OnboardingScreen', 'WalletsScreen', 'InboxScreen']) expect(assets.some((a) => a.startsWith(`${screen}-`) && a.endsWith('.js')), screen).toBe(true);
    const code = readFileSync(join(out, 'renderer/assets', entry!), 'utf8');
    // What the first screen loads (the entry, what it imports statically, what the HTML preloads) holds no other screen.
    const firstLoad = [...html.matchAll(/href="\.\/assets\/([^"]+\.js)"/g), ...code.matchAll(/from"\.\/([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(firstLoad.length).toBeGreaterThan(0);
    expect(firstLoad.filter((f) => /Screen-/.test(f))).toEqual([]);
    // Minified: a few very long lines, not thousands of indented ones.
    expect(code.split('\n').length).toBeLessThan(50);
    // No eval under the page's CSP (script-src 'self'); zod only probes Function('') inside a try.
    expect(code).not.toMatch(/\beval\(/);
  });

  it('the first screen loads no schema library: zod comes with the screens that validate', () => {
    const dir = join(out, 'renderer/assets');
    const html = readFileSync(join(out, 'renderer/index.html'), 'utf8');
    // The entry, what the HTML preloads, and everything those import statically (dynamic imports wait).
    const todo = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
    const seen = new Set<string>();
    while (todo.length) {
      const f = todo.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      todo.push(...[...readFileSync(join(dir, f), 'utf8').matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)].map((m) => m[1]!));
    }
    expect(seen.size).toBeGreaterThan(1);
    // Every zod schema object carries `_zod`; a chunk without it holds none.
    expect([...seen].filter((f) => readFileSync(join(dir, f), 'utf8').includes('_zod'))).toEqual([]);
  });

  describe('browser mode from the bundle', () => {
    let child: ChildProcess;
    let ready: { url: string; origin: string };
    const stderr: string[] = [];

    beforeAll(async () => {
      const dataDir = join(tmp, 'data');
      // No --static-dir: the bundle finds <project>/out/renderer from out/main itself.
      child = spawn(process.execPath, [join(out, 'main/browser-main.js'), '--port', '0', '--json', '--data-dir', dataDir], {
        cwd: tmp,
        env: { ...process.env, OMS_CONSOLE_WEBHOOK_PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      createInterface({ input: child.stderr! }).on('line', (l) => stderr.push(l));
      ready = await new Promise((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`not ready in 60 s:\n${stderr.join('\n')}`)), 60_000);
        child.once('exit', (code) => rej(new Error(`exited with ${code}:\n${stderr.join('\n')}`)));
        createInterface({ input: child.stdout! }).on('line', (line) => {
          const m = JSON.parse(line) as { event: string; url: string; origin: string };
          if (m.event === 'ready') {
            clearTimeout(timer);
            res(m);
          }
        });
      });
    }, 90_000);

    afterAll(async () => {
      if (child && child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    });

    it('a data dir that is a file is refused in one sentence, before anything starts', () => {
      const file = join(tmp, 'not-a-folder');
      writeFileSync(file, 'x');
      const r = spawnSync(process.execPath, [join(out, 'main/browser-main.js'), '--port', '0', '--data-dir', file], { cwd: tmp, encoding: 'utf8', timeout: 30_000 });
      expect(r.status).toBe(2);
      expect(r.stderr.trim()).toBe(`oms-console: --data-dir ${file} is a file, not a folder: pass a folder (it is created if missing).`);
      expect(readFileSync(file, 'utf8')).toBe('x');
    });

    it('serves the built renderer and answers a customer search through main, the sandbox and back', async () => {
      const token = new URL(ready.url).searchParams.get('token')!;
      const auth = { Authorization: `Bearer ${token}` };
      const page = await fetch(`${ready.origin}/`, { headers: auth });
      expect(page.status).toBe(200);
      const html = await page.text();
      const script = /src="\.\/(assets\/index-[^"]+\.js)"/.exec(html)?.[1];
      expect((await fetch(`${ready.origin}/${script}`, { headers: auth })).status).toBe(200);
      const info = (await (await fetch(`${ready.origin}/api/invoke/app.info`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{}' })).json()) as {
        ok: boolean;
        data: { version: string; transport: string };
      };
      // package.json is found from out/main: the version is the project's.
      expect(info).toMatchObject({ ok: true, data: { transport: 'browser', version: (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version } });
      const search = (await (
        await fetch(`${ready.origin}/api/invoke/customers.search`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ limit: 5 }) })
      ).json()) as { ok: boolean; data: { items: { id: string }[] } };
      expect(search.ok).toBe(true);
      expect(search.data.items.length).toBe(5);
      expect(search.data.items[0]!.id).toMatch(/^cst_/);
      // A first start: its store is the build's seeded template, copied, not seeded at start.
      expect(readdirSync(join(out, 'main'))).toContain('sandbox-seed-2000.db');
      expect(stderr.some((l) => l.includes('[sandbox] store created from the seed template (2000 customers)'))).toBe(true);
    });
  });
});

describe('stale build check (what the e2e fixture runs first)', () => {
  it('names a missing build, then a source newer than the build, and passes a current one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oms-stale-'));
    try {
      expect(staleBuild(dir)).toMatch(/^out\/main\/browser-main\.js is missing: run "npx electron-vite build"/);
      for (const f of ['out/main/browser-main.js', 'out/renderer/index.html', 'src-main/app/x.ts', 'src-renderer/src/y.tsx', 'src-shared/z.ts']) {
        mkdirSync(join(dir, f, '..'), { recursive: true });
        writeFileSync(join(dir, f), '');
      }
      const past = new Date(Date.now() - 60_000);
      for (const f of ['out/main/browser-main.js', 'out/renderer/index.html']) utimesSync(join(dir, f), past, past);
      expect(staleBuild(dir)).toBe('out/main/browser-main.js is older than src-main/app/x.ts: run "npx electron-vite build" so the tests run what ships.');
      const now = new Date(Date.now() + 1000);
      utimesSync(join(dir, 'out/main/browser-main.js'), now, now);
      expect(staleBuild(dir)).toMatch(/^out\/renderer\/index\.html is older than src-(renderer\/src\/y\.tsx|shared\/z\.ts)/);
      utimesSync(join(dir, 'out/renderer/index.html'), now, now);
      expect(staleBuild(dir)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
