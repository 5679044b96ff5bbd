import { useState } from 'react';
import type { CustomerView } from '#shared/domain/customer.ts';
import type { EndorsementName } from '#shared/domain/endorsement.ts';
import { ENDORSEMENT_NAMES } from '#shared/domain/endorsement.ts';
import { TimeAgo } from '../../components/TimeAgo.tsx';
import { api } from '../../lib/api-client.ts';
import { isCancelled, mutate } from '../../stores/mutate.ts';
import { MOD } from '../../stores/shortcuts.store.ts';
import { useCustomers } from '../customers/customers.store.ts';
import { endorsementLabel } from '../customers/endorsement-words.ts';

/**
 * The follow-up note lives in the customer's OMS `metadata`: it is the one free-form place on the
 * customer that OMS keeps, so every reviewer, console and integration reading the customer sees it,
 * it survives this machine, and it needs nothing OMS does not offer. The console's own store would
 * hide it from the rest of the team; the audit log records who wrote it.
 */
export const NOTE_KEY = 'reviewNote';
export const NOTE_AT_KEY = 'reviewNoteAt';
const MAX_NOTE = 500;

/** The note field's id: the review queue's F key focuses it. */
export const noteFieldId = (customerId: string) => `followup-note-${customerId}`;

/** Follow-ups that work on every profile, including a real OMS where the decision is OMS's own. */
export function FollowUpPanel({ customer }: { customer: CustomerView }) {
  const note = customer.metadata?.[NOTE_KEY] ?? '';
  const noteAt = customer.metadata?.[NOTE_AT_KEY];
  const [text, setText] = useState(note);
  const [busy, setBusy] = useState<'note' | 'request' | null>(null);
  const [msg, setMsg] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const reRequest = customer.endorsements
    .filter((e) => e.status === 'rejected' || e.status === 'revoked' || e.status === 'incomplete')
    .map((e) => e.name)
    .filter((n): n is EndorsementName => (ENDORSEMENT_NAMES as readonly string[]).includes(n));

  const saveNote = async () => {
    if (busy) return;
    setBusy('note');
    setMsg(null);
    // Sent whole: OMS's PATCH replaces `metadata`, so the other keys travel with the note.
    const metadata = { ...(customer.metadata ?? {}), [NOTE_KEY]: text.trim(), [NOTE_AT_KEY]: new Date().toISOString() };
    const r = await mutate('customers.update', 'Save follow-up note', (confirm) => api().customers.update({ customerId: customer.id, patch: { metadata }, confirm }));
    setBusy(null);
    if (r.ok) {
      useCustomers.getState().upsert(r.data);
      setMsg({ tone: 'ok', text: 'Note saved on the customer in OMS.' });
    } else if (!isCancelled(r)) setMsg({ tone: 'error', text: `The note was not saved: ${r.error.message}` });
  };

  const request = async () => {
    if (busy || reRequest.length === 0) return;
    setBusy('request');
    setMsg(null);
    const r = await useCustomers.getState().requestEndorsements(customer.id, reRequest);
    setBusy(null);
    if (r.ok) setMsg({ tone: 'ok', text: `Asked OMS to evaluate ${reRequest.map(endorsementLabel).join(', ')} again.` });
    else if (!isCancelled(r)) setMsg({ tone: 'error', text: `Not requested: ${r.error.message}` });
  };

  return (
    <section className="panel" aria-labelledby={`followup-${customer.id}`}>
      <div className="panel-head">
        <h2 id={`followup-${customer.id}`}>Follow up</h2>
        <a className="btn btn-small" href={`#/customers/${encodeURIComponent(customer.id)}/edit`}>
          Edit customer data
        </a>
        <button type="button" className="btn btn-small" disabled={reRequest.length === 0 || busy !== null} onClick={() => void request()}>
          {reRequest.length ? `Re-request ${reRequest.map(endorsementLabel).join(', ')}` : 'Re-request endorsements'}
        </button>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void saveNote();
        }}
      >
        <label className="field-label">
          <span>
            Follow-up note (saved on the customer in OMS, visible to the team) <kbd aria-hidden="true">F</kbd>
          </span>
          <textarea
          id={noteFieldId(customer.id)}
          rows={3}
          maxLength={MAX_NOTE}
          value={text}
          aria-keyshortcuts="F"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void saveNote();
            }
            // Out of the field without Tab, so the queue's one-key shortcuts work again.
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
            aria-describedby={`note-help-${customer.id}`}
          />
        </label>
        <p id={`note-help-${customer.id}`} className="help">
          Stored in the customer&apos;s OMS metadata as <code>{NOTE_KEY}</code>. Never put documents or identity numbers here.
          {noteAt && (
            <>
              {' '}
              Last saved <TimeAgo at={noteAt} />.
            </>
          )}
        </p>
        <div className="form-actions">
          <button type="submit" className="btn btn-small btn-primary" disabled={busy !== null || text.trim() === note.trim()}>
            {busy === 'note' ? 'Saving…' : 'Save note'} <kbd aria-hidden="true">{MOD} Enter</kbd>
          </button>
        </div>
      </form>
      {msg && (
        <p className={msg.tone === 'ok' ? 'help' : 'inline-error'} role={msg.tone === 'ok' ? 'status' : 'alert'}>
          {msg.text}
        </p>
      )}
    </section>
  );
}
