// Finds an installed Electron runtime without triggering electron's lazy download (which cannot
// succeed on machines without internet access and would hang or fail the caller).
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @returns {{ path: string } | { path: null, reason: string }} */
export function findElectronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return existsSync(p) ? { path: p } : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH has no electron binary (${p})` };
  }
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return { path: null, reason: 'electron@45 fetches its runtime on first use, and this machine cannot download it' };
  const p = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(p) ? { path: p } : { path: null, reason: `the Electron runtime binary is missing at ${p}` };
}
