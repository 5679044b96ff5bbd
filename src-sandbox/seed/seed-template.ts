import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDb } from '../store/db.ts';
import { seedCustomers } from './seeder.ts';

/**
 * A store seeded once at build time and copied on a first start, so the first screen does not
 * wait for 2,000 customers to be generated and written (0.2–0.5 s on the sandbox's thread). Seeding
 * is deterministic (fixed seed, fixed base time, ids from the seeded rng), so the copy holds the
 * very rows seeding would write; each data dir gets its own copy, never a shared file.
 */

export { FIRST_START_CUSTOMERS } from './first-start.ts';

/** The seed startSandbox always seeds with: a template is only valid for it. */
const SEED = 1;

export function seedTemplateName(count: number): string {
  if (!Number.isInteger(count) || count < 1) throw new Error(`a seed template needs a positive whole customer count (got ${count})`);
  return `sandbox-seed-${count}.db`;
}

/**
 * Where a build puts the template for `count` customers: beside the bundled sandbox code
 * (out/main). From sources there is none, and a first start seeds as before.
 */
export function bundledSeedTemplate(count: number, dir: string = import.meta.dirname): string {
  return join(outsideAsar(dir), seedTemplateName(count));
}

/**
 * A packaged app's code runs from inside app.asar, which a worker thread's plain `fs` may not read;
 * the packager unpacks the template beside it (electron-builder.config.ts asarUnpack).
 */
export function outsideAsar(dir: string): string {
  return dir.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked');
}

/** Build step: writes a store holding `count` seeded customers and nothing else (no credentials). */
export function writeSeedTemplate(file: string, count: number): void {
  const work = mkdtempSync(join(dirname(file), '.seed-template-'));
  try {
    const db = openDb(work);
    try {
      seedCustomers(db, count, SEED);
      // Everything into the main file: the template is that one file, without its -wal.
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    // Made-up customers only: readable by whoever runs the build's output (each copy is 0600).
    chmodSync(join(work, 'sandbox.db'), 0o644);
    renameSync(join(work, 'sandbox.db'), file);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A first start's store from the template, when there is one for this count and no store yet.
 * Returns whether it copied; false means the caller seeds (no template, or it could not be read).
 */
export function copySeedTemplate(template: string, dataDir: string): boolean {
  const file = join(dataDir, 'sandbox.db');
  if (existsSync(file) || !existsSync(template)) return false;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    copyFileSync(template, file);
    chmodSync(file, 0o600);
    return true;
  } catch {
    // A half-written copy must not pass for a seeded store.
    rmSync(file, { force: true });
    return false;
  }
}
