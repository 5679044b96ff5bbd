import type { QueueGroup, ReviewQueueEntry } from '#shared/ipc/customers.contract.ts';
import { TimeSince } from '../../components/TimeAgo.tsx';
import { endorsementLabel, statusWords } from '../customers/endorsement-words.ts';

export const GROUP_TITLE: Record<QueueGroup, string> = { decision: 'Needs a decision', customer: 'Waiting on the customer' };
const GROUP_HINT: Record<QueueGroup, string> = {
  decision: 'An endorsement is pending: a reviewer decides.',
  customer: 'Rejected or incomplete: the customer sends data or retries; follow up.',
};

interface Props {
  items: ReviewQueueEntry[];
  counts: Record<QueueGroup, number>;
  activeIndex: number;
  openId: string | undefined;
  onKeyDown: (e: React.KeyboardEvent) => void;
  onPick: (index: number) => void;
}

/**
 * One listbox, two labelled groups: customers whose endorsement waits for a decision come first,
 * those waiting on the customer apart below; arrows move through both as one list.
 */
export function QueueList({ items, counts, activeIndex, openId, onKeyDown, onPick }: Props) {
  const groups: QueueGroup[] = ['decision', 'customer'];
  return (
    <div
      role="listbox"
      aria-label="Review queue"
      tabIndex={0}
      aria-activedescendant={items[activeIndex] ? `queue-${items[activeIndex].customerId}` : undefined}
      onKeyDown={onKeyDown}
      className="queue-options"
    >
      {groups.map((g) => {
        const rows = items.map((e, i) => [e, i] as const).filter(([e]) => e.group === g);
        if (rows.length === 0) return null;
        return (
          <div key={g} role="group" aria-labelledby={`queue-group-${g}`} className="queue-group">
            <div id={`queue-group-${g}`} className="queue-group-head" title={GROUP_HINT[g]}>
              {GROUP_TITLE[g]} <span className="queue-group-count">({counts[g]})</span>
            </div>
            {rows.map(([e, i]) => (
              <div
                key={e.customerId}
                id={`queue-${e.customerId}`}
                role="option"
                aria-selected={e.customerId === openId}
                className={`queue-row${i === activeIndex ? ' active' : ''}${e.customerId === openId ? ' open' : ''}`}
                onClick={() => onPick(i)}
              >
                <strong className="queue-name">{e.name}</strong>
                <span className="queue-what">{e.endorsements.map((x) => `${endorsementLabel(x.name)}: ${statusWords(x.status).label.toLowerCase()}`).join(' · ')}</span>
                <span className="queue-since small muted">
                  {e.waitingSince ? (
                    <>
                      waiting <TimeSince at={e.waitingSince} />
                    </>
                  ) : (
                    'waiting'
                  )}
                </span>
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}
