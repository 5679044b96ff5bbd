import { create } from 'zustand';
import { formatHash, parseHash, type Route, type Section } from '../lib/hash-route.ts';

export { SECTIONS, type Route, type Section } from '../lib/hash-route.ts';

export const SECTION_LABELS: Record<Section, string> = {
  customers: 'Customers',
  reviews: 'Review queue',
  onboarding: 'Onboarding',
  wallets: 'Wallets',
  transactions: 'Transactions',
  events: 'Events',
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
  window.addEventListener('hashchange', () => set({ route: parseHash(window.location.hash) }));
  const go = (route: Route, mode: 'replace' | 'push') => {
    const hash = formatHash(route);
    if (window.location.hash !== hash) {
      if (mode === 'replace') window.history.replaceState(window.history.state, '', hash);
      else window.location.hash = hash;
    }
    set({ route });
  };
  return {
    route: parseHash(window.location.hash),
    navigate: (section, ...rest) => go({ section, rest, query: {} }, 'push'),
    setQuery: (query, mode = 'replace') => go({ ...get().route, query }, mode),
    open: (section, query, ...rest) => go({ section, rest, query }, 'push'),
  };
});

export const selectSection = (s: RouteState) => s.route.section;
export const selectRoute = (s: RouteState) => s.route;
export const selectNavigate = (s: RouteState) => s.navigate;
