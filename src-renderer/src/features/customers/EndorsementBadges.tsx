import type { CustomerView } from '#shared/domain/customer.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { endorsementLabel, statusWords } from './endorsement-words.ts';

/** Compact badges for a results row: endorsement name plus its status in words. */
export function EndorsementBadges({ customer }: { customer: CustomerView }) {
  if (customer.endorsements.length === 0) return <span className="muted">No endorsements</span>;
  return (
    <span className="badges">
      {customer.endorsements.map((e) => {
        const w = statusWords(e.status);
        return (
          <StatusBadge key={e.name} tone={w.tone} title={`${endorsementLabel(e.name)}: ${w.label}`}>
            {e.name} {w.label.toLowerCase()}
          </StatusBadge>
        );
      })}
    </span>
  );
}

export function customerName(c: CustomerView): string {
  const name = [c.firstName, c.middleName, c.lastName].filter(Boolean).join(' ');
  return name || 'Unnamed customer';
}
