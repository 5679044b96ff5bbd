import { AppFailure } from '../lib/app-failure.ts';

/**
 * What went wrong talking to OMS. `http`: OMS answered with an error status; `malformed`: OMS
 * answered 2xx with a body that breaks the contract; `network`/`timeout`/`cancelled`: no answer.
 */
export type OmsErrorKind = 'http' | 'malformed' | 'network' | 'timeout' | 'cancelled' | 'credentials';

export class OmsError extends Error {
  readonly kind: OmsErrorKind;
  /** HTTP status, null when there was no response. */
  readonly status: number | null;
  /** OMS's own error code (`not_found`, `endorsement_required`, …) when it sent one. */
  readonly omsCode: string | null;
  readonly requestId: string | null;
  /** The offending field of a malformed response. */
  readonly field: string | null;
  readonly retryAfterSec: number | null;
  /** Field-level validation issues OMS listed (`error.details.issues`), when it sent any. */
  readonly issues: { path: string; message: string }[] | null;

  constructor(
    kind: OmsErrorKind,
    message: string,
    opts: {
      status?: number | null;
      omsCode?: string | null;
      requestId?: string | null;
      field?: string | null;
      retryAfterSec?: number | null;
      issues?: { path: string; message: string }[] | null;
    } = {},
  ) {
    super(message);
    this.name = 'OmsError';
    this.kind = kind;
    this.status = opts.status ?? null;
    this.omsCode = opts.omsCode ?? null;
    this.requestId = opts.requestId ?? null;
    this.field = opts.field ?? null;
    this.retryAfterSec = opts.retryAfterSec ?? null;
    this.issues = opts.issues ?? null;
  }

  /** The short code stored in the request log. */
  get logCode(): string {
    return this.kind === 'http' ? (this.omsCode ?? `http_${this.status}`) : this.kind;
  }
}

export const isOmsError = (e: unknown): e is OmsError => e instanceof OmsError;

/**
 * The renderer-facing failure, made in this one place for every operation (the dispatcher calls it):
 * a stable code, a plain message, the ids support needs, and OMS's field issues as
 * `details.fields` (the shape input validation uses), so any form can mark the field OMS refused.
 */
export function toAppFailure(e: OmsError): AppFailure {
  const details: Record<string, unknown> = { status: e.status, omsCode: e.omsCode, requestId: e.requestId };
  if (e.field !== null) details.field = e.field;
  if (e.retryAfterSec !== null) details.retryAfterSec = e.retryAfterSec;
  if (e.issues?.length) details.fields = e.issues.slice(0, 30);
  // A 400 is input OMS refused: the same code as our own validation, so a form marks the fields
  // (details.fields) whichever side caught them.
  const refusedInput = e.kind === 'http' && e.status === 400;
  const code = e.kind === 'timeout' ? 'TIMEOUT' : e.kind === 'network' || e.kind === 'cancelled' || e.kind === 'credentials' ? 'UNAVAILABLE' : refusedInput ? 'INVALID_INPUT' : 'OMS_ERROR';
  return new AppFailure(code, e.message, details);
}
