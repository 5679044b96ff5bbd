import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src-sandbox/index.ts';
import { FIRST_START_CUSTOMERS, bundledSeedTemplate, outsideAsar, seedTemplateName, writeSeedTemplate } from '../../../src-sandbox/seed/seed-template.ts';

type Row = Record<string, unknown>;

/**
 * Every table of a store, row by row (the trigram index through its shadow tables), minus what
 * differs by design between two stores: credential salts and hashes, and when migrations ran.
 */
function dump(file: string): Record<string, Row[]> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Row[]).filter((t) => !String(t.sql).startsWith('CREATE VIRTUAL'));
    const out: Record<string, Row[]> = {};
    for (const { name } of tables) {
      const all = (db.prepare(`PRAGMA table_info("${String(name)}")`).all() as Row[]).map((c) => `"${String(c.name)}"`);
      const cols = name === 'credentials' ? ['api_key'] : name === 'schema_migrations' ? ['version', 'name'] : all;
      // Ordered by every column: equal tables list equal rows whatever their physical order.
      out[String(name)] = db.prepare(`SELECT ${cols.join(', ')} FROM "${String(name)}" ORDER BY ${cols.map((_, i) => i + 1).join(', ')}`).all() as Row[];
    }
    return out;
  } finally {
    db.close();
  }
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const appliedAt = (file: string) => {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db.prepare('SELECT applied_at FROM schema_migrations ORDER BY version').all();
  } finally {
    db.close();
  }
};

describe('seed template: a first start copies a store seeded at build time', () => {
  let tmp: string;
  let template: string;
  const creds = { apiKey: 'sk_sdbx_template_test', apiSecret: 'template-test-secret' };
  const start = async (dir: string, seedTemplate: string | null, logs: string[] = []) => {
    const sb = await startSandbox({ dataDir: join(tmp, dir), seed: FIRST_START_CUSTOMERS, seedTemplate, ...creds, logger: (l) => logs.push(l) });
    await sb.close();
    return join(tmp, dir, 'sandbox.db');
  };

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'oms-seed-template-'));
    template = join(tmp, seedTemplateName(FIRST_START_CUSTOMERS));
    writeSeedTemplate(template, FIRST_START_CUSTOMERS);
  }, 60_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('holds exactly the rows seeding writes, every table, and nothing that belongs to one install', async () => {
    const logs: string[] = [];
    const copied = await start('copied', template, logs);
    const seeded = await start('seeded', null);
    // Copied, not seeded again: the migrations carry the template's own timestamps.
    expect(appliedAt(copied)).toEqual(appliedAt(template));
    expect(logs).toContain(`store created from the seed template (${FIRST_START_CUSTOMERS} customers)`);
    const a = dump(copied);
    const b = dump(seeded);
    expect(a.customers).toHaveLength(FIRST_START_CUSTOMERS);
    expect(Object.keys(a)).toEqual(Object.keys(b));
    for (const table of Object.keys(b)) expect(a[table], table).toEqual(b[table]);
    // The template itself has no credentials, tokens or settings: the start adds this install's own.
    const t = dump(template);
    expect(t.credentials).toEqual([]);
    expect(t.meta).toEqual([]);
    expect(a.credentials).toEqual([{ api_key: creds.apiKey }]);
  });

  it('gives each data dir its own owner-only store; changes stay in it, and a later start keeps them', async () => {
    const before = sha(template);
    const one = await start('one', template);
    const two = await start('two', template);
    expect(statSync(one).mode & 0o777).toBe(0o600);
    expect(statSync(join(tmp, 'one')).mode & 0o777).toBe(0o700);
    const db = new DatabaseSync(one);
    db.exec("UPDATE customers SET status = 'inactive' WHERE seq = 1");
    db.close();
    const status = (file: string) => {
      const d = new DatabaseSync(file, { readOnly: true });
      try {
        return (d.prepare('SELECT status FROM customers WHERE seq = 1').get() as Row).status;
      } finally {
        d.close();
      }
    };
    const original = status(template);
    expect(status(two)).toBe(original);
    expect(sha(template)).toBe(before);
    // The store exists now: a start never copies over it.
    await start('one', template);
    expect(status(one)).toBe('inactive');
  });

  it('seeds as before where there is no template (runs from sources have none)', async () => {
    const logs: string[] = [];
    const file = await start('none', join(tmp, 'missing.db'), logs);
    expect(dump(file).customers).toHaveLength(FIRST_START_CUSTOMERS);
    expect(logs.some((l) => l.includes('seed template'))).toBe(false);
    expect(bundledSeedTemplate(FIRST_START_CUSTOMERS)).toBe(join(import.meta.dirname, '../../../src-sandbox/seed', seedTemplateName(FIRST_START_CUSTOMERS)));
    expect(() => seedTemplateName(0)).toThrow(/positive whole customer count/);
  });

  it('a packaged app looks for it outside the asar archive, where the packager unpacks it', () => {
    expect(bundledSeedTemplate(2000, '/opt/OMS Console/resources/app.asar/out/main')).toBe('/opt/OMS Console/resources/app.asar.unpacked/out/main/sandbox-seed-2000.db');
    expect(outsideAsar('C:\\Apps\\OMS\\resources\\app.asar\\out\\main')).toBe('C:\\Apps\\OMS\\resources\\app.asar.unpacked\\out\\main');
    // Only the archive's own directory name: a folder that merely starts with it is left alone.
    expect(outsideAsar('/home/me/app.asarx/out/main')).toBe('/home/me/app.asarx/out/main');
    expect(outsideAsar('/work/out/main')).toBe('/work/out/main');
  });
});
