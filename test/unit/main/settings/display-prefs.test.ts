import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsContract } from '#shared/ipc/settings.contract.ts';
import { DisplayPrefsRepo } from '../../../../src-main/services/settings/display-prefs.ts';
import { openDatabase } from '../../../../src-main/store/database.ts';
import { SettingsStore } from '../../../../src-main/store/settings-store.ts';

describe('display locale and UTC toggle, kept in the settings table', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'oms-display-'));
    dirs.push(dir);
    return join(dir, 'console.db');
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('follows the OS in local time until changed, and a change survives reopening the store', () => {
    const path = fresh();
    const db = openDatabase(path);
    const repo = new DisplayPrefsRepo(new SettingsStore(db));
    expect(repo.get()).toEqual({ locale: null, utc: false });
    expect(repo.set({ locale: 'de-DE' })).toEqual({ locale: 'de-DE', utc: false });
    expect(repo.set({ utc: true })).toEqual({ locale: 'de-DE', utc: true });
    db.close();
    const again = openDatabase(path);
    expect(new DisplayPrefsRepo(new SettingsStore(again)).get()).toEqual({ locale: 'de-DE', utc: true });
    expect(new DisplayPrefsRepo(new SettingsStore(again)).set({ locale: null })).toEqual({ locale: null, utc: true });
    again.close();
  });

  it('a hand-edited bad row reads as the default instead of breaking every screen', () => {
    const db = openDatabase(fresh());
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('display.format', '{\"locale\":\"not a locale!\",\"utc\":1}', 'now')").run();
    expect(new DisplayPrefsRepo(new SettingsStore(db)).get()).toEqual({ locale: null, utc: false });
    db.close();
  });

  it('the contract refuses a malformed locale with words, and takes null back to the OS', () => {
    const input = settingsContract.setDisplayPrefs.input;
    const bad = input.safeParse({ locale: 'english please' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('must be a locale tag like en-GB or de-DE');
    expect(input.safeParse({ locale: 'x'.repeat(40) }).error?.issues[0]?.message).toMatch(/at most 35/);
    expect(input.safeParse({ locale: null, utc: true }).success).toBe(true);
    expect(input.safeParse({ locale: 'pt-BR' }).success).toBe(true);
  });
});
