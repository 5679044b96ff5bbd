import type { RequestLogRow } from '#shared/ipc/logs.contract.ts';
import type { AttemptRecord } from '../oms/oms-client.ts';
import { scrubText } from '../lib/redact.ts';
import type { Db } from './database.ts';
import { keysetPage } from './keyset-page.ts';

/** Query parameters whose values can be PII (a searched name, an email): logged as `[redacted]`. */
const PII_PARAMS = new Set(['q', 'email', 'externalid', 'phone', 'name']);
const MAX_PATH = 1000;

/**
 * Redacts a request path for the log: PII-bearing query values are replaced and anything
 * secret-shaped is scrubbed. Headers and bodies are never passed to the log at all.
 */
export function redactPath(fullPath: string): string {
  // Cut first: everything after this line is linear in at most MAX_PATH chars.
  const path = fullPath.length > MAX_PATH ? fullPath.slice(0, MAX_PATH) : fullPath;
  const [base = '', query] = path.split('?', 2);
  if (!query) return scrubText(base);
  const parts = query.split('&').map((pair) => {
    const [k = '', v] = pair.split('=', 2);
    if (v === undefined) return k;
    return PII_PARAMS.has(decodeURIComponentSafe(k).toLowerCase()) ? `${k}=[redacted]` : `${k}=${v}`;
  });
  return scrubText(`${base}?${parts.join('&')}`);
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Every OMS HTTP attempt, retries and token exchanges included; newest first on read. */
export class RequestLog {
  #db: Db;
  #profile: () => string;
  #max: number;
  #writes = 0;

  constructor(db: Db, activeProfileId: () => string, maxRows = 50_000) {
    this.#db = db;
    this.#profile = activeProfileId;
    this.#max = maxRows;
  }

  append(r: AttemptRecord, profileId = this.#profile()): void {
    this.#db
      .prepare(
        'INSERT INTO request_log (at, profile_id, method, path, status, duration_ms, attempt, idempotency_key, request_id, error_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(new Date().toISOString(), profileId, r.method, redactPath(r.path), r.status, r.durationMs, r.attempt, r.idempotencyKey, r.requestId, r.errorCode);
    // The request log is diagnostic, not an audit trail: keep it bounded.
    if (++this.#writes % 1000 === 0) this.#db.prepare('DELETE FROM request_log WHERE id <= (SELECT MAX(id) FROM request_log) - ?').run(this.#max);
  }

  list(q: { beforeId?: number | undefined; limit?: number | undefined; method?: string | undefined; minStatus?: number | undefined }): { items: RequestLogRow[]; hasMore: boolean } {
    return keysetPage<RequestLogRow>(this.#db, {
      select: `id, at, profile_id AS profileId, method, path, status, duration_ms AS durationMs, attempt,
               idempotency_key AS idempotencyKey, request_id AS requestId, error_code AS errorCode`,
      from: 'request_log',
      key: 'id',
      before: q.beforeId,
      limit: q.limit ?? 100,
      filters: [
        ['method = ?', q.method?.toUpperCase()],
        ['status >= ?', q.minStatus],
      ],
    });
  }
}
