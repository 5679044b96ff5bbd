import type { CustomerView } from '#shared/domain/customer.ts';
import type { EndorsementView as Endorsement } from '#shared/domain/endorsement.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { TimeAgo } from '../../components/TimeAgo.tsx';
import { useCustomers } from './customers.store.ts';
import { selectLiveAt } from './customers.selectors.ts';
import { causeWords, endorsementLabel, endorsementSays, issueWords, missingSentence, requirementWords, statusWords } from './endorsement-words.ts';

function ReqList({ label, items, tone }: { label: string; items: string[]; tone: string }) {
  if (items.length === 0) return null;
  return (
    <div className={`req req-${tone}`}>
      <span className="req-label">{label}</span> {items.map(requirementWords).join(', ')}
    </div>
  );
}

function EndorsementCard({ e, customerStatus }: { e: Endorsement; customerStatus: string }) {
  const w = statusWords(e.status);
  const r = e.requirements;
  return (
    <li className="endorsement" aria-label={`${endorsementLabel(e.name)} endorsement`} data-endorsement={e.name} data-status={e.status}>
      <div className="endorsement-head">
        <strong>{endorsementLabel(e.name)}</strong> <span className="mono muted small">{e.name}</span>
        <StatusBadge tone={customerStatus === 'active' ? w.tone : 'neutral'}>{w.label}</StatusBadge>
        {e.updatedAt && (
          <span className="small muted">
            changed <TimeAgo at={e.updatedAt} />
          </span>
        )}
      </div>
      <p className="says">{endorsementSays(e.status, customerStatus)}</p>
      <ReqList label="Complete:" items={r.complete} tone="ok" />
      <ReqList label="Under review:" items={r.pending} tone="warn" />
      {r.missing.length > 0 && (
        <div className="req req-bad">
          <span className="req-label">Still needed:</span> {missingSentence(r.missing)}
        </div>
      )}
      {r.issues.length > 0 && (
        <div className="req req-bad">
          <span className="req-label">To fix:</span>{' '}
          {r.issues.map((i) => issueWords(i)).join('; ')}
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
    </li>
  );
}

/** Bridge-style requirements view: status, what is complete / under review / missing, and why. */
export function EndorsementsPanel({ customer, headingLevel = 2 }: { customer: CustomerView; headingLevel?: 2 | 3 }) {
  const last = useCustomers(selectLiveAt(customer.id));
  // Only endorsement news belongs here; deposits and other updates go to the Live updates panel.
  const live = last && last.cause.startsWith('customer.endorsement.') ? last : undefined;
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
            <EndorsementCard key={e.name} e={e} customerStatus={customer.status} />
          ))}
        </ul>
      )}
    </section>
  );
}
