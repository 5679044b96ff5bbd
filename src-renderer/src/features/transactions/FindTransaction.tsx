import { useRef, useState } from 'react';
import type { TransactionLookup } from '#shared/ipc/transactions.contract.ts';
import type { AppError } from '#shared/ipc/result.ts';
import { InlineError } from '../../components/States.tsx';
import { api } from '../../lib/api-client.ts';
import { isCancelled } from '../../stores/mutate.ts';
import { useRoute } from '../../stores/route.store.ts';
import { useTransactions } from './transactions.store.ts';
import { formatCount } from '../../lib/format.ts';

type Resume = NonNullable<TransactionLookup['resume']>;
const CUSTOMER_ID = /^cst_[A-Za-z0-9]+$/;

/**
 * Support's first question ("where is my money?"): find by txn_ id, quote id or on-chain hash. A
 * hash has no OMS filter, so a miss says how far the scan read and offers to read on from there,
 * batch after batch with the count growing and a Cancel, or to scan one customer's transactions.
 */
export function FindTransaction() {
  const [q, setQ] = useState('');
  const [customerId, setCustomerId] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [resume, setResume] = useState<{ query: string; customerId: string | null; at: Resume } | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const stop = useRef<AbortController | null>(null);

  const run = async (query: string, scope: string | null, from: Resume | null, further: boolean) => {
    const ctl = new AbortController();
    stop.current = ctl;
    setBusy(true);
    setNote(null);
    setError(null);
    setProgress(further && from ? from.read : null);
    let at = from;
    for (;;) {
      const r = await api().transactions.find({ query, ...(scope ? { customerId: scope } : {}), ...(at ? { resume: at } : {}) }, { signal: ctl.signal });
      if (!r.ok) {
        if (isCancelled(r)) setNote(`Stopped after reading ${at?.read ?? 0} transactions without a match; Search further back goes on from there.`);
        else setError(r.error);
        setResume(at ? { query, customerId: scope, at } : null);
        break;
      }
      const d = r.data;
      if (d.transaction) {
        useTransactions.getState().upsert(d.transaction);
        useRoute.getState().navigate('transactions', d.transaction.id);
      }
      at = d.resume;
      if (further && at && !ctl.signal.aborted) {
        setProgress(at.read);
        continue;
      }
      setNote(d.note ?? (d.kind === 'none' ? 'Nothing found.' : null));
      setResume(at ? { query, customerId: scope, at } : null);
      break;
    }
    stop.current = null;
    setBusy(false);
    setProgress(null);
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const query = q.trim();
    if (query.length >= 3) void run(query, null, null, false);
  };
  const scoped = customerId.trim();
  return (
    <div className="find-txn-area">
      <form className="inline-form find-txn" role="search" aria-label="Find a transaction" onSubmit={submit}>
        <input aria-label="Transaction id, quote id or transaction hash" placeholder="txn_…, qt_…, an on-chain hash or address" value={q} maxLength={120} onChange={(e) => setQ(e.target.value)} />
        <button type="submit" className="btn" disabled={busy || q.trim().length < 3}>
          {busy && progress === null ? 'Searching…' : 'Find'}
        </button>
      </form>
      {progress !== null && (
        <p className="small" role="status" aria-label="Search progress">
          <span className="spinner" aria-hidden="true" /> Read {formatCount(progress)} transactions so far, newest first…{' '}
          <button type="button" className="btn btn-small btn-ghost" onClick={() => stop.current?.abort()}>
            Cancel
          </button>
        </p>
      )}
      {note && progress === null && (
        <p className="small muted" role="status" aria-label="Search result">
          {note}
        </p>
      )}
      {resume && !busy && (
        <div className="form-actions find-further">
          <button type="button" className="btn" onClick={() => void run(resume.query, resume.customerId, resume.at, true)}>
            Search further back
          </button>
          <form
            className="inline-form"
            aria-label="Search within one customer's transactions"
            onSubmit={(e) => {
              e.preventDefault();
              if (CUSTOMER_ID.test(scoped)) void run(resume.query, scoped, null, true);
            }}
          >
            <label className="small">
              or only this customer&apos;s transactions{' '}
              <input className="mono" value={customerId} maxLength={60} placeholder="cst_…" aria-label="Customer id to search within" onChange={(e) => setCustomerId(e.target.value)} />
            </label>
            <button type="submit" className="btn" disabled={!CUSTOMER_ID.test(scoped)}>
              Search this customer
            </button>
          </form>
        </div>
      )}
      <InlineError error={error} />
    </div>
  );
}
