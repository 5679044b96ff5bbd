import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { threadId, type Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../src-main/secrets/memory-secret-store.ts';
import { SecretVault } from '../../src-main/secrets/secret-vault.ts';
import { LocalSandbox, SandboxStartError, type LocalSandboxOptions } from '../../src-main/services/sandbox/local-sandbox.ts';
import { control } from './main-support/sandbox.ts';

/** The `local` profile's sandbox runs in a worker thread: main keeps its event loop while it works. */
describe('local sandbox in a worker thread', () => {
  let dataDir: string;
  let vault: SecretVault;
  let logs: string[];
  let workers: Worker[];
  let local: LocalSandbox;
  const open = (options: LocalSandboxOptions = {}) =>
    new LocalSandbox({ dataDir, vault, options: { seed: 10, rateLimitPerSec: 10_000, onWorker: (w) => workers.push(w), ...options }, log: (l) => logs.push(l) });

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'oms-local-worker-'));
    vault = new SecretVault(new MemorySecretStore('memory'));
    await vault.probe();
    logs = [];
    workers = [];
    local = open();
  });
  afterEach(async () => {
    await local.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const customerCount = async (origin: string) => ((await control({ origin } as never).call('GET', '/stats')) as { customers: number }).customers;

  it('serves from a thread other than main, and forwards its log lines to main', async () => {
    const h = await local.ensure();
    expect(h.threadId).toBeGreaterThan(0);
    expect(h.threadId).not.toBe(threadId);
    expect(h.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await customerCount(h.origin)).toBe(10);
    expect(logs).toContain(`[sandbox] sandbox listening on ${h.baseUrl}`);
    expect(logs).toContain(`local sandbox listening at ${h.origin} (first start: seeded)`);
  });

  it('keeps main running while the sandbox is inside a long synchronous transaction', async () => {
    const h = await local.ensure();
    // Seeding 5,000 runs in one synchronous SQLite transaction on the sandbox's thread.
    let answered = false;
    const seeding = control(h).call('POST', '/seed', { count: 5_000, seed: 9 }).finally(() => (answered = true));
    // A second connection from main: BEGIN IMMEDIATE fails with "locked" exactly while that
    // transaction is open. Had the sandbox run on main's thread, this loop could never run then.
    const probe = new DatabaseSync(join(dataDir, 'sandbox', 'sandbox.db'), { timeout: 0 });
    let sawLockedFromMain = false;
    let immediateWhileLocked = false;
    try {
      while (!answered && !sawLockedFromMain) {
        try {
          probe.exec('BEGIN IMMEDIATE');
          probe.exec('ROLLBACK');
        } catch (e) {
          expect(String(e)).toMatch(/locked|busy/i);
          sawLockedFromMain = true;
          // And main's own event loop turns while the sandbox is still busy.
          await new Promise((r) => setImmediate(r));
          immediateWhileLocked = !answered;
        }
        await new Promise((r) => setTimeout(r, 1));
      }
    } finally {
      probe.close();
    }
    expect(await seeding).toEqual({ created: 5_000 });
    expect(sawLockedFromMain).toBe(true);
    expect(immediateWhileLocked).toBe(true);
    expect(await customerCount(h.origin)).toBe(5_010);
  });

  it('stop() closes the store and ends the thread; ensure() then starts again on the same port, data kept, not re-seeded', async () => {
    const first = await local.ensure();
    await control(first).call('POST', '/seed', { count: 5 });
    expect(workers).toHaveLength(1);
    const exited = new Promise<number>((r) => workers[0]!.once('exit', r));
    await local.stop();
    expect(local.handle).toBeNull();
    // stop() resolved after the thread exited, so its exit code is already there.
    expect(await Promise.race([exited, Promise.resolve('still running')])).toBe(0);
    await expect(fetch(`${first.origin}/_sandbox/stats`)).rejects.toThrow();
    // The store was closed cleanly: main can open it and read what the sandbox wrote.
    const db = new DatabaseSync(join(dataDir, 'sandbox', 'sandbox.db'), { readOnly: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM customers').get() as { n: number }).n).toBe(15);
    db.close();

    const second = await local.ensure();
    expect(workers).toHaveLength(2);
    expect(second.threadId).not.toBe(first.threadId);
    expect(second.origin).toBe(first.origin);
    expect(await customerCount(second.origin)).toBe(15);
    expect(logs.filter((l) => l.includes('(first start: seeded)'))).toHaveLength(1);

    // A call that arrives while the sandbox is closing waits for the old thread to let go of the port and store.
    const [, third] = await Promise.all([local.stop(), local.ensure()]);
    expect(workers).toHaveLength(3);
    expect(third.origin).toBe(first.origin);
    expect(await customerCount(third.origin)).toBe(15);
    expect(logs.filter((l) => l.includes('is taken now'))).toEqual([]);
  });

  it('a sandbox thread that dies is started again by the next call, with one plain log line', async () => {
    const first = await local.ensure();
    const exited = new Promise((r) => workers[0]!.once('exit', r));
    await workers[0]!.terminate(); // as abrupt as a crash: no close handshake, exit code 1
    await exited;
    expect(local.handle).toBeNull();
    expect(logs.filter((l) => l.includes('stopped unexpectedly'))).toEqual(['local sandbox stopped unexpectedly (worker exit code 1); the next OMS call starts it again']);

    const again = await local.ensure();
    expect(again.threadId).not.toBe(first.threadId);
    expect(await customerCount(again.origin)).toBe(10);
    const token = await fetch(`${again.baseUrl}/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(await local.credentials()) });
    expect(token.status).toBe(200);
    // Credentials cross to the thread as worker data only; no log line carries them.
    const { apiKey, apiSecret } = await local.credentials();
    expect(logs.join('\n')).not.toContain(apiKey);
    expect(logs.join('\n')).not.toContain(apiSecret);
  });

  it('a start that fails says why, promptly, and the next call can start it', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'oms-local-worker-other-'));
    const other = new LocalSandbox({ dataDir: otherDir, vault, options: { seed: 1 }, log: () => {} });
    try {
      const taken = (await other.ensure()).port;
      local = open({ port: taken });
      const failed = await local.ensure().catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(SandboxStartError);
      expect((failed as SandboxStartError).code).toBe('EADDRINUSE');
      expect((failed as Error).message).toContain(String(taken));
      expect(local.handle).toBeNull();
      await other.stop();
      expect((await local.ensure()).port).toBe(taken);
    } finally {
      await other.stop();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('a store that is not a database stops the start in SQLite\'s words, and is left as it was', async () => {
    const store = join(dataDir, 'sandbox', 'sandbox.db');
    mkdirSync(join(dataDir, 'sandbox'), { recursive: true });
    const garbage = Buffer.from('this is not an SQLite file, but it is somebody\'s data\n'.repeat(200));
    writeFileSync(store, garbage);
    const failed = await local.ensure().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(SandboxStartError);
    expect((failed as Error).message).toMatch(/not a database/);
    expect(local.handle).toBeNull();
    expect(readFileSync(store).equals(garbage)).toBe(true);
    expect(logs.some((l) => l.includes('listening'))).toBe(false);
  });
});
