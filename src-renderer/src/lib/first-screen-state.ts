import type { CustomerSearchPage } from '#shared/ipc/customers.contract.ts';
import type { Result } from '#shared/ipc/result.ts';

/** What the early script leaves for the app: the search it sent, its answer once in, and the box it painted. */
export interface FirstScreenState {
  readonly channel: 'customers.search';
  readonly input: { limit: number };
  /** null when the early call could not be made: the app then sends its own. */
  readonly answer: Promise<Result<CustomerSearchPage> | null>;
  /** The answer, once it has arrived (read synchronously when React takes over). */
  settled?: Result<CustomerSearchPage> | null;
  readonly box: HTMLInputElement;
  /** A row clicked before the app ran: the app opens it once it is there. */
  clicked?: string;
}

/** The markup the build renders from the React components (first-screen-markup.tsx). */
export interface FirstScreenMarkup {
  /** The shell and the customer list as first rendered, sidebar expanded / collapsed. */
  expanded: string;
  collapsed: string;
  /** The answered list's frame: results head, scroll box and an empty listbox. */
  results: string;
}

const KEY = '__omsFirstScreen';

export const readFirstScreen = (): FirstScreenState | undefined => (window as unknown as Record<string, FirstScreenState | undefined>)[KEY];

export function writeFirstScreen(state: FirstScreenState): void {
  Object.defineProperty(window, KEY, { value: state, writable: false, configurable: false });
}

/** The early box as React found it: the text typed into it, the caret, and whether it had focus. */
export interface EarlyBox {
  value: string;
  start: number | null;
  end: number | null;
  direction: 'forward' | 'backward' | 'none' | null;
  focused: boolean;
  /** A row clicked before the app ran. */
  clicked: string | null;
}

let box: EarlyBox | null | undefined;
let done = false;

/**
 * Read while the customer list first renders (the early box is still in the page then, and no key
 * can come between that render and its commit); null once the list has mounted, or with no early box.
 */
export function earlyBox(): EarlyBox | null {
  if (done) return null;
  if (box !== undefined) return box;
  const early = readFirstScreen();
  const el = early?.box;
  box = el?.isConnected
    ? { value: el.value, start: el.selectionStart, end: el.selectionEnd, direction: el.selectionDirection, focused: document.activeElement === el, clicked: early?.clicked ?? null }
    : null;
  return box;
}

/** The list has mounted with the early box's state: later mounts start as they always did. */
export function finishHandover(): void {
  done = true;
}
