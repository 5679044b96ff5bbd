import { create } from 'zustand';
import type { OutputOf } from '#shared/ipc/operation.ts';
import type { sandboxContract } from '#shared/ipc/sandbox.contract.ts';
import { api } from '../lib/api-client.ts';
import { mutate } from './mutate.ts';
import { IDLE, LOADING, settled, type Req } from '../lib/request-state.ts';

export type SandboxStatus = OutputOf<typeof sandboxContract.status>;

interface SandboxState {
  status: SandboxStatus | null;
  req: Req;
  load(): Promise<void>;
  setReviewMode(mode: 'auto' | 'manual'): Promise<void>;
}

/** Whether QA controls (the embedded local sandbox) are available on the active profile. */
export const useSandbox = create<SandboxState>((set) => ({
  status: null,
  req: IDLE,
  load: async () => {
    set({ req: LOADING() });
    const r = await api().sandbox.status({});
    set({ req: settled(r), status: r.ok ? r.data : null });
  },
  setReviewMode: async (mode) => {
    const r = await mutate('sandbox.setReviewMode', 'Change review mode', (confirm) => api().sandbox.setReviewMode({ mode, confirm }));
    if (r.ok) set({ status: r.data });
  },
}));

export const selectQaAvailable = (s: SandboxState) => s.status?.available === true;
export const selectSandboxStatus = (s: SandboxState) => s.status;
export const selectSetReviewMode = (s: SandboxState) => s.setReviewMode;
