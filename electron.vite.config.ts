import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { findWorkerEntries } from './src-main/lib/worker-entry.ts';
import { FIRST_START_CUSTOMERS, seedTemplateName, writeSeedTemplate } from './src-sandbox/seed/seed-template.ts';

const root = import.meta.dirname;
const alias = { '#shared': resolve(root, 'src-shared') };
// Where the build goes: out/ (what start, test and dist use); a test builds into a temp dir instead.
const outBase = process.env.OMS_BUILD_OUT_DIR ? resolve(process.env.OMS_BUILD_OUT_DIR) : resolve(root, 'out');

/**
 * Main's entries: Electron's, browser mode's, and one per worker thread main starts, named as
 * its `workerEntry('<bundleName>', '<source>')` call says (→ `out/main/<bundleName>.js`).
 */
function mainInputs(): Record<string, string> {
  const inputs: Record<string, string> = {
    index: resolve(root, 'src-main/index.ts'),
    'browser-main': resolve(root, 'src-main/browser-main.ts'),
  };
  for (const w of findWorkerEntries(root)) inputs[w.bundleName] = resolve(root, w.sourcePath);
  return inputs;
}

/**
 * Writes the local sandbox's first-start store beside main's bundle once it is built: a first
 * start copies it instead of seeding (src-sandbox/seed/seed-template.ts says why).
 */
function seedTemplate(outDir: string): Plugin {
  return {
    name: 'oms-sandbox-seed-template',
    apply: 'build',
    closeBundle() {
      writeSeedTemplate(resolve(outDir, seedTemplateName(FIRST_START_CUSTOMERS)), FIRST_START_CUSTOMERS);
    },
  };
}

export default defineConfig({
  main: {
    resolve: { alias },
    plugins: [seedTemplate(resolve(outBase, 'main'))],
    build: {
      outDir: resolve(outBase, 'main'),
      // Only `dependencies` stay external (keytar is native; electron-updater loads lazily); zod, ws and
      // eventsource-parser are devDependencies, so they are bundled: resolving and linking zod's ~90
      // files at every start cost more than parsing them inlined.
      rollupOptions: {
        input: mainInputs(),
        // Shared chunks sit beside the entries (not in chunks/): workerEntry resolves
        // `./<bundleName>.js` from whichever file it ends up in.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: resolve(outBase, 'preload'),
      // A sandboxed preload can only require('electron'): bundle everything else into one CJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'src-preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    resolve: { alias },
    plugins: [react()],
    base: './',
    build: {
      outDir: resolve(outBase, 'renderer'),
      emptyOutDir: true,
      // Minified: the page parses and runs a third of the bytes before its first screen.
      minify: true,
      rollupOptions: { input: { index: resolve(root, 'src-renderer/index.html') } },
    },
  },
});
