import { z } from 'zod';
import { customersContract } from './customers.contract.ts';
import { inboxContract } from './inbox.contract.ts';
import { logsContract } from './logs.contract.ts';
import { mutation } from './operation.ts';
import { AuditReason } from './pii.contract.ts';
import { TransactionFilters } from './transactions.contract.ts';

/**
 * What can leave the console as a file, each with the filters its screen has (the list operation's
 * own input, paging left out: an export walks every page up to MAX_EXPORT_ROWS).
 */
export const ExportTarget = z.discriminatedUnion('dataset', [
  z.strictObject({ dataset: z.literal('auditLog'), filters: logsContract.audit.input.omit({ beforeId: true, limit: true }) }),
  z.strictObject({ dataset: z.literal('requestLog'), filters: logsContract.requests.input.omit({ beforeId: true, limit: true }) }),
  z.strictObject({ dataset: z.literal('inbox'), filters: inboxContract.list.input.omit({ beforeSeq: true, limit: true }) }),
  z.strictObject({ dataset: z.literal('transactions'), filters: TransactionFilters.omit({ limit: true, cursor: true }).strict() }),
  z.strictObject({ dataset: z.literal('reviewQueue'), filters: customersContract.queue.input }),
]);
export type ExportTarget = z.infer<typeof ExportTarget>;
export type ExportDataset = ExportTarget['dataset'];

export const ExportFormat = z.enum(['csv', 'json']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** More rows than this are cut, and the answer says so. */
export const MAX_EXPORT_ROWS = 5000;

export const ExportResult = z.strictObject({
  /** `file`: written where the operator chose (Electron); `download`: `content` is for the browser to save; `cancelled`: the dialog was closed. */
  outcome: z.enum(['file', 'download', 'cancelled']),
  fileName: z.string(),
  mimeType: z.enum(['text/csv', 'application/json']),
  rows: z.number().int(),
  truncated: z.boolean(),
  /** Only for `download`; a saved file's contents never come back to the renderer. */
  content: z.string().nullable(),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const exportContract = {
  /**
   * Writes a screen's data as CSV or JSON, built in main from the same operation the screen reads.
   * Personal data stays masked unless `reveal` gives a reason (audited with the export).
   */
  run: mutation(
    'export.run',
    "Exports a screen's data (audit log, request log, webhook inbox, transactions, review queue) as CSV or JSON.",
    z.object({ target: ExportTarget, format: ExportFormat, reveal: z.strictObject({ reason: AuditReason }).optional() }),
    ExportResult,
    'local',
  ),
};
