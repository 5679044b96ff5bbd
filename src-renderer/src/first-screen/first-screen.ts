/**
 * The first screen before the bundle: a small classic script, run as soon as the HTML is parsed,
 * that sends the customer list's first search through the app's own transport and paints the shell,
 * the search box and the first rows with the markup React renders (built from the same components
 * and the same row description), while the browser still fetches and compiles the app. The app
 * then takes over the answer (no second round trip) and whatever was typed into the box meanwhile.
 * No React and no zod here: it must stay a few kB.
 */
import type { CustomerSearchPage } from '#shared/ipc/customers.contract.ts';
import type { Result } from '#shared/ipc/result.ts';
import markup from 'virtual:first-screen-markup';
import { initialCollapsed } from '../components/sidebar-pref.ts';
import { listSetSize, resultRowMarkup, ROW_HEIGHT } from '../features/customers/result-row-markup.ts';
import { searchCountLine } from '../features/customers/search-count.ts';
import { SEARCH_PAGE } from '../features/customers/search-syntax.ts';
import { parseHash } from '../lib/hash-route.ts';
import { toDom } from '../lib/markup-tree.ts';
import { writeFirstScreen, type FirstScreenState } from '../lib/first-screen-state.ts';

type Answer = Result<CustomerSearchPage> | null;
type Search = (input: unknown) => Promise<Answer>;

/** Electron's preload has exposed window.oms already; in browser mode, the bridge's invoke endpoint (its cookie). */
function transport(): Search {
  const oms = (window as unknown as { oms?: { customers?: { search?: Search } } }).oms;
  const search = oms?.customers?.search;
  if (typeof search === 'function') return (input) => search(input).catch(() => null);
  return (input) =>
    fetch(`${location.origin}/api/invoke/customers.search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
      credentials: 'same-origin',
    })
      // Anything but a plain answer (a refused cookie, a dropped connection) is left to the app's own call.
      .then((res) => (res.status === 200 ? (res.json() as Promise<Answer>) : null))
      .catch(() => null);
}

/** The answered list: rows as React's list renders them, the count line as the screen words it. */
function paintRows(root: HTMLElement, state: FirstScreenState, page: CustomerSearchPage): void {
  const box = state.box;
  // Taken over by React already, or a list the screen shows differently (empty, a directory building).
  if (!box.isConnected || page.items.length === 0) return;
  if (page.directory && page.directory.state !== 'off' && page.directory.state !== 'ready') return;
  const loading = root.querySelector('.customers-screen .state-loading');
  const status = root.querySelector('.customers-screen .result-meta');
  if (!loading || !status) return;
  const tpl = document.createElement('template');
  tpl.innerHTML = markup.results;
  const results = tpl.content.firstElementChild as HTMLElement | null;
  const list = results?.querySelector<HTMLElement>('[role="listbox"]');
  if (!results || !list) return;
  const total = listSetSize(page.items.length, page.hasMore);
  page.items.forEach((c, index) => list.append(toDom(resultRowMarkup(c, { index, active: index === 0, total, top: index * ROW_HEIGHT }))));
  list.setAttribute('aria-activedescendant', `result-${page.items[0]!.id}`);
  list.style.height = `${page.items.length * ROW_HEIGHT}px`;
  // A click on a row is kept for the app, which opens it once mounted; keys wait for the app.
  list.addEventListener('click', (e) => {
    const row = (e.target as Element).closest('[role="option"]');
    if (row) state.clicked = row.id.replace(/^result-/, '');
  });
  loading.replaceWith(results);
  status.textContent = searchCountLine(page.items.length, page.hasMore, page);
}

function start(): void {
  const route = parseHash(location.hash);
  if (route.section !== 'customers' || route.rest.length > 0 || route.query.q) return;
  const root = document.getElementById('root');
  if (!root || root.firstChild) return;
  const input = { limit: SEARCH_PAGE };
  const answer = transport()(input);
  // Our own build's markup, no data in it: the rows below are built as DOM nodes from text.
  root.innerHTML = initialCollapsed() ? markup.collapsed : markup.expanded;
  const box = root.querySelector<HTMLInputElement>('input[type="search"]');
  if (!box) return;
  // React focuses its box by script and writes no autofocus attribute: so does this.
  box.removeAttribute('autofocus');
  box.focus();
  const state: FirstScreenState = { channel: 'customers.search', input, answer, box };
  writeFirstScreen(state);
  void answer.then((r) => {
    state.settled = r;
    if (r?.ok) paintRows(root, state, r.data);
  });
}

start();
