import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { UPDATE_CHECK_AT_START_KEY } from '../../../../src-main/desktop/updater-policy.ts';
import { DesktopPrefsRepo } from '../../../../src-main/services/settings/desktop-prefs.ts';
import { openDatabase } from '../../../../src-main/store/database.ts';
import { SettingsStore } from '../../../../src-main/store/settings-store.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('Settings → Desktop → check for updates at start', () => {
  it('is on by default, and turning it off writes the row main reads at start (real SQLite)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oms-update-setting-'));
    const db = openDatabase(join(dir, 'console.db'));
    cleanups.push(() => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const store = new SettingsStore(db);
    const changed: unknown[] = [];
    const repo = new DesktopPrefsRepo(store, (p) => changed.push(p));
    // What src-main/index.ts reads for the quiet check.
    const mainReads = () => store.get(UPDATE_CHECK_AT_START_KEY, z.boolean(), true);
    expect(repo.get().updates).toEqual({ checkAtStart: true });
    expect(mainReads()).toBe(true);

    const next = repo.set({ updates: { checkAtStart: false } });
    expect(next).toMatchObject({ updates: { checkAtStart: false }, theme: 'system' });
    expect(mainReads()).toBe(false);
    // Other preferences leave it as it is.
    repo.set({ theme: 'dark' });
    expect(repo.get().updates.checkAtStart).toBe(false);
    expect(changed).toHaveLength(2);
  });
});
