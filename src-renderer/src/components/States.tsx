import { useEffect, useState } from 'react';
import type { AppError } from '#shared/ipc/result.ts';
import { selectPendingCalls, usePending } from '../stores/pending.store.ts';
import { adviceFor } from '../lib/request-state.ts';

/** A wait this long earns a Cancel beside the spinner, as in the sidebar's list. */
const OFFER_CANCEL_AFTER_MS = 1500;

/** The screen's main spinner; once the wait drags on, a Cancel for the reads this screen started. */
export function Loading({ what }: { what: string }) {
  const [since] = useState(() => Date.now());
  const [offer, setOffer] = useState(false);
  const calls = usePending(selectPendingCalls);
  useEffect(() => {
    const t = setTimeout(() => setOffer(true), OFFER_CANCEL_AFTER_MS);
    return () => clearTimeout(t);
  }, []);
  // A screen's load starts in the effect right after its first render; a second's slack covers a
  // store that started it just before.
  const mine = calls.filter((c) => c.read && c.startedAt >= since - 1000);
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
      {offer && mine.length > 0 && (
        <button type="button" className="btn btn-small btn-ghost state-cancel" onClick={() => mine.forEach((c) => c.cancel())}>
          Cancel
        </button>
      )}
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

/** Whether the person stopped this call themselves (Cancel): a choice to respect, not a failure. */
export const isCancelledError = (e: AppError | null | undefined): boolean => e?.details?.cancelled === true;

/** Says what happened and what to do next, with a retry when one makes sense. */
export function ErrorState({ error, what, onRetry }: { error: AppError; what: string; onRetry?: () => void }) {
  const stopped = isCancelledError(error);
  return (
    <div className={`state ${stopped ? 'state-stopped' : 'state-error'}`} role={stopped ? 'status' : 'alert'}>
      <strong>{stopped ? `Not loaded: ${what}.` : `Could not load ${what}.`}</strong>
      <p>
        {error.message} {!stopped && <span className="muted">({error.code})</span>}
      </p>
      {!stopped && <p>{adviceFor(error)}</p>}
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
  if (isCancelledError(error)) {
    return (
      <p className="help" role="status">
        {error.message}
      </p>
    );
  }
  return (
    <p className="inline-error" role="alert">
      {error.message} <span className="muted">({error.code})</span>
    </p>
  );
}
