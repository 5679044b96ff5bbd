import type { CustomerView } from '#shared/domain/customer.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { selectQaAvailable, useSandbox } from '../../stores/sandbox.store.ts';
import { DecisionControls } from './DecisionControls.tsx';
import { endorsementLabel, statusWords } from './endorsement-words.ts';

/**
 * Sandbox-only decisions, in their own visibly marked area: on a real OMS the decision is OMS's, so
 * a support view of a real profile never shows these buttons (the panel renders nothing there).
 */
export function QaDecisionsPanel({ customer, onDecided, shortcutsFor }: { customer: CustomerView; onDecided?: () => void; shortcutsFor?: string | undefined }) {
  const qa = useSandbox(selectQaAvailable);
  if (!qa || customer.endorsements.length === 0) return null;
  return (
    <section className="panel panel-qa" aria-labelledby={`qa-${customer.id}`}>
      <div className="panel-head">
        <h2 id={`qa-${customer.id}`}>
          <span className="qa-tag">QA</span> Sandbox decisions
        </h2>
        <span className="help">Stands in for OMS compliance on the local sandbox only.</span>
      </div>
      <ul className="qa-list">
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
    </section>
  );
}
