import { z } from 'zod';

/** Every error a renderer can receive. Codes are stable; messages are for people. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN',
  'UNAVAILABLE',
  'OMS_ERROR',
  'INTERNAL',
  'NOT_FOUND',
  'CONFIRMATION_REQUIRED',
  'KEYCHAIN_UNAVAILABLE',
  'TIMEOUT',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppError = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AppError = z.infer<typeof AppError>;

export type Ok<T> = { ok: true; data: T };
export type Err = { ok: false; error: AppError };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(data: T): Ok<T> => ({ ok: true, data });
export const err = (code: ErrorCode, message: string, details?: Record<string, unknown>): Err => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Renders zod issues as `path — message` lines so an error names the field that is wrong. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): { message: string; fields: { path: string; message: string }[] } {
  const fields = issues.map((i) => ({ path: i.path.map(String).join('.') || '(input)', message: i.message }));
  const message = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
  return { message, fields };
}
