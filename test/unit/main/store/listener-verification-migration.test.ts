import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/store/database.ts';
import { migrations } from '../../../../src-main/store/migrations/index.ts';
import { ListenerConfigStore, RelayTokenNotes } from '../../../../src-main/webhooks/listener-config.ts';

// A store written before the profile became the only home of the verification mode.
describe('migration 008: the listener table drops its verification copy', () => {
  it('keeps every other listener setting of an existing row, and the store reads and writes without the column', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, migrations.filter((m) => m.version <= 7));
    db.prepare('INSERT INTO webhook_listener_config (profile_id, port, relay_url, verification, signature_variant, updated_at, relay_token_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('prod-eu', 4599, 'https://relay.example/channels/acme/events', 'report-only', 'standard-webhooks-v1', '2026-01-01T00:00:00Z', 'fp_abc');
    migrate(db, migrations);
    const cols = (db.prepare('PRAGMA table_info(webhook_listener_config)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).not.toContain('verification');
    const store = new ListenerConfigStore(db, 4590);
    expect(store.get('prod-eu')).toEqual({ port: 4599, relayUrl: 'https://relay.example/channels/acme/events', signatureVariant: 'standard-webhooks-v1' });
    expect(new RelayTokenNotes(db).get('prod-eu')).toBe('fp_abc');
    expect(store.set('local', { port: 4600 })).toEqual({ port: 4600, relayUrl: null, signatureVariant: null });
    expect(store.get('local').port).toBe(4600);
    db.close();
  });
});
