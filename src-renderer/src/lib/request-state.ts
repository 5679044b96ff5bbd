import type { AppError, Result } from '#shared/ipc/result.ts';

/** Per-request status kept beside normalised server data. */
export interface Req {
  status: 'idle' | 'loading' | 'ok' | 'error';
  error: AppError | null;
  /** When the last answer arrived (ms since epoch). */
  at: number | null;
}

export const IDLE: Req = { status: 'idle', error: null, at: null };
export const LOADING = (prev?: Req): Req => ({ status: 'loading', error: null, at: prev?.at ?? null });
export const settled = (r: Result<unknown>): Req =>
  r.ok ? { status: 'ok', error: null, at: Date.now() } : { status: 'error', error: r.error, at: Date.now() };

/** Field errors from an INVALID_INPUT answer, keyed by dotted path. */
export function fieldErrors(error: AppError | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const fields = (error?.details as { fields?: { path: string; message: string }[] } | undefined)?.fields;
  for (const f of fields ?? []) out[f.path] = f.message;
  return out;
}

/** What to tell a person about an error code: what happened and what to do next. */
export function adviceFor(error: AppError): string {
  switch (error.code) {
    case 'UNAVAILABLE':
      return 'This part of the console is not available right now. Try again in a moment.';
    case 'OMS_ERROR':
      return 'OMS answered with an error. Retry; if it persists, check the request log for the request id.';
    case 'TIMEOUT':
      return 'OMS did not answer in time. Check the connection and retry.';
    case 'NOT_FOUND':
      return 'Nothing exists with that id on the active profile. Check the id and the profile.';
    case 'INVALID_INPUT':
      return 'Some values are not valid; correct the highlighted fields.';
    case 'CONFIRMATION_REQUIRED':
      return 'This change needs your confirmation on a production profile.';
    case 'KEYCHAIN_UNAVAILABLE':
      return 'The OS keychain cannot be used. Unlock it, or use a session-only credential in Settings.';
    case 'FORBIDDEN':
      return 'The console refused the call. Reload the page from the URL printed by the start command.';
    default:
      return 'Something went wrong. Retry, and check the request log if it happens again.';
  }
}
