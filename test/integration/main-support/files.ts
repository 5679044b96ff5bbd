import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under dir (the store, its WAL, the sandbox's data), as bytes. */
export function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push({ path: p, bytes: readFileSync(p) });
  }
  return out;
}

/** Paths of files under dir that contain needle (as UTF-8 bytes). */
export function filesContaining(dir: string, needle: string): string[] {
  return filesUnder(dir)
    .filter((f) => f.bytes.includes(Buffer.from(needle, 'utf8')))
    .map((f) => f.path);
}
