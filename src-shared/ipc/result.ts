// Types only from zod: the renderer's first screen imports this file and does not load zod.
import type { z } from 'zod';

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
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

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
