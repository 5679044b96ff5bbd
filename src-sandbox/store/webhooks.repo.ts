import { parseJson, type Db, type Row } from './db.ts';

export interface WebhookRecord {
  seq: number;
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  status: 'active' | 'disabled';
  complianceOnly: boolean;
  // Stored in clear on purpose: the sandbox must sign with it. It is never logged or returned after creation.
  secret: string;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

function toWebhook(row: Row): WebhookRecord {
  return {
    seq: Number(row.seq),
    id: String(row.id),
    url: String(row.url),
    events: parseJson<string[]>(row.events),
    enabled: Number(row.enabled) === 1,
    status: row.status as WebhookRecord['status'],
    complianceOnly: Number(row.compliance_only) === 1,
    secret: String(row.secret),
    disabledReason: row.disabled_reason === null ? null : String(row.disabled_reason),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

/** `events` entries are exact types or `family.*` wildcards; an empty list means every event. */
export function webhookWants(w: WebhookRecord, type: string): boolean {
  if (!w.events.length) return true;
  return w.events.some((e) => e === type || e === '*' || (e.endsWith('.*') && type.startsWith(e.slice(0, -1))));
}

export class WebhooksStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  insert(w: Omit<WebhookRecord, 'seq'>): WebhookRecord {
    const r = this.db
      .prepare(
        'INSERT INTO webhooks (id, url, events, enabled, status, compliance_only, secret, disabled_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(w.id, w.url, JSON.stringify(w.events), w.enabled ? 1 : 0, w.status, w.complianceOnly ? 1 : 0, w.secret, w.disabledReason, w.createdAt, w.updatedAt);
    return { ...w, seq: Number(r.lastInsertRowid) };
  }

  update(w: WebhookRecord): void {
    this.db
      .prepare('UPDATE webhooks SET url = ?, events = ?, enabled = ?, status = ?, compliance_only = ?, disabled_reason = ?, updated_at = ? WHERE seq = ?')
      .run(w.url, JSON.stringify(w.events), w.enabled ? 1 : 0, w.status, w.complianceOnly ? 1 : 0, w.disabledReason, w.updatedAt, w.seq);
  }

  delete(seq: number): void {
    this.db.prepare('DELETE FROM webhooks WHERE seq = ?').run(seq);
  }

  byId(id: string): WebhookRecord | undefined {
    const row = this.db.prepare('SELECT * FROM webhooks WHERE id = ?').get(id) as Row | undefined;
    return row ? toWebhook(row) : undefined;
  }

  page(afterSeq: number, limit: number): WebhookRecord[] {
    return (this.db.prepare('SELECT * FROM webhooks WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit + 1) as Row[]).map(toWebhook);
  }

  /** Enabled, active endpoints that should receive this event type. */
  matching(type: string, complianceOnlyEvent: boolean): WebhookRecord[] {
    const rows = (this.db.prepare("SELECT * FROM webhooks WHERE enabled = 1 AND status = 'active' ORDER BY seq").all() as Row[]).map(toWebhook);
    return rows.filter((w) => (!complianceOnlyEvent || w.complianceOnly) && webhookWants(w, type));
  }
}
