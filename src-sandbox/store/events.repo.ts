import type { SQLInputValue } from 'node:sqlite';
import { parseJson, type Db, type Row } from './db.ts';

export interface DeliveryRecord {
  id: string;
  eventId: string;
  webhookId: string;
  status: 'pending' | 'succeeded' | 'failed' | 'cancelled';
  attempts: number;
  nextAttemptAt: number | null;
  kind: 'scheduled' | 'redelivery' | 'manual';
  createdAt: string;
  updatedAt: string;
}

export interface AttemptRecord {
  deliveryId: string;
  attemptNo: number;
  startedAt: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  nextAttemptAt: string | null;
}

function toDelivery(row: Row): DeliveryRecord {
  return {
    id: String(row.id),
    eventId: String(row.event_id),
    webhookId: String(row.webhook_id),
    status: row.status as DeliveryRecord['status'],
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at === null ? null : Number(row.next_attempt_at),
    kind: row.kind as DeliveryRecord['kind'],
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

export class EventsStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  insertEvent(e: { id: string; type: string; customerId: string | null; createdAt: string; body: string }): void {
    this.db.prepare('INSERT INTO events (id, type, customer_id, created_at, body) VALUES (?, ?, ?, ?, ?)').run(e.id, e.type, e.customerId, e.createdAt, e.body);
  }

  eventBody(id: string): string | undefined {
    const row = this.db.prepare('SELECT body FROM events WHERE id = ?').get(id) as Row | undefined;
    return row ? String(row.body) : undefined;
  }

  listEvents(f: { customerId?: string | undefined; type?: string | undefined; limit: number }): unknown[] {
    const where: string[] = [];
    const params: SQLInputValue[] = [];
    if (f.customerId) {
      where.push('customer_id = ?');
      params.push(f.customerId);
    }
    if (f.type) {
      where.push('type = ?');
      params.push(f.type);
    }
    const sql = `SELECT body FROM events${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...params, f.limit) as Row[]).map((r) => parseJson(r.body));
  }

  insertDelivery(d: DeliveryRecord): void {
    this.db
      .prepare('INSERT INTO deliveries (id, event_id, webhook_id, status, attempts, next_attempt_at, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(d.id, d.eventId, d.webhookId, d.status, d.attempts, d.nextAttemptAt, d.kind, d.createdAt, d.updatedAt);
  }

  updateDelivery(d: DeliveryRecord): void {
    this.db
      .prepare('UPDATE deliveries SET status = ?, attempts = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?')
      .run(d.status, d.attempts, d.nextAttemptAt, d.updatedAt, d.id);
  }

  delivery(id: string): DeliveryRecord | undefined {
    const row = this.db.prepare('SELECT * FROM deliveries WHERE id = ?').get(id) as Row | undefined;
    return row ? toDelivery(row) : undefined;
  }

  dueDeliveries(now: number, limit: number): DeliveryRecord[] {
    return (this.db.prepare("SELECT * FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?").all(now, limit) as Row[]).map(toDelivery);
  }

  nextDueAt(): number | null {
    const row = this.db.prepare("SELECT MIN(next_attempt_at) AS due FROM deliveries WHERE status = 'pending'").get() as Row;
    return row.due === null ? null : Number(row.due);
  }

  cancelPendingFor(webhookId: string, nowIso: string): void {
    this.db.prepare("UPDATE deliveries SET status = 'cancelled', next_attempt_at = NULL, updated_at = ? WHERE webhook_id = ? AND status = 'pending'").run(nowIso, webhookId);
  }

  insertAttempt(a: AttemptRecord): void {
    this.db
      .prepare('INSERT INTO delivery_attempts (delivery_id, attempt_no, started_at, status_code, error, duration_ms, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(a.deliveryId, a.attemptNo, a.startedAt, a.statusCode, a.error, a.durationMs, a.nextAttemptAt);
  }

  listDeliveries(f: { webhookId?: string | undefined; eventId?: string | undefined; limit: number }): (DeliveryRecord & { attemptLog: AttemptRecord[] })[] {
    const where: string[] = [];
    const params: SQLInputValue[] = [];
    if (f.webhookId) {
      where.push('webhook_id = ?');
      params.push(f.webhookId);
    }
    if (f.eventId) {
      where.push('event_id = ?');
      params.push(f.eventId);
    }
    const sql = `SELECT * FROM deliveries${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    const deliveries = (this.db.prepare(sql).all(...params, f.limit) as Row[]).map(toDelivery);
    const attempts = this.db.prepare('SELECT * FROM delivery_attempts WHERE delivery_id = ? ORDER BY seq');
    return deliveries.map((d) => ({
      ...d,
      attemptLog: (attempts.all(d.id) as Row[]).map((r) => ({
        deliveryId: d.id,
        attemptNo: Number(r.attempt_no),
        startedAt: String(r.started_at),
        statusCode: r.status_code === null ? null : Number(r.status_code),
        error: r.error === null ? null : String(r.error),
        durationMs: Number(r.duration_ms),
        nextAttemptAt: r.next_attempt_at === null ? null : String(r.next_attempt_at),
      })),
    }));
  }
}
