import type { ErrorCode } from '#shared/ipc/result.ts';

/**
 * The one way a handler reports an expected failure. The dispatcher turns it into a `Result`
 * error; anything else thrown becomes `INTERNAL` with a generic message.
 */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppFailure';
    this.code = code;
    this.details = details;
  }
}

export const isAppFailure = (e: unknown): e is AppFailure => e instanceof AppFailure;
