import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createBrowserOms } from './bridge/browser-oms.ts';
import { startSubscriptions } from './bridge/subscriptions.ts';
import './styles.css';
import './workflows.css';

// Electron's preload has already exposed window.oms; in browser mode we build the same surface.
if (!('oms' in window)) {
  Object.defineProperty(window, 'oms', { value: createBrowserOms(), writable: false, configurable: false });
}
startSubscriptions();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
