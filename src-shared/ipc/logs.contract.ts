import { z } from 'zod';
import { query } from './operation.ts';

export const RequestLogRow = z.strictObject({
  id: z.number().int(),
  at: z.string(),
  profileId: z.string(),
  method: z.string(),
  path: z.string(),
  status: z.number().int().nullable(),
  durationMs: z.number(),
  attempt: z.number().int(),
  idempotencyKey: z.string().nullable(),
  requestId: z.string().nullable(),
  errorCode: z.string().nullable(),
});
export type RequestLogRow = z.infer<typeof RequestLogRow>;

export const AuditRow = z.strictObject({
  id: z.number().int(),
  at: z.string(),
  osUser: z.string(),
  profileId: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  inputSummary: z.string(),
  result: z.string(),
});
export type AuditRow = z.infer<typeof AuditRow>;

const Paging = { beforeId: z.number().int().optional(), limit: z.number().int().min(1).max(500).optional() };

export const logsContract = {
  /** The OMS request log, newest first (secrets and PII redacted at the sink). */
  requests: query(
    'logs.requests',
    'OMS request log, newest first.',
    z.object({ ...Paging, method: z.string().max(10).optional(), minStatus: z.number().int().optional() }),
    z.strictObject({ items: z.array(RequestLogRow), hasMore: z.boolean() }),
  ),
  /** The append-only operator audit log, newest first. */
  audit: query(
    'logs.audit',
    'Operator audit log, newest first.',
    z.object({ ...Paging, action: z.string().max(100).optional(), target: z.string().max(100).optional() }),
    z.strictObject({ items: z.array(AuditRow), hasMore: z.boolean() }),
  ),
};
