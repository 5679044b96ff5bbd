import type { OmsApi } from '#shared/ipc/build-api.ts';

declare global {
  interface Window {
    oms: OmsApi;
  }
}

/**
 * The renderer's one seam to main. Components and stores call `api()`; tests can replace the
 * implementation with `setApi`.
 */
let current: OmsApi | null = null;

export function api(): OmsApi {
  if (!current) current = window.oms;
  return current;
}

export function setApi(next: OmsApi): void {
  current = next;
}
