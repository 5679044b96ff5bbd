// `npm run dist`: builds the app (electron-vite) and the installers for this platform
// (electron-builder with electron-builder.config.ts). Extra arguments go to electron-builder,
// e.g. `npm run dist -- --dir` for an unpacked folder only, or `-- --linux deb`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const HOST_FLAG = { linux: '--linux', darwin: '--mac', win32: '--win' };

/** electron-builder arguments for a host platform; an explicit platform flag from the user wins. */
export function builderArgs(platform, extra = [], env = process.env) {
  const flag = HOST_FLAG[platform];
  if (!flag) throw new Error(`npm run dist: no installer target for ${platform} (linux, darwin and win32 are supported)`);
  const userChosePlatform = extra.some((a) => /^--(linux|mac|macos|win|windows)$/.test(a) || /^-[lmw]$/.test(a));
  const args = ['--config', 'electron-builder.config.ts', '--publish', 'never', ...(userChosePlatform ? [] : [flag]), ...extra];
  // Offline machines: point electron-builder at an Electron already on disk instead of downloading one.
  if (env.ELECTRON_OVERRIDE_DIST_PATH) args.push(`--config.electronDist=${env.ELECTRON_OVERRIDE_DIST_PATH}`);
  return args;
}

function run(label, file, args) {
  console.log(`dist: ${label}`);
  const r = spawnSync(process.execPath, [file, ...args], { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`dist: ${label} failed (exit ${r.status ?? r.signal}).`);
    console.error('dist: electron-builder downloads the Electron runtime (and, for deb, fpm) on first use; on a machine without internet access set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron and pre-seed the electron-builder cache.');
    process.exit(r.status ?? 1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const extra = process.argv.slice(2);
  const vite = join(root, 'node_modules/electron-vite/bin/electron-vite.js');
  const builder = join(root, 'node_modules/electron-builder/cli.js');
  if (!existsSync(builder)) {
    console.error('dist: electron-builder is not installed; run npm ci first.');
    process.exit(1);
  }
  run('building the app (electron-vite)', vite, ['build']);
  run(`packaging for ${process.platform} (electron-builder)`, builder, builderArgs(process.platform, extra));
  console.log(`dist: installers are in ${join(root, 'dist')}`);
}
