import { useState } from 'react';
import type { CustomerView } from '#shared/domain/customer.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { selectQaAvailable, useSandbox } from '../../stores/sandbox.store.ts';
import { DecisionControls } from './DecisionControls.tsx';
import { endorsementLabel, statusWords } from './endorsement-words.ts';

/**
 * Sandbox-only decisions, in their own visibly marked area: on a real OMS the decision is OMS's, so
 * a support view of a real profile never shows these buttons (the panel renders nothing there).
 * `folded` starts it closed: beside a customer's data a support agent must not meet Reject or Revoke
 * by accident, while the wizard, where QA decides on purpose, shows it open.
 */
export function QaDecisionsPanel({
  customer,
  onDecided,
  folded = false,
  shortcutsFor,
}: {
  customer: CustomerView;
  onDecided?: () => void;
  folded?: boolean;
  shortcutsFor?: string | undefined;
}) {
  const qa = useSandbox(selectQaAvailable);
  const [open, setOpen] = useState(!folded);
  // An inactive customer cannot change, so there is nothing to decide for it.
  if (!qa || customer.endorsements.length === 0 || customer.status !== 'active') return null;
  const bodyId = `qa-body-${customer.id}`;
  return (
    <section className="panel panel-qa" aria-labelledby={`qa-${customer.id}`}>
      <div className="panel-head">
        <h2 id={`qa-${customer.id}`}>
          <span className="qa-tag">QA</span> Sandbox decisions
        </h2>
        {folded && (
          <button type="button" className="btn btn-small push-right" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
            {open ? 'Hide sandbox decisions' : 'Show sandbox decisions'}
          </button>
        )}
      </div>
      <p className="help">
        Stands in for OMS compliance on the local sandbox only{open ? '.' : ': approve, reject or revoke an endorsement here, for testing.'}
      </p>
      {open && (
        <ul className="qa-list" id={bodyId}>
          {customer.endorsements.map((e) => {
            const w = statusWords(e.status);
            return (
              <li key={e.name} className="qa-item">
                <div className="qa-item-head">
                  <strong>{endorsementLabel(e.name)}</strong> <StatusBadge tone={w.tone}>{w.label}</StatusBadge>
                </div>
                <DecisionControls key={`${e.name}:${e.status}`} customer={customer} e={e} shortcuts={e.name === shortcutsFor} {...(onDecided ? { onDecided } : {})} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
