/**
 * Where a worker thread's code lives. Run from sources (`node src-main/browser-main.ts`, Vitest),
 * a worker loads its `.ts` file directly (Node strips the types); run bundled (Electron's
 * `out/main`, or browser mode from the same bundle), each worker is its own entry beside main's
 * bundle, `out/main/<bundleName>.js`, which the electron-vite config lists as an input.
 */
export function workerEntry(bundleName: string, sourcePath: string): URL {
  if (import.meta.url.endsWith('.ts')) return new URL(`../../${sourcePath}`, import.meta.url);
  return new URL(`./${bundleName}.js`, import.meta.url);
}
