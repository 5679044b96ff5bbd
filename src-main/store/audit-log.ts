import type { AuditRow } from '#shared/ipc/logs.contract.ts';
import type { AuditEntry } from '../ipc/dispatcher.ts';
import type { Db } from './database.ts';

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
    const limit = q.limit ?? 100;
    const where: string[] = [];
    const args: (string | number)[] = [];
    const add = (clause: string, value: string | number) => {
      where.push(clause);
      args.push(value);
    };
    if (q.beforeId !== undefined) add('id < ?', q.beforeId);
    if (q.action) add('action = ?', q.action);
    if (q.target) add('target = ?', q.target);
    const rows = this.#db
      .prepare(
        `SELECT id, at, os_user AS osUser, profile_id AS profileId, action, target, input_summary AS inputSummary, result
         FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`,
      )
      .all(...args, limit + 1) as unknown as AuditRow[];
    return { items: rows.slice(0, limit).map((r) => ({ ...r })), hasMore: rows.length > limit };
  }
}
