// The console side of the relay: the real relay (`node src-relay/cli.ts serve` as a child process)
// and a real console (SQLite inbox, listener, pipeline), talking over real HTTP and SSE.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, fingerprint } from '../../src-main/secrets/credentials.ts';
import { MemorySecretStore } from '../../src-main/secrets/memory-secret-store.ts';
import type { RelayTokenStore } from '../../src-main/webhooks/relay-link.ts';
import { customerView, signed, startConsole, tempDir, type Console } from '../unit/main/webhooks/harness.ts';
import { ingest } from '../unit/relay/support/relay-harness.ts';
import { runRelayCli, startRelayProcess, type RelayProcess } from '../unit/relay/support/relay-process.ts';
import { failure, startTestConsole, unwrap } from './main-support/console.ts';
import { waitFor } from './webhooks-support.ts';

const CHANNEL = 'acme-7f3k2q9x';
const tmp = tempDir();
const data = ['--data-dir', join(tmp.dir, 'relay')];
let relay: RelayProcess;

const mint = (name: string) => {
  const r = runRelayCli(['token', 'mint', '--channel', CHANNEL, '--name', name, ...data]);
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
};
const streamUrl = () => `${relay.url}/channels/${CHANNEL}/events`;

/** Pretty-printed and non-ASCII on purpose: any re-serialisation on the way breaks the signature. */
function prettyEvent(id: string, customerId: string): string {
  const env = { id, object: 'event', type: 'customer.updated', createdAt: new Date().toISOString(), data: { object: { id: customerId, object: 'customer', name: 'Zoë Ångström — 東京 ✓' } } };
  return `${JSON.stringify(env, null, 4)}\n`;
}

/** A console's relay token, kept across restarts the way the keychain keeps it. */
function keychainTokens(store: MemorySecretStore): RelayTokenStore {
  return {
    get: (p) => store.get(accounts.relayToken(p)),
    set: async (p, t) => void (t === null ? await store.delete(accounts.relayToken(p)) : await store.set(accounts.relayToken(p), t)),
  };
}

const count = (c: Console, sql: string) => (c.db.prepare(sql).get() as { n: number }).n;

beforeAll(async () => {
  relay = await startRelayProcess([...data, '--rate', '100000', '--burst', '100000']);
});
afterAll(async () => {
  await relay.kill('SIGTERM');
  tmp.remove();
});

describe('console ⇄ relay', () => {
  it('a pretty-printed, non-ASCII delivery signed with the profile secret verifies in enforce through the relay and is applied', async () => {
    const tc = await startTestConsole();
    try {
      const profileId = tc.app.services.settings.active().id;
      // The profile's own webhook secret: the one the console registered with the sandbox.
      await tc.app.webhooks.registration;
      const [account] = await tc.app.services.secrets.list(accounts.webhookPrefix(profileId));
      const secret = account ? await tc.app.services.secrets.get(account) : null;
      if (!secret) throw new Error('the local profile has no webhook secret after registration');
      const token = mint('console-one');
      // Bad input is refused at the boundary with the field named, and nothing is stored.
      const bad = failure(await tc.call('inbox.configureListener', { relayUrl: streamUrl(), relayToken: 'short' }));
      expect(bad.code).toBe('INVALID_INPUT');
      expect(JSON.stringify(bad)).toContain('relayToken');
      expect(await tc.app.services.secrets.get(accounts.relayToken(profileId))).toBeNull();
      const status = unwrap(await tc.oms.inbox.configureListener({ relayUrl: streamUrl(), relayToken: token }));
      expect(status.verification).toBe('enforce');
      expect(status.relay?.tokenFingerprint).toBe(fingerprint(token));
      // Input only: the token is in the keychain, never in an answer.
      expect(JSON.stringify(tc.outputs)).not.toContain(token);
      expect(await tc.app.services.secrets.get(accounts.relayToken(profileId))).toBe(token);
      await waitFor(() => tc.app.webhooks.status().relay?.connected, 'relay connected');

      const body = prettyEvent('evt_relay_pretty', 'cst_pretty');
      expect(await ingest(relay.url, CHANNEL, body, signed('evt_relay_pretty', body, { secret }))).toBe(200);
      const entry = await waitFor(() => tc.app.webhooks.inbox.list({}).items.find((e) => e.eventId === 'evt_relay_pretty'), 'relayed delivery');
      expect(entry).toMatchObject({ source: 'relay', verdict: 'verified', applied: true });
      expect(tc.app.webhooks.inbox.get(entry.seq)!.rawBody).toBe(body);
      const after = unwrap(await tc.oms.inbox.listenerStatus({}));
      expect(after.relay).toMatchObject({ connected: true, problem: null, tokenFingerprint: fingerprint(token) });
      expect(after.relay?.cursor).toMatch(/^\d+$/);
      expect(after.relay?.lagMs).toBeGreaterThanOrEqual(0);
      expect(JSON.stringify(tc.logs)).not.toContain(token);
    } finally {
      await tc.close();
    }
  });

  it('500 deliveries while the console is off are all applied once after a restart, and it says caught up 500', async () => {
    const dir = tempDir();
    const keychain = new MemorySecretStore('memory');
    const refetched = new Map<string, number>();
    const logs: string[] = [];
    const start = () =>
      startConsole(dir.dir, {
        log: (line) => logs.push(line),
        relayTokens: keychainTokens(keychain),
        relayBackoffMs: [50, 100],
        refetchCustomer: async (id) => {
          refetched.set(id, (refetched.get(id) ?? 0) + 1);
          return customerView(id);
        },
      });
    let c = await start();
    try {
      await c.subsystem.configure({ relayUrl: streamUrl(), relayToken: mint('console-two') });
      await waitFor(() => c.subsystem.status().relay?.connected, 'connected');
      // A new console gets the channel's retained backlog first (the first test's delivery), then caught-up.
      await waitFor(() => c.subsystem.status().relay?.caughtUp != null, 'first caught-up');
      const before = count(c, 'SELECT count(*) AS n FROM webhook_inbox');
      await c.stop();

      for (let i = 0; i < 500; i += 25) {
        const batch = Array.from({ length: 25 }, (_, k) => {
          const id = `evt_off_${i + k}`;
          const body = prettyEvent(id, `cst_off_${i + k}`);
          return ingest(relay.url, CHANNEL, body, signed(id, body));
        });
        expect(new Set(await Promise.all(batch))).toEqual(new Set([200]));
      }

      c = await start();
      await waitFor(() => c.subsystem.status().relay?.caughtUp === 500, 'caught up 500', 30_000);
      expect(logs).toContain('webhooks: relay caught up 500 deliveries missed while offline');
      expect(c.subsystem.reconciliations).toContain('relay caught up');
      // The backlog arrives in big chunks stored together: the keychain is read once, not per delivery.
      expect(c.subsystem.processor.secretReads).toBeLessThanOrEqual(2);
      expect(count(c, "SELECT count(*) AS n FROM webhook_inbox WHERE event_id LIKE '%evt_off_%'")).toBe(500);
      expect(count(c, "SELECT count(*) AS n FROM webhook_inbox WHERE event_id LIKE '%evt_off_%' AND verdict = 'verified' AND applied = 1 AND duplicate = 0")).toBe(500);
      expect(count(c, "SELECT count(DISTINCT event_id) AS n FROM webhook_dedupe WHERE event_id LIKE '%evt_off_%'")).toBe(500);
      // The effect of each delivery is a re-fetch of its customer. Closed customers wait in a paced
      // background queue (4 a second); the ones still waiting are fetched now, as opening each would.
      const offIds = Array.from({ length: 500 }, (_, i) => `cst_off_${i}`);
      // Every delivery has reached the refresher (fetched or queued) before the rest are opened: a
      // delivery applied while its customer's fetch runs rightly asks for one more fetch.
      await waitFor(() => offIds.every((id) => refetched.has(id)) || refetched.size + c.subsystem.refresher.queued >= 500, 'all 500 handed to the refresher', 30_000);
      for (const id of offIds) {
        if (refetched.has(id)) continue;
        c.subsystem.openCustomers.touch(id);
        void c.subsystem.refresher.refresh(id, 'customer opened');
      }
      await c.subsystem.refresher.idle();
      await c.subsystem.sync();
      await waitFor(() => count(c, "SELECT count(*) AS n FROM webhook_inbox WHERE event_id LIKE '%evt_off_%' AND state = 'done'") === 500, 'all 500 effects settled');
      expect(offIds.map((id) => refetched.get(id) ?? 0)).toEqual(offIds.map(() => 1));
      expect(c.subsystem.refresher.queued).toBe(0);

      // The cursor was saved with the inbox: another restart replays nothing.
      const rows = count(c, 'SELECT count(*) AS n FROM webhook_inbox');
      expect(rows).toBe(before + 500);
      await c.stop();
      c = await start();
      await waitFor(() => c.subsystem.status().relay?.caughtUp === 0, 'caught up 0 on a second restart');
      expect(count(c, 'SELECT count(*) AS n FROM webhook_inbox')).toBe(rows);

      // A crash after the inbox commit but before the cursor write: the cursor is older than the
      // inbox. Everything after it comes again and is recognised as a duplicate; nothing runs twice.
      c.db.prepare('DELETE FROM webhook_relay_cursor').run();
      await c.stop();
      c = await start();
      await waitFor(() => c.subsystem.status().relay?.caughtUp === rows, 'the whole channel again', 30_000);
      expect(count(c, "SELECT count(*) AS n FROM webhook_inbox WHERE event_id LIKE '%evt_off_%' AND duplicate = 1 AND applied = 0")).toBe(500);
      expect(count(c, "SELECT count(*) AS n FROM webhook_inbox WHERE event_id LIKE '%evt_off_%' AND applied = 1")).toBe(500);
    } finally {
      await c.stop();
      dir.remove();
    }
  }, 60_000);

  it('a revoked token is reported as refused and not retried in a loop', async () => {
    const dir = tempDir();
    const c = await startConsole(dir.dir, { relayBackoffMs: [20, 40] });
    try {
      await c.subsystem.configure({ relayUrl: streamUrl(), relayToken: mint('console-three') });
      await waitFor(() => c.subsystem.status().relay?.connected, 'connected');
      const revoked = runRelayCli(['token', 'revoke', '--channel', CHANNEL, '--name', 'console-three', ...data]);
      expect(revoked.status, revoked.stderr).toBe(0);
      await waitFor(() => c.subsystem.status().relay?.problem?.startsWith('Token refused'), 'refused', 10_000);
      const s = c.subsystem.status();
      expect(s.relay).toMatchObject({ connected: false });
      expect(s.relay?.problem).toBe('Token refused: the relay revoked this token. The console stopped asking; save a new token in Settings → Listener.');
      const attempts = () => relay.logs().split('\n').filter((l) => l.includes('console-three') || l.includes('"subscribe refused"')).length;
      const seen = attempts();
      // With a 20–40 ms back-off a retry loop would have dialled dozens of times by now.
      await new Promise((r) => setTimeout(r, 1_000));
      expect(attempts()).toBe(seen);
      expect(c.subsystem.status().relay?.connected).toBe(false);
      // Reconnected later with the same token (a restart): 401, refused at once, still no loop.
      await c.subsystem.configure({});
      await waitFor(() => c.subsystem.status().relay?.problem?.includes('revoked_token'), 'refused with 401');
    } finally {
      await c.stop();
      dir.remove();
    }
  });
});
