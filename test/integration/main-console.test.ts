import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsole } from '../../src-main/app/composition.ts';
import { MemorySecretStore } from '../../src-main/secrets/memory-secret-store.ts';
import { SecretVault } from '../../src-main/secrets/secret-vault.ts';
import { LocalSandbox } from '../../src-main/services/sandbox/local-sandbox.ts';
import { caller, failure, omsOf, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';
import { control } from './main-support/sandbox.ts';

describe('console over the embedded sandbox', () => {
  let t: TestConsole;
  const profileEvents: string[] = [];
  beforeAll(async () => {
    t = await startTestConsole();
    t.app.bus.on('event.session.profileChanged', (p) => profileEvents.push(p.profileId));
  });
  afterAll(async () => t?.close());

  it('starts on the local profile, connected to the seeded sandbox, with nothing configured by hand', async () => {
    const profiles = unwrap(await t.oms.settings.listProfiles({}));
    expect(profiles.map((p) => [p.id, p.kind, p.active])).toEqual([
      ['local', 'local', true],
      ['oms-sandbox', 'oms-sandbox', false],
      ['production', 'production', false],
    ]);
    expect(profiles[0]!.credentials).toMatchObject({ configured: true, fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{8}$/) });
    expect(profiles[1]).toMatchObject({ baseUrl: 'https://sandbox-api.polygon.technology', apiVersion: 'v0.9' });
    const page = unwrap(await t.oms.customers.search({ limit: 5 }));
    expect(page.items).toHaveLength(5);
    expect(page.hasMore).toBe(true);
    // The seeder gives every customer an email and most a phone: each row has one to mask.
    const phones: string[] = [];
    for (const c of page.items) {
      expect(c).not.toHaveProperty('email');
      expect(c).not.toHaveProperty('phone');
      expect(c.emailMasked, c.id).toMatch(/^[^@]{1,2}•••@[\w.-]+$/);
      // A search row carries no phone at all; the full view masks it.
      expect(c).not.toHaveProperty('phoneMasked');
      const full = unwrap(await t.oms.customers.get({ customerId: c.id }));
      expect(full.emailMasked).toBe(c.emailMasked);
      if (full.phoneMasked !== null) phones.push(full.phoneMasked);
    }
    expect(phones.length).toBeGreaterThan(0);
    for (const p of phones) expect(p).toMatch(/^•••• \d{4}$/);
    const info = unwrap(await t.oms.app.info({}));
    expect(info.profile).toMatchObject({ id: 'local', kind: 'local' });
    expect(info.profile.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/); // the running sandbox
    const next = unwrap(await t.oms.customers.search({ limit: 5, cursor: page.cursor! }));
    expect(next.items.map((c) => c.id).filter((id) => page.items.some((c) => c.id === id))).toEqual([]);
  });

  it('creates, reads, updates and soft-deletes a customer; reveals PII only on request', async () => {
    const created = unwrap(await t.oms.customers.create({ customer: { type: 'individual', firstName: 'Mia', lastName: 'Lopez', email: 'mia.lopez@example.net', phone: '+14155550123' } }));
    expect([created.emailMasked, created.phoneMasked]).toEqual(['mi•••@example.net', '•••• 0123']);
    expect(unwrap(await t.oms.customers.get({ customerId: created.id })).firstName).toBe('Mia');
    expect(unwrap(await t.oms.customers.update({ customerId: created.id, patch: { firstName: 'Mira' } })).firstName).toBe('Mira');
    const found = unwrap(await t.oms.customers.search({ q: 'mira' })).items.map((c) => c.id);
    expect(found).toContain(created.id);
    const revealed = unwrap(await t.oms.pii.reveal({ customerId: created.id, fields: ['phone'], reason: 'Identity check with the customer' }));
    expect(revealed.values).toEqual({ phone: '+14155550123' });
    expect(unwrap(await t.oms.customers.delete({ customerId: created.id })).status).toBe('inactive');
    expect(unwrap(await t.oms.customers.transactions({ customerId: created.id }))).toEqual({ items: [], hasMore: false, cursor: null });
    const missing = failure(await t.oms.customers.get({ customerId: 'cst_nobodyhere1' }));
    expect(missing).toMatchObject({ code: 'OMS_ERROR', details: { status: 404, omsCode: 'not_found', requestId: expect.stringMatching(/^req_/) } });
  });

  it('logs each OMS attempt with PII query values redacted', async () => {
    unwrap(await t.oms.customers.search({ q: 'Secretive Name', email: 'who@example.com', status: 'active' }));
    const rows = unwrap(await t.oms.logs.requests({ method: 'GET', limit: 50 })).items;
    // The search sends OMS the longest typed word (its text search takes one); the values never reach the log.
    const row = rows.find((r) => r.path.startsWith('/customers?q=[redacted]&email='))!;
    expect(row.path).toBe('/customers?q=[redacted]&email=[redacted]&status=active');
    expect(row).toMatchObject({ profileId: 'local', method: 'GET', status: 200, attempt: 1, idempotencyKey: null, requestId: expect.stringMatching(/^req_/) });
    const failed = unwrap(await t.oms.logs.requests({ minStatus: 400 })).items;
    expect(failed.every((r) => (r.status ?? 0) >= 400)).toBe(true);
  });

  it('cancels an OMS call when the caller goes away', async () => {
    const ctl = control(t.app.services.local.handle!);
    await ctl.faults([{ method: 'GET', path: '^/customers$', action: 'hang' }]);
    const ac = new AbortController();
    const pending = t.app.dispatch('customers.search', {}, caller, ac.signal);
    setTimeout(() => ac.abort(), 30);
    expect(failure(await pending)).toMatchObject({ code: 'UNAVAILABLE', message: 'The request was cancelled.' });
    await ctl.clearFaults();
  });

  it('manages profiles: version segment editable, documented base URL fixed, custom ones switchable', async () => {
    const edited = unwrap(await t.oms.settings.saveProfile({ id: 'oms-sandbox', name: 'OMS sandbox', baseUrl: 'https://sandbox-api.polygon.technology', apiVersion: 'v0.11' }));
    expect(edited.apiVersion).toBe('v0.11');
    const moved = failure(await t.oms.settings.saveProfile({ id: 'production', name: 'P', baseUrl: 'https://elsewhere.example', apiVersion: 'v0.9' }));
    expect(moved.code).toBe('INVALID_INPUT');
    expect(moved.message).toMatch(/baseUrl: .*documented base URL/);

    const custom = unwrap(await t.oms.settings.saveProfile({ id: 'staging', name: 'Staging', baseUrl: 'https://staging.example.test/', apiVersion: 'v0.9' }));
    expect(custom).toMatchObject({ kind: 'custom', baseUrl: 'https://staging.example.test', active: false, credentials: { configured: false } });
    unwrap(await t.oms.settings.setActiveProfile({ profileId: 'staging' }));
    expect(profileEvents.at(-1)).toBe('staging');
    expect(unwrap(await t.oms.app.info({})).profile).toMatchObject({ id: 'staging', kind: 'custom' });
    const noCreds = failure(await t.oms.customers.search({}));
    expect(noCreds).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/No API credentials .*"Staging".*Settings/) });
    expect(unwrap(await t.oms.sandbox.status({}))).toMatchObject({ available: false });
    expect(failure(await t.oms.sandbox.setReviewMode({ mode: 'manual' }))).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/only on the local sandbox profile/) });

    expect(failure(await t.oms.settings.deleteProfile({ profileId: 'production' })).code).toBe('INVALID_INPUT');
    expect(unwrap(await t.oms.settings.deleteProfile({ profileId: 'staging' }))).toEqual({ deleted: true });
    expect(profileEvents.at(-1)).toBe('local');
    expect(unwrap(await t.oms.app.info({})).profile.id).toBe('local');
    const status = unwrap(await t.oms.sandbox.status({}));
    expect(status).toMatchObject({ available: true, running: true, reviewMode: 'auto' });
    // The harness seeds 20 customers; other tests in this file may have added some.
    expect(status.customers).toBeGreaterThanOrEqual(20);
  });

  it('manages wallets and webhooks, keeping webhook secrets behind a fingerprint', async () => {
    const c = unwrap(await t.oms.customers.search({ endorsement: { name: 'cryptoCustody', status: 'active' }, limit: 1 })).items[0]!;
    const w = unwrap(await t.oms.wallets.create({ customerId: c.id, asset: 'usdc', chain: 'solana' }));
    expect(w).toMatchObject({ customerId: c.id, asset: 'usdc', chain: 'solana' });
    expect(unwrap(await t.oms.wallets.list({ customerId: c.id })).items.map((x) => x.id)).toContain(w.id);
    expect(unwrap(await t.oms.sandbox.simulateDeposit({ walletId: w.id, amount: '3.25' })).balance).toMatch(/^3\.25/);
    const hook = unwrap(await t.oms.webhooks.create({ url: 'https://hooks.example.test/oms', events: ['customer.*'] }));
    expect(hook.secretFingerprint).toMatch(/^sha256:[0-9a-f]{8}$/);
    expect(JSON.stringify(hook)).not.toMatch(/whsec_/);
    expect(unwrap(await t.oms.webhooks.setEnabled({ webhookId: hook.id, enabled: false })).enabled).toBe(false);
    expect(unwrap(await t.oms.webhooks.setEnabled({ webhookId: hook.id, enabled: true })).enabled).toBe(true);
    expect(unwrap(await t.oms.webhooks.list({})).find((x) => x.id === hook.id)?.secretFingerprint).toBe(hook.secretFingerprint);
  });
});

describe('non-secret settings persist in the local store', () => {
  it('keeps profiles and the active one across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oms-main-persist-'));
    const store = new MemorySecretStore('memory');
    const open = () => createConsole({ transport: 'browser', dataDir, version: 't', secretStore: store, sandbox: { seed: 3 }, webhookPort: 0 });
    try {
      const a = await open();
      unwrap(await omsOf(a).settings.saveProfile({ id: 'prod-eu', name: 'Prod EU', baseUrl: 'https://eu.example.test', apiVersion: 'v0.11' }));
      unwrap(await omsOf(a).settings.setActiveProfile({ profileId: 'prod-eu' }));
      await a.close();
      const b = await open();
      const info = unwrap(await omsOf(b).app.info({}));
      expect(info.profile).toEqual({ id: 'prod-eu', name: 'Prod EU', kind: 'custom', baseUrl: 'https://eu.example.test' });
      const row = b.db.prepare("SELECT value FROM settings WHERE key = 'profiles'").get() as { value: string };
      expect(JSON.parse(row.value)).toEqual([{ id: 'prod-eu', name: 'Prod EU', kind: 'custom', baseUrl: 'https://eu.example.test', apiVersion: 'v0.11', webhookVerification: 'enforce' }]);
      await b.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('local sandbox lifecycle', () => {
  it('starts once however many first calls race for it, with credentials generated and kept in the store', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oms-main-local-'));
    const vault = new SecretVault(new MemorySecretStore('memory'));
    await vault.probe();
    const local = new LocalSandbox({ dataDir, vault, options: { seed: 3 }, log: () => {} });
    try {
      const handles = await Promise.all(Array.from({ length: 8 }, () => local.ensure()));
      expect(new Set(handles).size).toBe(1);
      const creds = await local.credentials();
      expect(creds.apiKey).toMatch(/^sk_sdbx_[0-9a-f]{32}$/);
      expect(await vault.get('local/apiKey')).toBe(creds.apiKey);
      const res = await fetch(`${handles[0]!.baseUrl}/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(creds) });
      expect(res.status).toBe(200);
      await local.stop();
      expect(local.handle).toBeNull();
    } finally {
      await local.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
