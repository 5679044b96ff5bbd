import type { AppError } from '#shared/ipc/result.ts';
import { adviceFor } from '../lib/request-state.ts';

export function Loading({ what }: { what: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function Empty({ title, hint, children }: { title: string; hint?: string; children?: React.ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {hint && <p>{hint}</p>}
      {children}
    </div>
  );
}

/** Says what happened and what to do next, with a retry when one makes sense. */
export function ErrorState({ error, what, onRetry }: { error: AppError; what: string; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <strong>Could not load {what}.</strong>
      <p>
        {error.message} <span className="muted">({error.code})</span>
      </p>
      <p>{adviceFor(error)}</p>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function InlineError({ error }: { error: AppError | null | undefined }) {
  if (!error) return null;
  return (
    <p className="inline-error" role="alert">
      {error.message} <span className="muted">({error.code})</span>
    </p>
  );
}
