import { existsSync, globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a worker thread's code lives. Run from sources (`node src-main/browser-main.ts`, Vitest),
 * a worker loads its `.ts` file directly (Node strips the types); run bundled (Electron's
 * `out/main`, or browser mode from the same bundle), each worker is its own entry beside main's
 * bundle, `out/main/<bundleName>.js`. The build finds every call (`findWorkerEntries`), makes
 * each an entry and keeps shared chunks at the top of out/main, so `./<bundleName>.js` resolves
 * from whichever chunk this function ends up in. Call it with two string literals: the build
 * reads them from the source.
 */
export function workerEntry(bundleName: string, sourcePath: string): URL {
  if (import.meta.url.endsWith('.ts')) return new URL(`../../${sourcePath}`, import.meta.url);
  return new URL(`./${bundleName}.js`, import.meta.url);
}

export interface WorkerEntryCall {
  /** The file that calls workerEntry, relative to the project root. */
  caller: string;
  bundleName: string;
  sourcePath: string;
}

const CALL = /workerEntry\(\s*'([^']*)'\s*,\s*'([^']*)'\s*\)/g;
const BUNDLE_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Every `workerEntry('name', 'src-main/….worker.ts')` call under src-main: the build's worker
 * inputs. A call whose worker file does not exist is an error: skipped, a typo in the path would
 * build cleanly and fail only when the bundle starts the thread. So is a name that is not a plain
 * kebab-case file name.
 */
export function findWorkerEntries(root: string): WorkerEntryCall[] {
  const found: WorkerEntryCall[] = [];
  for (const caller of globSync('src-main/**/*.ts', { cwd: root })) {
    if (caller.endsWith('lib/worker-entry.ts')) continue;
    for (const m of readFileSync(join(root, caller), 'utf8').matchAll(CALL)) {
      const [, bundleName = '', sourcePath = ''] = m;
      if (!BUNDLE_NAME.test(bundleName) || bundleName === 'index' || bundleName === 'browser-main') throw new Error(`${caller}: workerEntry's bundle name must be a kebab-case file name other than index and browser-main, not "${bundleName}"`);
      if (!existsSync(join(root, sourcePath))) throw new Error(`${caller}: workerEntry('${bundleName}', …) names ${sourcePath}, which does not exist`);
      found.push({ caller, bundleName, sourcePath });
    }
  }
  const byName = new Map<string, string>();
  for (const f of found) {
    const other = byName.get(f.bundleName);
    if (other !== undefined && other !== f.sourcePath) throw new Error(`workerEntry bundle "${f.bundleName}" is used for both ${other} and ${f.sourcePath}`);
    byName.set(f.bundleName, f.sourcePath);
  }
  return found;
}
