import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import config from '../../../../electron-builder.config.ts';
import { APP_ID, appUserModelId } from '../../../../src-main/desktop/app-identity.ts';
import { openFileLog, type FileLog } from '../../../../src-main/desktop/file-log.ts';
import { createRendererRecovery } from '../../../../src-main/desktop/renderer-recovery.ts';
import { FakeRecoveryDialog, FakeReloadableWindow } from './fakes.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The real main.log, so what is asserted is what lands on disk after the scrubber. */
function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'oms-recovery-'));
  dirs.push(dir);
  const file: FileLog = openFileLog({ dir, now: () => new Date('2026-12-07T10:00:00.000Z') });
  const win = new FakeReloadableWindow();
  const dialog = new FakeRecoveryDialog();
  const recovery = createRendererRecovery(win, { log: (l) => file.write(l, 'error'), dialog });
  const logged = () => readFileSync(file.path, 'utf8');
  return { win, dialog, recovery, logged };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('a crashed or hung window', () => {
  it('a crashed renderer is logged and the operator is offered a reload, which reloads', async () => {
    const { win, dialog, recovery, logged } = setUp();
    const done = recovery.gone({ reason: 'crashed', exitCode: 139 });
    await settle();
    expect(logged()).toContain('error renderer gone: crashed (exit 139)');
    expect(dialog.asked).toHaveLength(1);
    expect(dialog.asked[0]).toMatchObject({ message: 'The console window stopped working.', buttons: ['Reload', 'Not now'] });
    dialog.asked[0]!.answer(0);
    await done;
    expect(win.reloads).toBe(1);
    expect(logged()).toContain('window reloaded by the operator after renderer crashed');
  });

  it('"Not now" leaves the window alone; a clean exit is no crash at all', async () => {
    const { win, dialog, recovery, logged } = setUp();
    await recovery.gone({ reason: 'clean-exit', exitCode: 0 });
    expect(dialog.asked).toHaveLength(0);
    const done = recovery.gone({ reason: 'oom', exitCode: -1 });
    await settle();
    dialog.asked[0]!.answer(1);
    await done;
    expect(win.reloads).toBe(0);
    expect(logged()).not.toContain('clean-exit');
  });

  it('an unresponsive window is asked about once, and the question is withdrawn when it recovers', async () => {
    const { win, dialog, recovery, logged } = setUp();
    const done = recovery.unresponsive();
    void recovery.unresponsive();
    await settle();
    expect(dialog.asked).toHaveLength(1);
    expect(dialog.asked[0]!.buttons).toEqual(['Reload', 'Keep waiting']);
    recovery.responsive();
    await done;
    expect(dialog.asked[0]!.signal.aborted).toBe(true);
    expect(win.reloads).toBe(0);
    expect(logged()).toMatch(/window not responding\n.*window responding again\n$/);
  });

  it('a reload chosen after the window was closed does nothing', async () => {
    const { win, dialog, recovery } = setUp();
    const done = recovery.unresponsive();
    await settle();
    win.destroyed = true;
    dialog.asked[0]!.answer(0);
    await done;
    expect(win.reloads).toBe(0);
  });
});

describe('Windows attribution', () => {
  it("sets the AppUserModelID to the installer's appId on Windows only", () => {
    expect(APP_ID).toBe(config.appId);
    expect(appUserModelId('win32')).toBe(config.appId);
    expect(appUserModelId('linux')).toBeNull();
    expect(appUserModelId('darwin')).toBeNull();
  });
});
