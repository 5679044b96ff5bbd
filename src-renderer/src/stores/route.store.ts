import { create } from 'zustand';
import { parseHash, type Route, type Section } from '../lib/hash-route.ts';

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
}

/** Hash routing: works identically under app:// (Electron) and http:// (browser mode). */
export const useRoute = create<RouteState>((set) => {
  window.addEventListener('hashchange', () => set({ route: parseHash(window.location.hash) }));
  return {
    route: parseHash(window.location.hash),
    navigate: (section, ...rest) => {
      const hash = `#/${[section, ...rest].map(encodeURIComponent).join('/')}`;
      if (window.location.hash !== hash) window.location.hash = hash;
      set({ route: { section, rest } });
    },
  };
});

export const selectSection = (s: RouteState) => s.route.section;
export const selectRoute = (s: RouteState) => s.route;
export const selectNavigate = (s: RouteState) => s.navigate;
