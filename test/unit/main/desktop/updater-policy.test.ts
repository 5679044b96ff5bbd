import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changesOms, createInFlightChanges } from '../../../../src-main/desktop/in-flight-changes.ts';
import { createUpdateController, type UpdaterPort } from '../../../../src-main/desktop/updater-policy.ts';
import { FakeUpdateDialog } from './fakes.ts';

/** A feed with `latest` on it (null: nothing newer); counts what the controller asked of it. */
function fakeUpdater(latest: string | null, opts: { failCheck?: string } = {}) {
  const calls: string[] = [];
  const port: UpdaterPort = {
    check: async () => {
      calls.push('check');
      if (opts.failCheck) throw new Error(opts.failCheck);
      return latest ? { version: latest } : null;
    },
    download: async () => void calls.push('download'),
    install: () => void calls.push('install'),
  };
  return { port, calls };
}

function setUp(latest: string | null, over: { unavailable?: string; checkAtStart?: boolean; failCheck?: string } = {}) {
  const { port, calls } = fakeUpdater(latest, over);
  const dialog = new FakeUpdateDialog();
  const changes = createInFlightChanges();
  const lines: string[] = [];
  const c = createUpdateController({
    updater: port,
    dialog,
    changes,
    log: (l) => lines.push(l),
    currentVersion: '0.1.0',
    unavailable: over.unavailable ?? null,
    checkAtStart: () => over.checkAtStart ?? true,
  });
  return { c, calls, dialog, changes, lines };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('update policy', () => {
  it('the quiet check at start says nothing when there is nothing to say, and is off when the setting is', async () => {
    const upToDate = setUp(null);
    await upToDate.c.atStart();
    expect(upToDate.calls).toEqual(['check']);
    expect(upToDate.dialog.told).toEqual([]);
    const failing = setUp(null, { failCheck: 'net::ERR_NAME_NOT_RESOLVED' });
    await failing.c.atStart();
    expect(failing.dialog.told).toEqual([]);
    expect(failing.lines).toContain('update check failed: net::ERR_NAME_NOT_RESOLVED');
    const off = setUp('0.2.0', { checkAtStart: false });
    await off.c.atStart();
    expect(off.calls).toEqual([]);
    expect(off.lines).toEqual(['update check at start is off (Settings → Desktop)']);
  });

  it('Help → Check for Updates says what it found', async () => {
    const s = setUp(null);
    await s.c.checkNow();
    expect(s.dialog.told).toEqual([{ message: 'OMS Console 0.1.0 is up to date.', detail: '' }]);
    const f = setUp(null, { failCheck: 'HttpError: 404' });
    await f.c.checkNow();
    expect(f.dialog.told).toEqual([{ message: 'Could not check for updates.', detail: 'HttpError: 404' }]);
  });

  it('never checks where updates cannot work (browser mode, a console that is not installed)', async () => {
    const s = setUp('0.2.0', { unavailable: 'this console runs in browser mode' });
    await s.c.atStart();
    await s.c.checkNow();
    expect(s.calls).toEqual([]);
    expect(s.dialog.told).toEqual([{ message: 'Updates are not available here.', detail: 'this console runs in browser mode' }]);
  });

  it('offers "Restart to update" only once no change to OMS is in flight', async () => {
    const s = setUp('0.2.0');
    let finish!: () => void;
    const change = s.changes.track(() => new Promise<void>((r) => (finish = r)));
    const done = s.c.atStart();
    await tick();
    expect(s.calls).toEqual(['check', 'download']);
    expect(s.c.state).toBe('ready');
    expect(s.dialog.offers).toEqual([]);
    expect(s.lines.join('\n')).toMatch(/restart offer waits for 1 change\(s\) to OMS in flight/);
    finish();
    await change;
    await done;
    expect(s.dialog.offers).toEqual(['0.2.0']);
    expect(s.calls).toEqual(['check', 'download', 'install']);
  });

  it('a restart accepted just as a change starts waits for that change; "Later" installs nothing now', async () => {
    const s = setUp('0.2.0');
    s.dialog.restart = null;
    const done = s.c.checkNow();
    await tick();
    expect(s.dialog.offers).toEqual(['0.2.0']);
    let finish!: () => void;
    const change = s.changes.track(() => new Promise<void>((r) => (finish = r)));
    s.dialog.answer(true);
    await tick();
    expect(s.calls).not.toContain('install');
    finish();
    await change;
    await done;
    expect(s.calls.filter((c) => c === 'install')).toHaveLength(1);

    const later = setUp('0.2.0');
    later.dialog.restart = false;
    await later.c.atStart();
    expect(later.calls).toEqual(['check', 'download']);
    expect(later.lines).toContain('update 0.2.0 will install when the console quits');
    // Asked again from the menu: no second download, the offer again.
    await later.c.checkNow();
    expect(later.calls).toEqual(['check', 'download']);
    expect(later.dialog.offers).toEqual(['0.2.0', '0.2.0']);
  });

  it('counts changes to OMS, not reads or local settings, and a failed change still ends', async () => {
    expect(changesOms('customers.create')).toBe(true);
    expect(changesOms('customers.search')).toBe(false);
    expect(changesOms('settings.setDesktopPrefs')).toBe(false);
    expect(changesOms('no.such')).toBe(false);
    const changes = createInFlightChanges();
    await expect(changes.track(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(changes.count()).toBe(0);
    await expect(changes.whenIdle()).resolves.toBeUndefined();
  });
});

describe('browser mode never meets the updater', () => {
  it('only the Electron entry reaches electron-updater, through its one adapter', () => {
    const root = resolve(import.meta.dirname, '..', '..', '..', '..');
    const files = (readdirSync(join(root, 'src-main'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(root, 'src-main', f));
    const importing = (what: RegExp) => files.filter((f) => what.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
    expect(importing(/from 'electron-updater'/)).toEqual(['src-main/app/electron-updater.ts']);
    expect(importing(/from '\.\/app\/electron-updater\.ts'|from '\.\.\/app\/electron-updater\.ts'/)).toEqual(['src-main/index.ts']);
  });
});
