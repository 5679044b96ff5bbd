import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { build as bundle, type Plugin as BundlePlugin } from 'rolldown';
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

const firstScreenDir = resolve(root, 'src-renderer/src/first-screen');
// The bundler cannot take stylesheets; the markup render needs none (Vite bundles them for the page).
const noCss: BundlePlugin = { name: 'no-css', resolveId: (id) => (id.endsWith('.css') ? '\0no-css' : null), load: (id) => (id === '\0no-css' ? '' : null) };

/**
 * The customer list's first render as HTML, from the components React mounts (first-screen-markup.tsx),
 * rendered in Node with the little of `window` the shell reads while rendering.
 */
async function renderFirstScreenMarkup(): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'oms-first-screen-'));
  const g = globalThis as Record<string, unknown>;
  const saved = { window: g.window, localStorage: g.localStorage };
  try {
    const out = await bundle({
      input: resolve(firstScreenDir, 'first-screen-markup.tsx'),
      platform: 'node',
      resolve: { alias },
      plugins: [noCss],
      transform: { jsx: 'react-jsx', define: { 'process.env.NODE_ENV': '"production"' } },
      output: { format: 'esm', codeSplitting: false },
      write: false,
    });
    const file = join(dir, 'first-screen-markup.mjs');
    writeFileSync(file, out.output[0].code);
    let collapsed = false;
    g.window = { location: { hash: '#/customers', origin: 'http://127.0.0.1' }, history: { state: null, replaceState: () => {} }, addEventListener: () => {}, removeEventListener: () => {}, innerWidth: 1280 };
    g.localStorage = { getItem: () => (collapsed ? 'collapsed' : 'expanded'), setItem: () => {} };
    const mod = (await import(pathToFileURL(file).href)) as { renderFirstScreen(set: (c: boolean) => void): unknown };
    return mod.renderFirstScreen((c) => (collapsed = c));
  } finally {
    g.window = saved.window;
    g.localStorage = saved.localStorage;
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The first screen's early script (src-renderer/src/first-screen/first-screen.ts): its own small
 * classic script, with the rendered markup built in, loaded from the head before the app's module.
 */
function firstScreen(): Plugin {
  let fileName = '';
  let code = '';
  return {
    name: 'oms-first-screen',
    apply: 'build',
    async buildStart() {
      const markup = JSON.stringify(await renderFirstScreenMarkup());
      const virtual: BundlePlugin = {
        name: 'first-screen-markup',
        resolveId: (id) => (id === 'virtual:first-screen-markup' ? '\0first-screen-markup' : null),
        load: (id) => (id === '\0first-screen-markup' ? `export default ${markup};` : null),
      };
      const out = await bundle({
        input: resolve(firstScreenDir, 'first-screen.ts'),
        platform: 'browser',
        resolve: { alias },
        plugins: [virtual],
        output: { format: 'iife', minify: true },
        write: false,
      });
      code = out.output[0].code;
      fileName = `assets/first-screen-${createHash('sha256').update(code).digest('hex').slice(0, 8)}.js`;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: code });
    },
    transformIndexHtml: () => [{ tag: 'script', attrs: { src: `./${fileName}`, defer: true }, injectTo: 'head-prepend' }],
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
    plugins: [react(), firstScreen()],
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
