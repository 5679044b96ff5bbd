import { useEffect, useRef, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../components/States.tsx';
import { CustomerResults } from './CustomerResults.tsx';
import { useCustomers } from './customers.store.ts';
import { jumpToId } from './jump-to-id.ts';
import { selectRunSearch, selectSearch } from './customers.selectors.ts';
import { parseSearch } from './search-syntax.ts';

const DEBOUNCE_MS = 180;

export function CustomersScreen() {
  const search = useCustomers(selectSearch);
  const runSearch = useCustomers(selectRunSearch);
  const [text, setText] = useState(search.text);
  const [jumpNote, setJumpNote] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement | null>(null);
  const first = useRef(true);

  useEffect(() => {
    // Coming back to the screen keeps the last results instead of searching again.
    if (first.current) {
      first.current = false;
      const prev = useCustomers.getState().search;
      if (prev.req.status !== 'idle' && prev.text === text) return;
    }
    if (parseSearch(text).jump) return;
    const t = setTimeout(() => void runSearch(text), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, runSearch]);

  const onChange = (value: string) => {
    setText(value);
    setJumpNote(null);
    const parsed = parseSearch(value);
    // A pasted id lands on the record at once, as in Stripe's dashboard.
    if (parsed.jump) void jumpToId(parsed.jump.id).then(setJumpNote);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      listRef.current?.focus();
    } else if (e.key === 'Enter') {
      const parsed = parseSearch(text);
      if (parsed.jump) void jumpToId(parsed.jump.id).then(setJumpNote);
      else if (search.ids[0]) listRef.current?.focus();
    }
  };

  const { req, parsed, ids } = search;
  return (
    <section className="screen customers-screen">
      <header className="screen-head">
        <h1>Customers</h1>
      </header>
      <div className="search-bar">
        <input
          type="search"
          className="search-input"
          aria-label="Search customers"
          aria-describedby="search-help"
          placeholder="Search by name, email, phone or id — or paste cst_… / wlt_…"
          value={text}
          autoFocus
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <p id="search-help" className="help">
          Filters: <code>email:</code> <code>externalId:</code> <code>status:active</code> <code>endorsement:usd:pending</code>. ↓ moves into the
          results, Enter opens one.
        </p>
      </div>
      <div className="result-meta" role="status" aria-live="polite">
        {jumpNote ??
          (parsed.problems.length
            ? parsed.problems.join(' ')
            : req.status === 'ok'
              ? `${ids.length}${search.hasMore ? '+' : ''} customer${ids.length === 1 ? '' : 's'}${search.hasMore ? ' — scroll for more' : ''}`
              : req.status === 'loading'
                ? 'Searching…'
                : '')}
      </div>
      {req.status === 'error' && req.error ? (
        <ErrorState error={req.error} what="customers" onRetry={() => void runSearch(text)} />
      ) : (req.status === 'loading' || (req.status === 'idle' && !parsed.problems.length)) && ids.length === 0 ? (
        <Loading what="customers" />
      ) : req.status === 'ok' && ids.length === 0 ? (
        <Empty
          title="No customers match."
          hint={Object.keys(parsed.filters).length ? 'Check the spelling, remove a filter, or search by id.' : 'Create one in Onboarding.'}
        />
      ) : (
        <CustomerResults listRef={listRef} />
      )}
    </section>
  );
}
