import type { DirectoryStatus } from '#shared/ipc/customers.contract.ts';
import { api } from '../../lib/api-client.ts';
import { useCustomers } from './customers.store.ts';
import { selectDirectory } from './customers.selectors.ts';
import { formatCount } from '../../lib/format.ts';

const n = (x: number) => formatCount(x);

/** "Indexed 12,400 of ~30,000 customers": what the search box can see while the directory builds. */
export function directoryWords(d: DirectoryStatus): string {
  const of = d.estimate && d.estimate > d.indexed ? ` of ~${n(d.estimate)}` : '';
  if (d.state === 'building') return `Indexed ${n(d.indexed)}${of} customers…`;
  if (d.state === 'paused') return `Paused at ${n(d.indexed)}${of} customers.`;
  if (d.state === 'failed') return d.message ?? `Stopped at ${n(d.indexed)} customers.`;
  return `${n(d.indexed)} customers indexed.`;
}

/**
 * Shown on OMSes without text search (every real OMS): the console walks the documented customer
 * list into an in-memory directory, and results come from what is indexed so far, which it says.
 */
export function DirectoryProgress() {
  const d = useCustomers(selectDirectory);
  if (!d || d.state === 'off' || d.state === 'ready') return null;
  const control = (action: 'pause' | 'resume') => void api().customers.directoryControl({ action }).then((r) => r.ok && useCustomers.getState().setDirectory(r.data));
  return (
    <div className={`directory-progress ${d.state}`} role="status" aria-live="polite">
      <span>{directoryWords(d)}</span>
      {d.state === 'building' ? (
        <button type="button" className="btn btn-small" onClick={() => control('pause')}>
          Pause indexing
        </button>
      ) : (
        <button type="button" className="btn btn-small" onClick={() => control('resume')}>
          Resume indexing
        </button>
      )}
      <progress aria-label="Customer directory" max={d.estimate && d.estimate > d.indexed ? d.estimate : undefined} value={d.estimate && d.estimate > d.indexed ? d.indexed : undefined} />
      <span className="why">
        This OMS has no text search, so the console reads its customer list into a directory kept in memory. Until it has read them all, results come
        only from the customers indexed so far; an exact email, externalId or id is asked of OMS directly.
      </span>
    </div>
  );
}
