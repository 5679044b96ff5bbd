import type { DomainHandlers } from '../../ipc/handlers.ts';
import type { AuditLog } from '../../store/audit-log.ts';
import type { RequestLog } from '../../store/request-log.ts';

/** logs.* — reads of the request log and the audit log (both written at their sinks). */
export function logsHandlers(requestLog: RequestLog, audit: AuditLog): DomainHandlers<'logs'> {
  return {
    requests: async (q) => requestLog.list(q),
    audit: async (q) => audit.list(q),
  };
}
