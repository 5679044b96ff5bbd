import { useEffect, useRef } from 'react';
import { selectAnswerConfirm, selectPendingConfirm, useConfirm } from '../stores/confirm.store.ts';

/**
 * The production guard's dialog: a native modal `<dialog>` (showModal), so focus is trapped, the
 * page behind is inert, Escape cancels, Cancel has focus, and nothing is sent until confirmed.
 */
export function ConfirmDialog() {
  const pending = useConfirm(selectPendingConfirm);
  const answer = useConfirm(selectAnswerConfirm);
  const dialogRef = useRef<HTMLDialogElement | null>(null);
  const cancelRef = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    const d = dialogRef.current;
    if (!d) return;
    if (pending && !d.open) {
      d.showModal();
      cancelRef.current?.focus();
    } else if (!pending && d.open) d.close();
  }, [pending]);
  return (
    <dialog
      ref={dialogRef}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      className="dialog dialog-production"
      // Escape fires `cancel` on a modal dialog: it is an answer, not just a close.
      onCancel={(e) => {
        e.preventDefault();
        answer(false);
      }}
    >
      {pending && (
        <>
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
        </>
      )}
    </dialog>
  );
}
