import { create } from 'zustand';
import { useRoute } from './route.store.ts';

export interface Notice {
  id: number;
  tone: 'ok' | 'error' | 'info';
  text: string;
  /** The screen that raised it (section and record): a notice is shown only there. */
  screen: string;
}

/** `customers/cst_…`: the section and the record it shows, if any. */
export const screenKey = (route = useRoute.getState().route) => `${route.section}/${route.rest[0] ?? ''}`;

interface NotifyState {
  notices: Notice[];
  push(tone: Notice['tone'], text: string): void;
  dismiss(id: number): void;
}

let nextId = 1;

/** Short-lived notices (toasts) announced through a polite live region. */
export const useNotify = create<NotifyState>((set, get) => ({
  notices: [],
  push: (tone, text) => {
    const id = nextId++;
    set({ notices: [...get().notices.slice(-3), { id, tone, text, screen: screenKey() }] });
    setTimeout(() => get().dismiss(id), tone === 'error' ? 8000 : 4000);
  },
  dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
}));

export const selectNotices = (s: NotifyState) => s.notices;
export const notify = (tone: Notice['tone'], text: string) => useNotify.getState().push(tone, text);
