import { useId, useState } from 'react';
import { hasVisibleWords, normaliseReason } from '#shared/ipc/pii.contract.ts';

export const REVEAL_REASONS = ['Identity check with the customer', 'Support ticket', 'Compliance review', 'QA testing', 'Other'] as const;

/**
 * Asks why before personal data is shown: a short choice plus optional text (a ticket number),
 * which main writes to the audit log with the reveal. Nothing is revealed without a reason.
 */
export function RevealReason({ what, busy, onReveal }: { what: string; busy: boolean; onReveal: (reason: string) => void }) {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState('');
  const [note, setNote] = useState('');
  const id = useId();
  if (!open) {
    return (
      <button type="button" className="btn btn-small" disabled={busy} onClick={() => setOpen(true)}>
        {busy ? 'Revealing…' : `Reveal ${what}…`}
      </button>
    );
  }
  const needsNote = choice === 'Other';
  // The same rule main applies: a note of zero-width or control characters is no reason.
  const words = normaliseReason(note);
  const ready = choice !== '' && (!needsNote || hasVisibleWords(words));
  return (
    <form
      className="reveal-form"
      aria-label={`Why reveal ${what}?`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        onReveal(hasVisibleWords(words) ? `${choice}: ${words}`.slice(0, 200) : choice);
        setOpen(false);
        setChoice('');
        setNote('');
      }}
    >
      <label htmlFor={`${id}-why`}>Why?</label>
      <select id={`${id}-why`} value={choice} onChange={(e) => setChoice(e.target.value)} autoFocus>
        <option value="">Choose a reason…</option>
        {REVEAL_REASONS.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>
      <label htmlFor={`${id}-note`}>{needsNote ? 'Reason' : 'Ticket or note (optional)'}</label>
      <input id={`${id}-note`} value={note} maxLength={150} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" className="btn btn-small btn-primary" disabled={!ready || busy}>
        Reveal
      </button>
      <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
