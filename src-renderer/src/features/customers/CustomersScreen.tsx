import { useCallback, useEffect, useRef, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../components/States.tsx';
import { CustomerResults } from './CustomerResults.tsx';
import { parseHash } from '../../lib/hash-route.ts';
import { useRoute } from '../../stores/route.store.ts';
import { useCustomers } from './customers.store.ts';
import { jumpToId } from './jump-to-id.ts';
import { selectDirectory, selectLoadMore, selectRunSearch, selectSearch } from './customers.selectors.ts';
import { parseSearch } from './search-syntax.ts';
import { DirectoryProgress } from './DirectoryProgress.tsx';
import { isMoneyHandle, openMoneyHandle, shortHandle } from './money-handle.ts';
import { api } from '../../lib/api-client.ts';
import './customer-search.css';
import { formatCount } from '../../lib/format.ts';

/** What the count line says about where rows came from and what main held back. */
function sourceNote(meta: { source: string; dropped: number; withheld: number } | null): string {
  if (!meta) return '';
  const parts: string[] = [];
  if (meta.source === 'directory') parts.push('from the customer directory');
  if (meta.dropped > 0) parts.push(`${meta.dropped} row${meta.dropped === 1 ? '' : 's'} OMS sent did not match and ${meta.dropped === 1 ? 'is' : 'are'} not shown`);
  if (meta.withheld > 0)
    parts.push(
      `${meta.withheld} customer${meta.withheld === 1 ? '' : 's'} matched only on a hidden email or phone that was searched letter by letter too often; reveal it from the customer (audited) to search by it`,
    );
  return parts.length ? ` · ${parts.join(' · ')}` : '';
}

// A typed key searches at once, in its own input event: each new search aborts the one before it end
// to end (renderer, bridge, main, OMS request), so a waiting period buys nothing and cost every query
// its length plus a timer. Changes that do not come from typing (Back, the palette, a reload) search
// after one frame. The store drops any answer that is not for the text in the box.
const DEBOUNCE_MS = 16;
// The URL follows the box once typing pauses: a history entry rewritten on every key cost the
// browser a same-document navigation per keystroke. Opening a result writes it first.
const URL_WRITE_MS = 400;
const selectQueryQ = (s: { route: { section: string; query: Record<string, string> } }) => (s.route.section === 'customers' ? s.route.query.q : undefined);

/**
 * Keys pressed before the rows of the box's text arrived, done once they have: ↓ moves into the list,
 * Enter opens the only match, and ↓ then Enter opens the first row, as the same keys would on fresh rows.
 */
type Pending = 'focus' | 'enter' | 'focus-enter' | null;

export function CustomersScreen() {
  const search = useCustomers(selectSearch);
  const directory = useCustomers(selectDirectory);
  const runSearch = useCustomers(selectRunSearch);
  const loadMore = useCustomers(selectLoadMore);
  // The query lives in the URL (`#/customers?q=…`): Back, reload and a copied link restore it.
  const urlQ = useRoute(selectQueryQ);
  const [text, setText] = useState(() => urlQ ?? search.text);
  const [jumpNote, setJumpNote] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement | null>(null);
  const first = useRef(true);
  // A key pressed before the results for the box's text arrived: done once they have.
  const pending = useRef<Pending>(null);
  const fresh = search.text === text && search.req.status === 'ok';

  // Someone else set the query (the palette, Back/Forward): the box follows the URL.
  const [seenUrlQ, setSeenUrlQ] = useState(urlQ);
  if (urlQ !== seenUrlQ) {
    setSeenUrlQ(urlQ);
    if (urlQ !== undefined && urlQ !== text) setText(urlQ);
  }

  useEffect(() => {
    // Coming back to the screen keeps the last results instead of searching again.
    if (first.current) {
      first.current = false;
      const prev = useCustomers.getState().search;
      if (prev.req.status !== 'idle' && prev.text === text) return;
    }
    if (parseSearch(text).jump || isMoneyHandle(text)) return;
    const t = setTimeout(() => {
      const cur = useCustomers.getState().search;
      // The key press has already asked for this exact query (or found it malformed).
      if (cur.text === text && cur.seq > 0 && cur.req.status !== 'error') return;
      void runSearch(text);
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, runSearch]);

  const flushUrl = useRef<() => void>(() => {});
  useEffect(() => {
    const write = () => {
      const { route, setQuery } = useRoute.getState();
      // Only while the list is on screen: once another screen is open, the entry is not ours to change.
      // The address is read too: a link followed a moment ago has changed it before its hashchange
      // reached the route store, and rewriting it then would take the user back to the list.
      const live = parseHash(window.location.hash);
      const onList = (r: typeof route) => r.section === 'customers' && !r.rest[0];
      if (onList(route) && onList(live) && route.query.q !== text) setQuery(text ? { q: text } : {}, 'replace');
    };
    const t = setTimeout(write, URL_WRITE_MS);
    flushUrl.current = () => {
      clearTimeout(t);
      write();
    };
    return () => clearTimeout(t);
  }, [text]);
  /** Back from the customer returns to the query typed, even when it was opened within URL_WRITE_MS. */
  const open = useCallback((id: string) => {
    flushUrl.current();
    useRoute.getState().navigate('customers', id);
  }, []);
  const jump = (id: string) => {
    flushUrl.current();
    void jumpToId(id).then(setJumpNote);
  };

  useEffect(() => {
    const want = pending.current;
    if (!want || !fresh) return;
    pending.current = null;
    if ((want === 'enter' && search.ids.length === 1) || (want === 'focus-enter' && search.ids.length > 0)) open(search.ids[0]!);
    else if (search.ids.length > 0) listRef.current?.focus();
  }, [fresh, search.ids, open]);

  // What the directory has done so far, for a screen opened after it started.
  useEffect(() => {
    void api()
      .customers.directory({})
      .then((r) => r.ok && r.data.state !== 'off' && useCustomers.getState().setDirectory(r.data));
  }, []);

  /** A transaction id, hash or address names money, not a customer: open the transaction, or say where it looked. */
  const findMoney = (value: string) => {
    flushUrl.current();
    setJumpNote(`Looking up the transaction for ${shortHandle(value.trim())}…`);
    void openMoneyHandle(value).then((note) => setJumpNote(note));
  };

  const onChange = (value: string) => {
    setText(value);
    setJumpNote(null);
    pending.current = null;
    const parsed = parseSearch(value);
    // A pasted id lands on the record at once, as in Stripe's dashboard.
    if (parsed.jump) jump(parsed.jump.id);
    else if (isMoneyHandle(value)) findMoney(value);
    else void runSearch(value);
  };

  /** Keys act on the results of the text in the box: stale results are never opened or entered. */
  const actWhenFresh = (want: 'focus' | 'enter') => {
    if (fresh) {
      if (want === 'enter' && search.ids.length === 1) open(search.ids[0]!);
      else if (search.ids.length > 0) listRef.current?.focus();
      return;
    }
    // Enter after a waiting ↓ is meant for the row ↓ lands on.
    pending.current = want === 'enter' && (pending.current === 'focus' || pending.current === 'focus-enter') ? 'focus-enter' : want;
    const cur = useCustomers.getState().search;
    if (!(cur.text === text && cur.req.status === 'loading')) void runSearch(text);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      actWhenFresh('focus');
    } else if (e.key === 'Enter') {
      const parsed = parseSearch(text);
      if (parsed.jump) jump(parsed.jump.id);
      else if (isMoneyHandle(text)) findMoney(text);
      else actWhenFresh('enter');
    }
  };

  const { req, parsed, ids } = search;
  // No row yet, though OMS has more pages for this search: nothing to scroll, so the screen offers to read on.
  const onlyMore = ids.length === 0 && search.hasMore;
  const count = onlyMore
    ? `No match in the customers read so far — more to search${sourceNote(search.meta)}`
    : `${ids.length}${search.hasMore ? '+' : ''} customer${ids.length === 1 ? '' : 's'}${search.hasMore ? ' — scroll for more' : ''}${sourceNote(search.meta)}`;
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
          placeholder="Search by name, email, phone, externalId or id — or paste cst_… / wlt_… / txn_… / a hash"
          value={text}
          autoFocus
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <p id="search-help" className="help">
          Filters: <code>email:</code> <code>externalId:</code> <code>status:active</code> <code>endorsement:usd:pending</code> <code>created:2026-01-01..2026-01-31</code>. ↓ moves into the
          results, Enter opens one (or the only match).
        </p>
      </div>
      <div className="result-meta" role="status" aria-live="polite" aria-label="Search status">
        {jumpNote ??
          (parsed.problems.length
            ? parsed.problems.join(' ')
            : req.status === 'ok'
              ? count
              : req.status === 'loading'
                ? // The last rows stay, dimmed, while the next query runs; they are never presented as its answer.
                  ids.length > 0
                  ? `Searching for “${text.trim()}”… (the dimmed rows are for “${search.shownText.trim()}”)`
                  : 'Searching…'
                : '')}
      </div>
      <DirectoryProgress />
      {req.status === 'error' && req.error ? (
        <ErrorState error={req.error} what="customers" onRetry={() => void runSearch(text)} />
      ) : (req.status === 'loading' || (req.status === 'idle' && !parsed.problems.length)) && ids.length === 0 ? (
        <Loading what="customers" />
      ) : req.status === 'ok' && onlyMore ? (
        <Empty title="No match in the customers read so far." hint="OMS lists more customers for this search than the console has checked.">
          <button type="button" className="btn" disabled={search.moreReq.status === 'loading'} onClick={() => void loadMore()}>
            {search.moreReq.status === 'loading' ? 'Searching further…' : 'Search further'}
          </button>
        </Empty>
      ) : req.status === 'ok' && ids.length === 0 ? (
        <Empty
          title="No customers match."
          hint={
            search.meta?.source === 'directory' && directory && directory.state !== 'ready'
              ? `None of the ${formatCount(directory.indexed)} customers indexed so far matches; the list fills in as the directory reads the rest.`
              : Object.keys(parsed.filters).length
                ? 'Check the spelling, remove a filter, or search by id.'
                : 'Create one in Onboarding.'
          }
        />
      ) : (
        <CustomerResults listRef={listRef} onOpen={open} />
      )}
    </section>
  );
}
