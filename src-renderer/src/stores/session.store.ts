import { create } from 'zustand';
import type { AppInfo } from '#shared/ipc/app.contract.ts';
import type { AppError } from '#shared/ipc/result.ts';
import { api } from '../lib/api-client.ts';

interface SessionState {
  info: AppInfo | null;
  infoError: AppError | null;
  lastHeartbeatAt: number | null;
  heartbeatSeq: number;
  loadInfo(): Promise<void>;
  heartbeat(seq: number): void;
}

export const useSession = create<SessionState>((set) => ({
  info: null,
  infoError: null,
  lastHeartbeatAt: null,
  heartbeatSeq: 0,
  loadInfo: async () => {
    const r = await api().app.info({});
    // A successful round trip proves main is alive just as a heartbeat does: count it, so the
    // indicator is live at once instead of waiting up to one heartbeat period after a page load.
    set(r.ok ? { info: r.data, infoError: null, lastHeartbeatAt: Date.now() } : { infoError: r.error });
  },
  heartbeat: (seq) => set({ lastHeartbeatAt: Date.now(), heartbeatSeq: seq }),
}));

export const selectInfo = (s: SessionState) => s.info;
export const selectInfoError = (s: SessionState) => s.infoError;
export const selectLastHeartbeat = (s: SessionState) => s.lastHeartbeatAt;
export const selectHeartbeatSeq = (s: SessionState) => s.heartbeatSeq;
