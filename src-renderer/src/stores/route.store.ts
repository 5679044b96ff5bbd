import { create } from 'zustand';

export const SECTIONS = ['customers', 'onboarding', 'wallets', 'events', 'logs', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

export const SECTION_LABELS: Record<Section, string> = {
  customers: 'Customers',
  onboarding: 'Onboarding',
  wallets: 'Wallets',
  events: 'Events',
  logs: 'Logs',
  settings: 'Settings',
};

export interface Route {
  section: Section;
  /** Path below the section, e.g. a customer id. */
  rest: string[];
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const section = (SECTIONS as readonly string[]).includes(parts[0] ?? '') ? (parts[0] as Section) : 'customers';
  return { section, rest: parts.slice(1) };
}

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
