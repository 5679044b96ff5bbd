import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createBrowserOms } from './bridge/browser-oms.ts';
import { startSubscriptions } from './bridge/subscriptions.ts';
import { RootBoundary } from './components/ErrorBoundary.tsx';
import { installErrorReporting, loadTestHooks, rootErrorOptions } from './components/error-reporting.ts';
import { holdReadsUntil } from './lib/api-client.ts';
import { useRoute } from './stores/route.store.ts';
import './styles.css';
import './workflows.css';

// Long enough for a first start's search (the sandbox may still be starting), short enough that a
// start whose search never goes out (a jump query in the URL) soon shows its status.
const FIRST_ROWS_WAIT_MS = 2000;

// Electron's preload has already exposed window.oms; in browser mode we build the same surface.
if (!('oms' in window)) {
  Object.defineProperty(window, 'oms', { value: createBrowserOms(), writable: false, configurable: false });
}
// Opened on the customer list, the person waits for its rows: the shell's status reads follow them.
const { section, rest } = useRoute.getState().route;
if (section === 'customers' && rest.length === 0) holdReadsUntil('customers.search', FIRST_ROWS_WAIT_MS);
installErrorReporting();
startSubscriptions();
loadTestHooks();

createRoot(document.getElementById('root') as HTMLElement, rootErrorOptions).render(
  <StrictMode>
    <RootBoundary>
      <App />
    </RootBoundary>
  </StrictMode>,
);
