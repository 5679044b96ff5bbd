import type { Db } from '../store/database.ts';

export interface ListenerConfig {
  port: number;
  relayUrl: string | null;
  /** The one signature variant accepted (SIGNATURE_VARIANT_NAMES); null tries them all. */
  signatureVariant: string | null;
}

interface Row {
  signature_variant: string | null;
  port: number | null;
  relay_url: string | null;
}

/**
 * Listener settings per profile, kept with the inbox in the console's own store. The verification
 * mode is not one of them: the profile owns it (settings.saveProfile), in one copy.
 */
export class ListenerConfigStore {
  readonly #db: Db;
  readonly #defaultPort: number;

  constructor(db: Db, defaultPort: number) {
    this.#db = db;
    this.#defaultPort = defaultPort;
  }

  get(profileId: string): ListenerConfig {
    const r = this.#db
      .prepare('SELECT port, relay_url, signature_variant FROM webhook_listener_config WHERE profile_id = ?')
      .get(profileId) as unknown as Row | undefined;
    return {
      port: r?.port ?? this.#defaultPort,
      relayUrl: r?.relay_url ?? null,
      signatureVariant: r?.signature_variant ?? null,
    };
  }

  set(profileId: string, patch: Partial<ListenerConfig>): ListenerConfig {
    const next = { ...this.get(profileId), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as ListenerConfig;
    this.#db
      .prepare(
        `INSERT INTO webhook_listener_config (profile_id, port, relay_url, signature_variant, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (profile_id) DO UPDATE SET port = excluded.port, relay_url = excluded.relay_url,
           signature_variant = excluded.signature_variant, updated_at = excluded.updated_at`,
      )
      .run(profileId, next.port, next.relayUrl, next.signatureVariant, new Date().toISOString());
    return next;
  }
}

/** Which relay token was last saved for a profile (its fingerprint), so a lost one is noticed. */
export class RelayTokenNotes {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  get(profileId: string): string | null {
    const r = this.#db.prepare('SELECT relay_token_fingerprint AS fp FROM webhook_listener_config WHERE profile_id = ?').get(profileId) as { fp: string | null } | undefined;
    return r?.fp ?? null;
  }

  /** Called after ListenerConfigStore.set, which creates the row. */
  set(profileId: string, fp: string | null): void {
    this.#db.prepare('UPDATE webhook_listener_config SET relay_token_fingerprint = ? WHERE profile_id = ?').run(fp, profileId);
  }
}

/** The last relay cursor whose delivery is in the inbox, per profile and relay URL (migration 005). */
export class RelayCursorStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  get(profileId: string, relayUrl: string): string | null {
    const r = this.#db.prepare('SELECT cursor FROM webhook_relay_cursor WHERE profile_id = ? AND relay_url = ?').get(profileId, relayUrl) as { cursor: string } | undefined;
    return r?.cursor ?? null;
  }

  set(profileId: string, relayUrl: string, cursor: string): void {
    this.#db
      .prepare(
        `INSERT INTO webhook_relay_cursor (profile_id, relay_url, cursor, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (profile_id, relay_url) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
      )
      .run(profileId, relayUrl, cursor, new Date().toISOString());
  }

  /** The relay's store was replaced (`reset`): the old cursor means nothing there any more. */
  clear(profileId: string, relayUrl: string): void {
    this.#db.prepare('DELETE FROM webhook_relay_cursor WHERE profile_id = ? AND relay_url = ?').run(profileId, relayUrl);
  }
}
