/** Where the sidebar's collapsed state is remembered; read by the shell and by the first screen's early paint. */
export const SIDEBAR_KEY = 'oms-console.sidebar';

/** Collapsed by choice (remembered), or by default on windows too narrow for the full sidebar. */
export function initialCollapsed(): boolean {
  const saved = localStorage.getItem(SIDEBAR_KEY);
  return saved ? saved === 'collapsed' : window.innerWidth < 1100;
}
