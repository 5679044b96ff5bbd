import type { OmsApi } from '#shared/ipc/build-api.ts';

declare global {
  interface Window {
    oms: OmsApi;
  }
}

/**
 * The renderer's one seam to main: components and stores call `api()`, never `window.oms`, so the
 * transport (preload in Electron, the loopback bridge in browser mode) stays out of the features.
 */
export function api(): OmsApi {
  return window.oms;
}
