import { useEffect, useRef } from 'react';
import { useRoute, type Section } from '../stores/route.store.ts';
import { isShortcut, MOD, selectShortcutsOpen, useShortcutsHelp } from '../stores/shortcuts.store.ts';

/** ⌘/Ctrl + 1–7, in the order of the desktop menu's Go items. */
const SCREEN_KEYS: readonly Section[] = ['customers', 'onboarding', 'wallets', 'transactions', 'inbox', 'logs', 'settings'];

/**
 * The desktop app's menu owns these accelerators and sends them as `event.app.command`; handling
 * the key here as well would navigate twice, so the renderer answers them only in browser mode.
 */
const menuHasScreenKeys = /\bElectron\//.test(navigator.userAgent);

/** The screen a ⌘/Ctrl + digit press asks for, or null (other modifiers, other keys). */
export function screenForKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): Section | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return null;
  return /^[1-7]$/.test(e.key) ? SCREEN_KEYS[Number(e.key) - 1]! : null;
}

const GROUPS: [string, [string, string][]][] = [
  [
    'Everywhere',
    [
      [`${MOD} K`, 'Search customers or jump to a pasted id'],
      ['?', 'This list of shortcuts'],
      [`${MOD} 1 – 7`, 'Customers, Onboarding, Wallets, Transactions, Inbox, Logs, Settings'],
      [`${MOD} ${MOD === '⌘' ? '⇧' : 'Shift'} P`, 'Switch profile (desktop app)'],
      [`${MOD} R`, 'Reload the data on screen (desktop app)'],
    ],
  ],
  ['Lists', [['↑ ↓ Home End', 'Move through the rows'], ['Enter', 'Open the row']]],
  [
    'Review queue',
    [
      ['A', 'Approve the endorsement waiting first'],
      ['R', 'Reject it (asks for the reason the customer hears)'],
      ['F', 'Write a follow-up note'],
      ['N', 'Next customer in the queue'],
      ['P', 'Previous customer'],
      [`${MOD} Enter`, 'Confirm the decision, or save the note'],
      ['Esc', 'Cancel the decision'],
    ],
  ],
];

/** The console's keyboard shortcuts in one modal list, opened with `?` or from the sidebar. */
export function ShortcutsHelp() {
  const open = useShortcutsHelp(selectShortcutsOpen);
  const ref = useRef<HTMLDialogElement | null>(null);
  const returnFocus = useRef<Element | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const screen = menuHasScreenKeys ? null : screenForKey(e);
      // Not while a modal is open: it keeps the focus until it is closed.
      if (screen && !document.querySelector('dialog[open], [role="dialog"][aria-modal="true"]')) {
        e.preventDefault();
        useRoute.getState().navigate(screen);
        return;
      }
      if (e.key !== '?' || !isShortcut(e)) return;
      e.preventDefault();
      useShortcutsHelp.getState().setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      returnFocus.current = document.activeElement;
      d.showModal();
    } else if (!open && d.open) {
      d.close();
      (returnFocus.current as HTMLElement | null)?.focus?.();
    }
  }, [open]);
  const close = () => useShortcutsHelp.getState().setOpen(false);
  return (
    <dialog
      ref={ref}
      className="dialog shortcuts-help"
      aria-labelledby="shortcuts-title"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      {open && (
        <>
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          {GROUPS.map(([title, keys]) => (
            <section key={title} aria-label={title}>
              <h3>{title}</h3>
              <dl className="shortcut-list">
                {keys.map(([k, what]) => (
                  <div key={k}>
                    <dt>
                      <kbd>{k}</kbd>
                    </dt>
                    <dd>{what}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <div className="form-actions">
            <button type="button" className="btn" onClick={close} autoFocus>
              Close
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
