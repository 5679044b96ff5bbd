// `./oms start`: build, then open the Electron window where a runtime exists, else browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

const build = spawnSync('electron-vite', ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electron = findElectronBinary();
const wantsBrowser = args.includes('--browser');
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform !== 'linux';
let child;
if (electron.path && !wantsBrowser && hasDisplay) {
  child = spawn(electron.path, [join(root, 'out/main/index.js')], { cwd: root, stdio: 'inherit' });
} else {
  const why = !electron.path ? `there is no Electron runtime here (${electron.reason})` : !hasDisplay ? 'there is no display' : 'you asked for it';
  console.log(`Starting in browser mode, because ${why}.`);
  // Main's bundle from the build above (the same code Electron runs), not its .ts sources.
  child = spawn(process.execPath, ['--no-warnings=ExperimentalWarning', join(root, 'out/main/browser-main.js'), ...args.filter((a) => a !== '--browser')], {
    cwd: root,
    stdio: 'inherit',
  });
}
// Ctrl-C reaches the child through the terminal's process group; forward SIGTERM explicitly.
process.on('SIGTERM', () => child.kill('SIGTERM'));
process.on('SIGINT', () => {});
child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
