import { useState } from 'react';
import type { CustomerView } from '#shared/domain/customer.ts';
import type { EndorsementName, EndorsementView as Endorsement } from '#shared/domain/endorsement.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { TimeAgo } from '../../components/TimeAgo.tsx';
import { api } from '../../lib/api-client.ts';
import { isCancelled, mutate } from '../../lib/mutate.ts';
import { notify } from '../../stores/notify.store.ts';
import { selectQaAvailable, useSandbox } from '../../stores/sandbox.store.ts';
import { useCustomers } from './customers.store.ts';
import { selectLiveAt } from './customers.selectors.ts';
import { causeWords, endorsementLabel, issueWords, requirementWords, statusWords } from './endorsement-words.ts';

type Decision = 'approve' | 'reject' | 'revoke';

async function decide(customerId: string, endorsement: string, decision: Decision, reason?: string) {
  const r = await mutate('sandbox.decideEndorsement', `${decision[0]!.toUpperCase()}${decision.slice(1)} ${endorsement}`, (confirm) =>
    api().sandbox.decideEndorsement({ customerId, endorsement: endorsement as EndorsementName, decision, reason, confirm }),
  );
  if (r.ok) notify('info', `Sent: ${decision} ${endorsementLabel(endorsement)}. The status updates when the webhook arrives.`);
  else if (!isCancelled(r)) notify('error', `Could not ${decision} ${endorsement}: ${r.error.message}`);
}

function QaControls({ customerId, e }: { customerId: string; e: Endorsement }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  if (rejecting) {
    return (
      <form
        className="inline-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          void decide(customerId, e.name, 'reject', reason.trim() || undefined).then(() => setRejecting(false));
        }}
      >
        <input aria-label={`Reason for rejecting ${e.name}`} placeholder="Reason the customer will hear" value={reason} onChange={(ev) => setReason(ev.target.value)} autoFocus />
        <button type="submit" className="btn btn-small btn-danger">
          Confirm rejection
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setRejecting(false)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <div className="qa-controls" role="group" aria-label={`QA decisions for ${e.name}`}>
      <span className="qa-tag">QA</span>
      <button type="button" className="btn btn-small" aria-label={`Approve ${e.name}`} disabled={e.status === 'active'} onClick={() => void decide(customerId, e.name, 'approve')}>
        Approve
      </button>
      <button type="button" className="btn btn-small" aria-label={`Reject ${e.name}`} disabled={e.status === 'rejected'} onClick={() => setRejecting(true)}>
        Reject
      </button>
      <button type="button" className="btn btn-small" aria-label={`Revoke ${e.name}`} disabled={e.status !== 'active'} onClick={() => void decide(customerId, e.name, 'revoke')}>
        Revoke
      </button>
    </div>
  );
}

function ReqList({ label, items, tone }: { label: string; items: string[]; tone: string }) {
  if (items.length === 0) return null;
  return (
    <div className={`req req-${tone}`}>
      <span className="req-label">{label}</span> {items.map(requirementWords).join(', ')}
    </div>
  );
}

function EndorsementCard({ customerId, e, qa }: { customerId: string; e: Endorsement; qa: boolean }) {
  const w = statusWords(e.status);
  const r = e.requirements;
  return (
    <li className="endorsement" aria-label={`${endorsementLabel(e.name)} endorsement`} data-endorsement={e.name} data-status={e.status}>
      <div className="endorsement-head">
        <strong>{endorsementLabel(e.name)}</strong> <span className="mono muted small">{e.name}</span>
        <StatusBadge tone={w.tone}>{w.label}</StatusBadge>
        {e.updatedAt && (
          <span className="small muted">
            changed <TimeAgo at={e.updatedAt} />
          </span>
        )}
      </div>
      <p className="says">{w.says}</p>
      <ReqList label="Complete:" items={r.complete} tone="ok" />
      <ReqList label="Under review:" items={r.pending} tone="warn" />
      <ReqList label="Missing:" items={r.missing} tone="bad" />
      {r.issues.length > 0 && (
        <div className="req req-bad">
          <span className="req-label">Issues:</span> {r.issues.map(issueWords).join('; ')}
        </div>
      )}
      {e.rejectionReasons.length > 0 && (
        <div className="rejection">
          <span className="req-label">Why it was declined:</span>
          <ul>
            {e.rejectionReasons.map((x, i) => (
              <li key={i}>
                {x.reason ?? x.developerReason ?? 'No reason given.'}
                {x.developerReason && x.reason && x.developerReason !== x.reason && <span className="muted small"> (technical: {x.developerReason})</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {qa && <QaControls customerId={customerId} e={e} />}
    </li>
  );
}

/** Bridge-style requirements view: status, what is complete / under review / missing, and why. */
export function EndorsementsPanel({ customer, headingLevel = 2 }: { customer: CustomerView; headingLevel?: 2 | 3 }) {
  const live = useCustomers(selectLiveAt(customer.id));
  const qa = useSandbox(selectQaAvailable);
  const H = `h${headingLevel}` as 'h2';
  return (
    <section className="panel" aria-labelledby={`endorsements-${customer.id}`}>
      <div className="panel-head">
        <H id={`endorsements-${customer.id}`}>Endorsements</H>
        <span className="live-note" role="status" aria-label="Live updates">
          {live ? (
            <>
              <span className="dot dot-live" aria-hidden="true" />
              <span title={live.cause}>
                Updated <TimeAgo at={live.at} /> — {causeWords(live.cause)}
              </span>
            </>
          ) : (
            <span className="muted">Live: updates arrive from webhooks</span>
          )}
        </span>
      </div>
      {customer.endorsements.length === 0 ? (
        <p className="muted">No endorsements requested yet.</p>
      ) : (
        <ul className="endorsements">
          {customer.endorsements.map((e) => (
            <EndorsementCard key={e.name} customerId={customer.id} e={e} qa={qa} />
          ))}
        </ul>
      )}
    </section>
  );
}
