import { create } from 'zustand';

interface ShortcutsState {
  open: boolean;
  setOpen(open: boolean): void;
}

/** Whether the keyboard shortcuts list is open (`?` anywhere outside a text field). */
export const useShortcutsHelp = create<ShortcutsState>((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));

export const selectShortcutsOpen = (s: ShortcutsState) => s.open;

/** The modifier key's name on this machine, as the keyboard shows it. */
export const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

/** Typing in a field must never trigger a one-key shortcut. */
export const isTyping = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/** A plain key press meant as a shortcut: no modifier (Shift aside), not in a field, no dialog open. */
export const isShortcut = (e: KeyboardEvent): boolean =>
  !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target) && !document.querySelector('dialog[open], [role="dialog"][aria-modal="true"]');
