import { useEffect, useRef } from 'react';
import { selectAnswerConfirm, selectPendingConfirm, useConfirm } from '../stores/confirm.store.ts';

/** The production guard's dialog: Cancel has focus, Escape cancels, nothing is sent until confirmed. */
export function ConfirmDialog() {
  const pending = useConfirm(selectPendingConfirm);
  const answer = useConfirm(selectAnswerConfirm);
  const cancelRef = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    if (pending) cancelRef.current?.focus();
  }, [pending]);
  if (!pending) return null;
  return (
    <div className="overlay">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-body"
        className="dialog dialog-production"
        onKeyDown={(e) => {
          if (e.key === 'Escape') answer(false);
        }}
      >
        <div className="dialog-band">PRODUCTION · {pending.profileName}</div>
        <h2 id="confirm-title">{pending.title}</h2>
        <p id="confirm-body">{pending.body}</p>
        <div className="form-actions">
          <button ref={cancelRef} type="button" className="btn" onClick={() => answer(false)}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={() => answer(true)}>
            {pending.actionLabel} on production
          </button>
        </div>
      </div>
    </div>
  );
}
