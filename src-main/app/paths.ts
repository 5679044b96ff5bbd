import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Default data folder: $OMS_CONSOLE_DATA_DIR, else the XDG data home. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OMS_CONSOLE_DATA_DIR) return resolve(env.OMS_CONSOLE_DATA_DIR);
  const base = env.XDG_DATA_HOME ? resolve(env.XDG_DATA_HOME) : join(homedir(), '.local', 'share');
  return join(base, 'oms-console');
}

// Owner-only modes for the data folder: in lib/, since the store applies them as well as the entry points.
export { securePrivateDir } from '../lib/private-files.ts';
