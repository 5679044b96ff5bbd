import { _electron as electron, expect, test } from '@playwright/test';
import { resolve } from 'node:path';
// @ts-expect-error plain ESM helper shared with the start script
import { findElectronBinary } from '../../../scripts/electron-runtime.mjs';

const runtime = findElectronBinary() as { path: string | null; reason?: string };
const root = resolve(import.meta.dirname, '..', '..', '..');

test.describe('Electron smoke', () => {
  test.skip(runtime.path === null, `SKIPPED: no Electron runtime here — ${runtime.reason}. Runs wherever one is installed.`);

  test('the hardened window opens, shows the shell and exposes only window.oms', async () => {
    const app = await electron.launch({ executablePath: runtime.path!, args: [resolve(root, 'out/main/index.js')], cwd: root });
    try {
      const win = await app.firstWindow();
      await expect(win.getByRole('navigation', { name: 'Main' })).toBeVisible();
      expect(win.url()).toMatch(/^app:\/\/console\//);
      const globals = await win.evaluate(() => ({ oms: typeof (window as { oms?: unknown }).oms, require: typeof (window as { require?: unknown }).require, process: typeof (window as { process?: unknown }).process }));
      expect(globals).toEqual({ oms: 'object', require: 'undefined', process: 'undefined' });
    } finally {
      await app.close();
    }
  });
});
