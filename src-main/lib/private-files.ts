import { chmodSync, closeSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Owner-only modes for everything under the data folder. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** What the console and its sandbox write in the data folder (a --data-dir may hold other things). */
const OWN_FILE = /^(console|sandbox)\.db(-wal|-shm|-journal)?$|\.log$/;
const OWN_DIR = /^(sandbox|logs)$/;

/**
 * The data folder holds customers' emails and phones (console.db, the sandbox's store) and the
 * local webhook secret, so no other local user may read it: created 0700, and an existing one
 * (from an older version, or made by hand under a 0022 umask) is tightened at start, with the
 * stores in it set to 0600. Only the console's own files are touched: a --data-dir pointed at a
 * folder that holds other things keeps their modes. Symlinks are skipped (chmod follows them).
 */
export function securePrivateDir(dir: string, depth = 0): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir, PRIVATE_DIR_MODE);
  if (depth > 1) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && OWN_DIR.test(entry.name)) securePrivateDir(join(dir, entry.name), depth + 1);
    else if (entry.isFile() && OWN_FILE.test(entry.name)) tighten(join(dir, entry.name), PRIVATE_FILE_MODE);
  }
}

/**
 * A folder or file owned by another account (a shared --data-dir) cannot be chmod-ed by this one
 * and is that account's to protect: the console still opens it rather than refusing to start.
 */
function tighten(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
  }
}

/** Creates `path` owner-only if it is missing, and tightens it if it is not. */
export function securePrivateFile(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  tighten(path, PRIVATE_FILE_MODE);
}
