import { useState } from 'react';
import { api } from '../../lib/api-client.ts';
import { isCancelled, mutate } from '../../stores/mutate.ts';
import { selectSandboxStatus, selectSetReviewMode, useSandbox } from '../../stores/sandbox.store.ts';

/**
 * Sandbox-wide review controls, kept apart and labelled QA: the review mode applies to every
 * customer's new submissions (never to reviews already waiting), and deciding what waits is a
 * separate, counted, confirmed action — one click once fired 745 grants and emptied a queue.
 */
export function DecideAllPending({ customers, onDone }: { customers: number | null; onDone: () => void }) {
  const status = useSandbox(selectSandboxStatus);
  const setMode = useSandbox(selectSetReviewMode);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  if (!status?.available) return null;
  const pending = status.pendingReviews;
  // The queue counts customers, the sandbox counts endorsements: say both, in their units, so the
  // two numbers on this screen never look like one count that disagrees with itself.
  const units =
    pending === null ? '' : `${pending} endorsement${pending === 1 ? '' : 's'}${customers !== null ? ` of ${customers} customer${customers === 1 ? '' : 's'}` : ''}`;

  const decideAll = async () => {
    if (busy) return;
    setBusy(true);
    const r = await mutate('sandbox.decidePending', 'Approve every pending review', (confirm) => api().sandbox.decidePending({ decision: 'approve', confirm }));
    setBusy(false);
    setAsking(false);
    if (r.ok) {
      setMsg(`Approved ${r.data.decided} pending review${r.data.decided === 1 ? '' : 's'}.`);
      void useSandbox.getState().load();
      onDone();
    } else if (!isCancelled(r)) setMsg(`Nothing was decided: ${r.error.message}`);
  };

  return (
    <div className="qa-zone" role="group" aria-label="QA: sandbox review controls">
      <span className="qa-tag">QA</span>
      <label>
        Review of new submissions{' '}
        <select aria-label="Review of new submissions" value={status.reviewMode ?? ''} onChange={(e) => void setMode(e.target.value as 'auto' | 'manual').then(() => void useSandbox.getState().load())}>
          <option value="manual">Manual (wait for a decision)</option>
          <option value="auto">Automatic (granted after a short delay)</option>
        </select>
      </label>
      <span className="help">All customers; reviews already waiting keep waiting.</span>
      {asking ? (
        <span className="confirm-inline" role="alertdialog" aria-label="Approve every pending review?">
          <strong>Approve every pending endorsement{units ? ` (${units})` : ''}, for every customer?</strong>{' '}
          <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => void decideAll()}>
            {busy ? 'Approving…' : `Approve all ${pending ?? ''}`.trim()}
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setAsking(false)} autoFocus>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" className="btn btn-small" disabled={!pending} onClick={() => setAsking(true)}>
          Decide all pending{units ? ` (${units})` : ''}…
        </button>
      )}
      {msg && (
        <span className="help" role="status">
          {msg}
        </span>
      )}
    </div>
  );
}
