// `./oms start` and `npm run dev`: open the Electron window where a runtime exists (fetching it
// first where the machine can download it), else browser mode. `--dev` runs electron-vite's dev
// server with hot reload instead of a production build; `--browser` skips Electron altogether.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * electron@45 fetches its runtime lazily and fails on first use when nothing fetched it. Before
 * giving up on a window, run its installer once; a machine without network simply stays in browser
 * mode. ELECTRON_SKIP_BINARY_DOWNLOAD (electron's own switch) opts out.
 * @param {{ find: () => ({ path: string } | { path: null, reason: string }), install: () => { ok: boolean, detail: string }, env: Record<string, string | undefined>, log: (line: string) => void }} deps
 * @returns {{ path: string } | { path: null, reason: string }}
 */
export function ensureElectronRuntime({ find, install, env, log }) {
  const found = find();
  if (found.path || env.ELECTRON_OVERRIDE_DIST_PATH) return found;
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { path: null, reason: `${found.reason}; ELECTRON_SKIP_BINARY_DOWNLOAD is set` };
  log('Fetching the Electron runtime (once)…');
  const r = install();
  if (!r.ok) return { path: null, reason: `${found.reason}; fetching it failed (${r.detail})` };
  const again = find();
  return again.path ? again : { path: null, reason: `the Electron installer finished but ${again.reason}` };
}

/** What to run: Electron (built or dev server) or browser mode, and why. */
export function chooseMode({ electronPath, reason, wantsBrowser, hasDisplay, dev }) {
  if (electronPath && !wantsBrowser && hasDisplay) return { kind: dev ? 'electron-dev' : 'electron' };
  const why = !electronPath ? `there is no Electron runtime here (${reason})` : !hasDisplay ? 'there is no display' : 'you asked for it';
  return { kind: 'browser', why };
}

function installElectron() {
  const script = join(root, 'node_modules/electron/install.js');
  if (!existsSync(script)) return { ok: false, detail: 'node_modules/electron/install.js is missing' };
  // A stalled download must not hold the console back for ever.
  const r = spawnSync(process.execPath, [script], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000, encoding: 'utf8' });
  if (r.status === 0) return { ok: true, detail: '' };
  const last = (r.stderr ?? '').trim().split('\n').find((l) => l.trim()) ?? '';
  return { ok: false, detail: r.error ? r.error.message : last.slice(0, 200) || `exit ${r.status ?? r.signal}` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const dev = args.includes('--dev');
  const wantsBrowser = args.includes('--browser');
  const rest = args.filter((a) => a !== '--browser' && a !== '--dev');
  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform !== 'linux';
  const electron = wantsBrowser || !hasDisplay ? findElectronBinary() : ensureElectronRuntime({ find: findElectronBinary, install: installElectron, env: process.env, log: console.log });
  const mode = chooseMode({ electronPath: electron.path, reason: electron.reason, wantsBrowser, hasDisplay, dev });

  let child;
  if (mode.kind === 'electron-dev') {
    child = spawn('electron-vite', ['dev', ...rest], { cwd: root, stdio: 'inherit' });
  } else {
    const build = spawnSync('electron-vite', ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
    if (mode.kind === 'electron') {
      child = spawn(electron.path, [join(root, 'out/main/index.js')], { cwd: root, stdio: 'inherit' });
    } else {
      console.log(`Starting in browser mode, because ${mode.why}.${dev ? ' (No hot reload: that needs the Electron runtime.)' : ''}`);
      // Main's bundle from the build above (the same code Electron runs), not its .ts sources.
      child = spawn(process.execPath, ['--no-warnings=ExperimentalWarning', join(root, 'out/main/browser-main.js'), ...rest], { cwd: root, stdio: 'inherit' });
    }
  }
  // Ctrl-C reaches the child through the terminal's process group; forward SIGTERM explicitly.
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  process.on('SIGINT', () => {});
  child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
}
