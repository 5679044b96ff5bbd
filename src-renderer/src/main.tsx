import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createBrowserOms } from './bridge/browser-oms.ts';
import { startSubscriptions } from './bridge/subscriptions.ts';
import { RootBoundary } from './components/ErrorBoundary.tsx';
import { installErrorReporting, loadTestHooks, rootErrorOptions } from './components/error-reporting.ts';
import './styles.css';
import './workflows.css';

// Electron's preload has already exposed window.oms; in browser mode we build the same surface.
if (!('oms' in window)) {
  Object.defineProperty(window, 'oms', { value: createBrowserOms(), writable: false, configurable: false });
}
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
