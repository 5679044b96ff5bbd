import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { securePrivateDir } from '../../../../src-main/lib/private-files.ts';
import { openDatabase } from '../../../../src-main/store/database.ts';
import { openDb } from '../../../../src-sandbox/store/db.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

/** The data folder holds emails, phones and the local webhook secret: no other local user may read it. */
describe('data folder: owner only', () => {
  let root: string;
  let umask: number;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'oms-perm-'));
    // The usual desktop umask, so a store created with default modes would be world-readable.
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('a fresh folder is 0700 and console.db with its -wal and -shm are 0600', () => {
    const dir = join(root, 'fresh', 'oms-console');
    const db = openDatabase(join(dir, 'console.db'));
    db.exec("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('probe', '1', 'now')");
    expect(mode(dir)).toBe(0o700);
    for (const f of ['console.db', 'console.db-wal', 'console.db-shm']) expect(mode(join(dir, f)), f).toBe(0o600);
    db.close();
  });

  it('the sandbox store, fresh, is 0700 / 0600 too', () => {
    const dir = join(root, 'data', 'sandbox');
    const db = openDb(dir);
    expect(mode(dir)).toBe(0o700);
    for (const f of ['sandbox.db', 'sandbox.db-wal', 'sandbox.db-shm']) expect(mode(join(dir, f)), f).toBe(0o600);
    db.close();
  });

  it('an existing open folder is tightened at start, the console files only', () => {
    const dir = join(root, 'old');
    openDatabase(join(dir, 'console.db')).close();
    openDb(join(dir, 'sandbox')).close();
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, 'logs', 'main.log'), 'a line\n');
    writeFileSync(join(dir, 'notes.txt'), 'not ours\n');
    for (const d of [dir, join(dir, 'sandbox'), join(dir, 'logs')]) chmodSync(d, 0o755);
    for (const f of ['console.db', 'sandbox/sandbox.db', 'logs/main.log', 'notes.txt']) chmodSync(join(dir, f), 0o644);

    openDatabase(join(dir, 'console.db')).close();

    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'sandbox'))).toBe(0o700);
    expect(mode(join(dir, 'console.db'))).toBe(0o600);
    expect(mode(join(dir, 'sandbox', 'sandbox.db'))).toBe(0o600);
    expect(mode(join(dir, 'logs', 'main.log'))).toBe(0o600);
    // A --data-dir pointed at a folder with other things in it: those keep their modes.
    expect(mode(join(dir, 'notes.txt'))).toBe(0o644);
  });

  it('a logs folder is tightened on its own', () => {
    const dir = join(root, 'logs');
    mkdirSync(dir, { mode: 0o755 });
    writeFileSync(join(dir, 'main.1.log'), 'old line\n', { mode: 0o644 });
    securePrivateDir(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'main.1.log'))).toBe(0o600);
  });
});
