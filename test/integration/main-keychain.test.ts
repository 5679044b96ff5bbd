import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleApp } from '../../src-main/app/composition.ts';
import { fingerprint } from '../../src-main/secrets/credentials.ts';
import { KEYCHAIN_UNAVAILABLE_MESSAGE, KeytarSecretStore, probeKeychain } from '../../src-main/secrets/keytar-secret-store.ts';
import { omsOf, unwrap } from './main-support/console.ts';
import { filesContaining } from './main-support/files.ts';

// A service name of its own, so a developer's real `oms-console` entries are never touched.
const SERVICE = `oms-console-test-${process.pid}`;
const caller = { transport: 'test' as const, origin: 'test' };
// gnome-keyring may still be creating its collection when the suite starts: give it a moment.
async function probeSettled() {
  let p = await probeKeychain(new KeytarSecretStore({ service: SERVICE, timeoutMs: 3000 }));
  for (let i = 0; i < 10 && !p.available && process.env.DBUS_SESSION_BUS_ADDRESS; i++) {
    await new Promise((r) => setTimeout(r, 200));
    p = await probeKeychain(new KeytarSecretStore({ service: SERVICE, timeoutMs: 3000 }));
  }
  return p;
}
const probe = await probeSettled();
const missing = probe.available ? null : (probe.reason ?? 'no Secret Service');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'oms-main-keychain-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

if (missing && process.env.CI) {
  describe('keychain (real Secret Service)', () => {
    it('has a Secret Service to test against', () => {
      throw new Error(`CI must run this suite under dbus-run-session with gnome-keyring unlocked: ${missing}`);
    });
  });
}

describe.skipIf(missing !== null)(`keychain (real Secret Service)${missing ? ` — skipped locally: ${missing}` : ''}`, () => {
  const open = (dataDir: string) =>
    createConsole({ transport: 'browser', dataDir, version: 'test', secretStore: new KeytarSecretStore({ service: SERVICE }), sandbox: { seed: 5, reviewDelayMs: 0 }, webhookPort: 0 });
  const stored = (account: string) => keytar.getPassword(SERVICE, account);

  it('stores, reads, rotates and deletes a profile credential in the Secret Service; none of it on disk', async () => {
    const dataDir = tempDir();
    const app = await open(dataDir);
    try {
      const first = { apiKey: 'sk_sdbx_keychain_first_0001', apiSecret: 'keychain-secret-first-0001' };
      const set = await app.dispatch('settings.setCredentials', { profileId: 'oms-sandbox', ...first }, caller);
      expect(set).toEqual({ ok: true, data: { configured: true, fingerprint: fingerprint(first.apiKey), storage: 'keychain' } });
      expect(await stored('oms-sandbox/apiKey')).toBe(first.apiKey);
      expect(await stored('oms-sandbox/apiSecret')).toBe(first.apiSecret);

      const rotated = { apiKey: 'sk_sdbx_keychain_rotated_02', apiSecret: 'keychain-secret-rotated-02' };
      const rot = await app.dispatch('settings.setCredentials', { profileId: 'oms-sandbox', ...rotated }, caller);
      expect(rot.ok && (rot.data as { fingerprint: string }).fingerprint).toBe(fingerprint(rotated.apiKey));
      expect(await stored('oms-sandbox/apiKey')).toBe(rotated.apiKey);
      const listed = unwrap(await omsOf(app).settings.listProfiles({}));
      expect(listed.find((p) => p.id === 'oms-sandbox')?.credentials.fingerprint).toBe(fingerprint(rotated.apiKey));

      const cleared = await app.dispatch('settings.clearCredentials', { profileId: 'oms-sandbox' }, caller);
      expect(cleared).toEqual({ ok: true, data: { configured: false, fingerprint: null, storage: null } });
      expect(await stored('oms-sandbox/apiKey')).toBeNull();
      expect(await stored('oms-sandbox/apiSecret')).toBeNull();
      await app.close();
      for (const s of [first.apiKey, first.apiSecret, rotated.apiKey, rotated.apiSecret]) expect(filesContaining(dataDir, s)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('keeps the local profile credentials in the keychain and reuses them on the next start', async () => {
    const dataDir = tempDir();
    const a = await open(dataDir);
    const search1 = await a.dispatch('customers.search', { limit: 1 }, caller);
    expect(search1.ok).toBe(true);
    const info = unwrap(await omsOf(a).app.info({}));
    expect(info.secretStorage).toBe('keychain');
    const key = await stored('local/apiKey');
    const secret = await stored('local/apiSecret');
    expect(key).toMatch(/^sk_sdbx_[0-9a-f]{32}$/);
    await a.close();

    const b = await open(dataDir);
    try {
      expect((await b.dispatch('customers.search', { limit: 1 }, caller)).ok).toBe(true);
      expect(await stored('local/apiKey')).toBe(key);
      // The sandbox keeps only a hash of the secret; the console keeps it nowhere on disk.
      expect(filesContaining(dataDir, secret!)).toEqual([]);
    } finally {
      await b.close();
      await keytar.deletePassword(SERVICE, 'local/apiKey');
      await keytar.deletePassword(SERVICE, 'local/apiSecret');
    }
  });

  it('keeps a webhook secret under <profile>/webhook/<id>, listable by prefix, and forgets it on delete', async () => {
    const dataDir = tempDir();
    const app: ConsoleApp = await open(dataDir);
    try {
      const created = unwrap(await omsOf(app).webhooks.create({ url: 'http://127.0.0.1:9/hook', events: [] }));
      const id = created.id;
      const secret = await stored(`local/webhook/${id}`);
      expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
      expect(created.secretFingerprint).toBe(fingerprint(secret!));
      // (The console's own listener registration keeps a second one beside it.)
      expect(await app.services.secrets.list('local/webhook/')).toContain(`local/webhook/${id}`);
      expect((await app.dispatch('webhooks.delete', { webhookId: id }, caller)).ok).toBe(true);
      expect(await stored(`local/webhook/${id}`)).toBeNull();
    } finally {
      await app.close();
      for (const c of await keytar.findCredentials(SERVICE)) await keytar.deletePassword(SERVICE, c.account);
    }
  });

  it('lists accounts while other callers create and delete items, without failing (or crashing)', async () => {
    // keytar's findCredentials enumerates items; one deleted mid-enumeration (a keychain probe,
    // another console) made it throw "No such secret item" or kill the process with SIGSEGV.
    const store = new KeytarSecretStore({ service: SERVICE });
    try {
      await store.set('race/webhook/whk_kept', 'whsec_kept');
      const churn = async (i: number) => {
        await keytar.setPassword(SERVICE, `__probe__/${i}`, 'probe');
        await keytar.deletePassword(SERVICE, `__probe__/${i}`);
      };
      for (let round = 0; round < 30; round++) {
        const [, listed] = await Promise.all([churn(round * 2), store.list('race/'), churn(round * 2 + 1)]);
        expect(listed).toEqual(['race/webhook/whk_kept']);
      }
      expect(await store.delete('race/webhook/whk_kept')).toBe(true);
      expect(await store.list('race/')).toEqual([]);
    } finally {
      for (const c of await keytar.findCredentials(SERVICE)) await keytar.deletePassword(SERVICE, c.account);
    }
  });
});

describe('keychain absent (no Secret Service on the session bus)', () => {
  it('refuses durable credentials with the documented error, allows explicit session-only, and writes no secret to disk', () => {
    const dataDir = tempDir();
    const apiKey = 'sk_sdbx_nokeychain_canary_77';
    const apiSecret = 'no-keychain-secret-canary-77';
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const child = spawnSync(process.execPath, [join(import.meta.dirname, 'main-support/keychain-absent.ts'), dataDir, apiKey, apiSecret], {
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.status, child.stderr).toBe(0);
    const out = JSON.parse(child.stdout.trim().split('\n').at(-1)!);
    expect(out.keychainStatus).toEqual({ ok: true, data: { available: false, reason: expect.stringMatching(/No Secret Service is running.*gnome-keyring or KWallet.*session-only/), sessionOnly: false } });
    expect(out.durable).toEqual({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE', message: KEYCHAIN_UNAVAILABLE_MESSAGE, details: { reason: expect.any(String) } } });
    expect(out.sessionOnly).toEqual({ ok: true, data: { configured: true, fingerprint: fingerprint(apiKey), storage: 'session' } });
    // The local profile needs no consent: memory for this session, and it says so.
    expect(out.search.ok).toBe(true);
    expect(out.info.data.secretStorage).toBe('memory');
    for (const s of [apiKey, apiSecret, out.localSecret as string]) expect(filesContaining(dataDir, s)).toEqual([]);
    expect(child.stdout + child.stderr).not.toContain(apiSecret);
  });
});
