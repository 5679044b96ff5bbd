import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SOURCE_FILE = /\.(ts|tsx|css|html)$/;

function newest(path: string): { file: string; mtimeMs: number } | null {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return null;
  if (!st.isDirectory()) return SOURCE_FILE.test(path) ? { file: path, mtimeMs: st.mtimeMs } : null;
  let found: { file: string; mtimeMs: number } | null = null;
  for (const name of readdirSync(path)) {
    const n = newest(join(path, name));
    if (n && (!found || n.mtimeMs > found.mtimeMs)) found = n;
  }
  return found;
}

/**
 * Why `output` (relative to `root`) cannot be trusted to be what the sources say: missing, or older
 * than one of them. Null when it is current. A journey that ran an old build would prove nothing
 * about the code in front of the reader.
 */
export function staleOutput(root: string, output: string, sources: readonly string[]): string | null {
  const out = statSync(join(root, output), { throwIfNoEntry: false });
  if (!out) return `${output} is missing: run "npx electron-vite build" (./oms test and ./oms start build before they run).`;
  for (const src of sources) {
    const n = newest(join(root, src));
    if (n && n.mtimeMs > out.mtimeMs) return `${output} is older than ${relative(root, n.file)}: run "npx electron-vite build" so the tests run what ships.`;
  }
  return null;
}
