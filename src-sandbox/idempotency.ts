import { createHash } from 'node:crypto';
import type { Clock } from './clock.ts';
import { ApiError } from './http-util.ts';
import type { Db, Row } from './store/db.ts';

const TTL_MS = 24 * 3600 * 1000;

export type IdemOutcome = { kind: 'replay'; status: number; body: unknown } | { kind: 'proceed' };

/**
 * Idempotency-Key handling (contract §2). Scope = API key + method + path + key. Only 2xx results are
 * recorded (decision): a refused request can be retried with the same key once the cause is fixed.
 * In-flight keys are tracked in memory: requests are served by this one process.
 */
export class Idempotency {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly inflight = new Map<string, string>();

  constructor(db: Db, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  static scope(apiKey: string, method: string, path: string, key: string): string {
    return `${apiKey} ${method} ${path} ${key}`;
  }

  static hashBody(canonical: string): string {
    return createHash('sha256').update(canonical).digest('hex');
  }

  begin(scope: string, bodyHash: string): IdemOutcome {
    const row = this.db.prepare('SELECT body_hash, status, body, created_at FROM idempotency WHERE scope = ?').get(scope) as Row | undefined;
    if (row && Number(row.created_at) + TTL_MS <= this.clock.now()) {
      this.db.prepare('DELETE FROM idempotency WHERE scope = ?').run(scope);
    } else if (row) {
      if (row.body_hash !== bodyHash) {
        throw new ApiError(422, 'Idempotency-Key was already used with a different request body', { code: 'idempotency_key_reused' });
      }
      return { kind: 'replay', status: Number(row.status), body: JSON.parse(String(row.body)) };
    }
    const running = this.inflight.get(scope);
    if (running !== undefined) {
      if (running !== bodyHash) throw new ApiError(422, 'Idempotency-Key is in use with a different request body', { code: 'idempotency_key_reused' });
      throw new ApiError(409, 'A request with this Idempotency-Key is still in progress; retry shortly');
    }
    this.inflight.set(scope, bodyHash);
    return { kind: 'proceed' };
  }

  /** Call inside the request's transaction so the record commits with the change it describes. */
  save(scope: string, bodyHash: string, status: number, body: unknown): void {
    this.db
      .prepare('INSERT OR REPLACE INTO idempotency (scope, body_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(scope, bodyHash, status, JSON.stringify(body), this.clock.now());
  }

  release(scope: string): void {
    this.inflight.delete(scope);
  }
}
