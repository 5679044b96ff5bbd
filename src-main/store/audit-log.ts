import type { AuditRow } from '#shared/ipc/logs.contract.ts';
import type { Db } from './database.ts';
import { keysetPage } from './keyset-page.ts';

/** One operator action as the dispatcher reports it (inputs already summarised and scrubbed). */
export interface AuditEntry {
  action: string;
  target: string | null;
  inputSummary: string;
  result: string;
}

/** Append-only operator audit log. */
export class AuditLog {
  #db: Db;
  #osUser: string;
  #profile: () => string;

  constructor(db: Db, osUser: string, activeProfileId: () => string) {
    this.#db = db;
    this.#osUser = osUser;
    this.#profile = activeProfileId;
  }

  append(entry: AuditEntry): void {
    this.#db
      .prepare('INSERT INTO audit_log (at, os_user, profile_id, action, target, input_summary, result) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(new Date().toISOString(), this.#osUser, this.#profile(), entry.action, entry.target, entry.inputSummary.slice(0, 2000), entry.result);
  }

  list(q: { beforeId?: number | undefined; limit?: number | undefined; action?: string | undefined; target?: string | undefined }): { items: AuditRow[]; hasMore: boolean } {
    return keysetPage<AuditRow>(this.#db, {
      select: 'id, at, os_user AS osUser, profile_id AS profileId, action, target, input_summary AS inputSummary, result',
      from: 'audit_log',
      key: 'id',
      before: q.beforeId,
      limit: q.limit ?? 100,
      filters: [
        ['action = ?', q.action],
        ['target = ?', q.target],
      ],
    });
  }
}
