import { create } from 'zustand';
import { formatHash, parseHash, renamedHash, type Route, type Section } from '../lib/hash-route.ts';

export { SECTIONS, type Route, type Section } from '../lib/hash-route.ts';

export const SECTION_LABELS: Record<Section, string> = {
  customers: 'Customers',
  reviews: 'Review queue',
  onboarding: 'Onboarding',
  wallets: 'Wallets',
  transactions: 'Transactions',
  inbox: 'Inbox',
  logs: 'Logs',
  settings: 'Settings',
};

interface RouteState {
  route: Route;
  navigate(section: Section, ...rest: string[]): void;
  /**
   * Sets the current screen's query. `replace` (typing) rewrites the history entry so Back leaves
   * the screen rather than stepping through keystrokes; `push` makes a new entry.
   */
  setQuery(query: Record<string, string>, mode?: 'replace' | 'push'): void;
  /** Goes to a screen with a query in one history entry (the palette's "search customers"). */
  open(section: Section, query: Record<string, string>, ...rest: string[]): void;
}

/** Hash routing: works identically under app:// (Electron) and http:// (browser mode). */
export const useRoute = create<RouteState>((set, get) => {
  // A former section name opens its screen under the current one, in place of the old entry (no
  // extra step for Back), so the address bar and a copied link show the name the nav shows.
  const current = () => {
    const renamed = renamedHash(window.location.hash);
    if (renamed) window.history.replaceState(window.history.state, '', renamed);
    return parseHash(window.location.hash);
  };
  window.addEventListener('hashchange', () => set({ route: current() }));
  const go = (route: Route, mode: 'replace' | 'push') => {
    const hash = formatHash(route);
    if (window.location.hash !== hash) {
      if (mode === 'replace') window.history.replaceState(window.history.state, '', hash);
      else window.location.hash = hash;
    }
    set({ route });
  };
  return {
    route: current(),
    navigate: (section, ...rest) => go({ section, rest, query: {} }, 'push'),
    setQuery: (query, mode = 'replace') => go({ ...get().route, query }, mode),
    open: (section, query, ...rest) => go({ section, rest, query }, 'push'),
  };
});

export const selectSection = (s: RouteState) => s.route.section;
export const selectRoute = (s: RouteState) => s.route;
export const selectNavigate = (s: RouteState) => s.navigate;
