import { create } from 'zustand';
import type { WebhookView } from '#shared/domain/webhook.ts';
import type { AppError } from '#shared/ipc/result.ts';
import { api } from '../../lib/api-client.ts';
import { isCancelled, mutate } from '../../stores/mutate.ts';

export interface EndpointsState {
  /** OMS's endpoints for the active profile; null until the first answer. */
  list: WebhookView[] | null;
  /** Why the list could not be read. */
  loadError: AppError | null;
  /** Why a pause, resume or delete failed: shown beside a list that is still there. */
  actionError: AppError | null;
  registering: boolean;
  formError: AppError | null;
  load(): Promise<void>;
  /** True once OMS has the endpoint (the form empties then); the list is read again. */
  register(input: { url: string; events: string[] }): Promise<boolean>;
  act(w: WebhookView, what: 'pause' | 'resume' | 'delete'): Promise<void>;
  reset(): void;
}

// A profile switch bumps `profile`: any answer started before it is dropped, so one profile's
// endpoints never show under another's banner. `loads` keeps only the newest list read.
let profile = 0;
let loads = 0;

const EMPTY = { list: null, loadError: null, actionError: null, registering: false, formError: null } as const;

export const useEndpoints = create<EndpointsState>((set, get) => ({
  ...EMPTY,

  load: async () => {
    const mine = ++loads;
    const r = await api().webhooks.list({});
    if (mine !== loads) return;
    if (r.ok) set({ list: r.data, loadError: null });
    else set({ loadError: r.error });
  },

  register: async ({ url, events }) => {
    if (get().registering) return false;
    const mine = profile;
    set({ registering: true, formError: null });
    const r = await mutate('webhooks.create', 'Register a webhook endpoint', (confirm) => api().webhooks.create({ url, events, confirm }));
    if (mine !== profile) return false;
    set({ registering: false });
    if (r.ok) {
      void get().load();
      return true;
    }
    if (!isCancelled(r)) set({ formError: r.error });
    return false;
  },

  act: async (w, what) => {
    const mine = profile;
    set({ actionError: null });
    const r =
      what === 'delete'
        ? await mutate('webhooks.delete', `Delete the endpoint ${w.url}`, (confirm) => api().webhooks.delete({ webhookId: w.id, confirm }))
        : await mutate('webhooks.setEnabled', `${what === 'pause' ? 'Pause' : 'Resume'} the endpoint ${w.url}`, (confirm) =>
            api().webhooks.setEnabled({ webhookId: w.id, enabled: what === 'resume', confirm }),
          );
    if (mine !== profile) return;
    if (r.ok) void get().load();
    else if (!isCancelled(r)) set({ actionError: r.error });
  },

  reset: () => {
    profile++;
    loads++;
    set(EMPTY);
  },
}));

export const selectEndpoints = (s: EndpointsState) => s.list;
export const selectEndpointsLoadError = (s: EndpointsState) => s.loadError;
export const selectEndpointsActionError = (s: EndpointsState) => s.actionError;
export const selectRegistering = (s: EndpointsState) => s.registering;
export const selectEndpointFormError = (s: EndpointsState) => s.formError;
