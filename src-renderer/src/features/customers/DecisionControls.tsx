import { useEffect, useRef, useState } from 'react';
import type { CustomerView } from '#shared/domain/customer.ts';
import type { EndorsementName, EndorsementView } from '#shared/domain/endorsement.ts';
import type { AppError } from '#shared/ipc/result.ts';
import { api } from '../../lib/api-client.ts';
import { isCancelled, mutate } from '../../stores/mutate.ts';
import { isShortcut, MOD } from '../../stores/shortcuts.store.ts';
import { endorsementLabel } from './endorsement-words.ts';

type Decision = 'approve' | 'reject' | 'revoke';

/** Dependants wait for `basic` (oms-api.md §3): approving one first is refused, so say why up front. */
const NEEDS: Record<string, string> = { cryptoCustody: 'basic', usd: 'basic' };

const VERB: Record<Decision, { button: string; confirm: string; field: string; required: boolean }> = {
  approve: { button: 'Approve', confirm: 'Confirm approval', field: 'Note for the team (optional)', required: false },
  reject: { button: 'Reject', confirm: 'Confirm rejection', field: 'Reason the customer will hear (required)', required: true },
  revoke: { button: 'Revoke', confirm: 'Confirm revocation', field: 'Reason the customer will hear (required)', required: true },
};

/** What a refusal means for a reviewer: the sandbox's words when it gave some, never channel names. */
function refusalWords(e: AppError, decision: Decision, name: string): string {
  if (e.details?.sandboxCode === 'dependency_not_active') return `${endorsementLabel(name)} needs Basic identity to be active first. Approve Basic identity, then this one.`;
  const fields = e.details?.fields as { path: string; message: string }[] | undefined;
  if (fields?.some((f) => f.path === 'reason')) return `Give a reason to ${decision}: the customer is told it.`;
  return e.message.replace(/^The sandbox refused: /, '');
}

interface Props {
  customer: CustomerView;
  e: EndorsementView;
  onDecided?: (d: Decision) => void;
  /** This endorsement answers the reviewer's A (approve) and R (reject) keys. */
  shortcuts?: boolean;
}

export function DecisionControls({ customer, e, onDecided, shortcuts = false }: Props) {
  const [open, setOpen] = useState<Decision | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [cascade, setCascade] = useState<string[]>([]);
  const [sent, setSent] = useState<string | null>(null);
  // The ref guards (two clicks in one frame both see the old state); the state renders.
  const busy = useRef(false);
  const [sending, setSending] = useState(false);
  const fieldRef = useRef<HTMLTextAreaElement | null>(null);
  const name = e.name;
  const dep = NEEDS[name];
  const depStatus = dep ? customer.endorsements.find((x) => x.name === dep)?.status : undefined;
  const blocked = dep !== undefined && depStatus !== 'active';

  const begin = (d: Decision) => {
    setOpen(d);
    setText('');
    setError(null);
    setCascade([]);
    // Rejecting or revoking basic changes what depends on it: ask the sandbox what, before confirming.
    if (d !== 'approve' && name === 'basic') {
      void api()
        .sandbox.decideEndorsement({ customerId: customer.id, endorsement: name as EndorsementName, decision: d, reason: 'preview', dryRun: true })
        .then((r) => {
          if (r.ok) setCascade(r.data.alsoAffected.map((c) => endorsementLabel(c.name)));
        });
    }
  };

  const canApprove = e.status !== 'active' && !blocked;
  const canReject = e.status !== 'rejected' && e.status !== 'revoked';
  useEffect(() => {
    if (!shortcuts || open) return;
    const onKey = (ev: KeyboardEvent) => {
      const d = ev.key.toLowerCase() === 'a' && canApprove ? 'approve' : ev.key.toLowerCase() === 'r' && canReject ? 'reject' : null;
      if (!d || !isShortcut(ev)) return;
      ev.preventDefault();
      begin(d);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const send = async () => {
    if (!open || busy.current) return;
    const words = text.trim();
    if (VERB[open].required && !words) {
      setError(`Give a reason to ${open}: the customer is told it.`);
      fieldRef.current?.focus();
      return;
    }
    busy.current = true;
    setSending(true);
    setError(null);
    const label = `${VERB[open].button} ${endorsementLabel(name)}`;
    const r = await mutate('sandbox.decideEndorsement', label, (confirm) =>
      api().sandbox.decideEndorsement({
        customerId: customer.id,
        endorsement: name as EndorsementName,
        decision: open,
        ...(open === 'approve' ? (words ? { note: words } : {}) : { reason: words }),
        confirm,
      }),
    );
    busy.current = false;
    setSending(false);
    if (r.ok) {
      setSent(`${label}: sent. The status changes when OMS's webhook arrives.`);
      onDecided?.(open);
      setOpen(null);
    } else if (!isCancelled(r)) setError(refusalWords(r.error, open, name));
  };

  const label = endorsementLabel(name);
  if (open) {
    const v = VERB[open];
    return (
      <form
        className="decision-form"
        aria-label={`${v.button} ${label}`}
        onSubmit={(ev) => {
          ev.preventDefault();
          void send();
        }}
      >
        {open === 'revoke' && <p className="warn-text">Revoking withdraws {label} from a customer who has it. They lose what it allows at once.</p>}
        {cascade.length > 0 && (
          <p className="warn-text" role="status">
            {open === 'reject' ? 'Rejecting' : 'Revoking'} Basic identity also {open === 'reject' ? 'rejects' : 'revokes'}: {cascade.join(', ')}.
          </p>
        )}
        <label className="field-label">
          {v.field}
          <textarea
            ref={fieldRef}
            rows={2}
            maxLength={300}
            aria-label={open === 'approve' ? `Note for approving ${name}` : `Reason for ${open === 'reject' ? 'rejecting' : 'revoking'} ${name}`}
            aria-invalid={error !== null && v.required && !text.trim() ? true : undefined}
            value={text}
            onChange={(ev) => {
              setText(ev.target.value);
              setError(null);
            }}
            onKeyDown={(ev) => {
              if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) void send();
              if (ev.key === 'Escape') setOpen(null);
            }}
            autoFocus
          />
        </label>
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
        <p className="help">
          <kbd>{MOD} Enter</kbd> confirms, <kbd>Esc</kbd> cancels.
        </p>
        <div className="form-actions">
          <button type="submit" className={`btn btn-small ${open === 'approve' ? 'btn-primary' : 'btn-danger'}`} disabled={sending}>
            {sending ? 'Sending…' : v.confirm}
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(null)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }
  const hintId = `needs-${customer.id}-${name}`;
  return (
    <div className="decision-row">
      <div className="qa-controls" role="group" aria-label={`QA decisions for ${name}`}>
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Approve ${name}`}
          aria-describedby={blocked && e.status !== 'active' ? hintId : undefined}
          aria-keyshortcuts={shortcuts ? 'A' : undefined}
          disabled={!canApprove}
          onClick={() => begin('approve')}
        >
          Approve{shortcuts && <kbd aria-hidden="true">A</kbd>}
        </button>
        <button type="button" className="btn btn-small" aria-label={`Reject ${name}`} aria-keyshortcuts={shortcuts ? 'R' : undefined} disabled={!canReject} onClick={() => begin('reject')}>
          Reject{shortcuts && <kbd aria-hidden="true">R</kbd>}
        </button>
        <button type="button" className="btn btn-small" aria-label={`Revoke ${name}`} disabled={e.status !== 'active'} onClick={() => begin('revoke')}>
          Revoke
        </button>
      </div>
      {blocked && e.status !== 'active' && (
        <p id={hintId} className="help">
          Approve Basic identity first: {label} needs it (Basic identity is {depStatus ?? 'not requested'}).
        </p>
      )}
      {sent && (
        <p className="help" role="status">
          {sent}
        </p>
      )}
    </div>
  );
}
