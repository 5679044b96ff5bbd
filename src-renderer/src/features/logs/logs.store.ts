import { create } from 'zustand';
import type { AuditRow, RequestLogRow } from '#shared/ipc/logs.contract.ts';
import { api } from '../../lib/api-client.ts';
import { IDLE, LOADING, settled, type Req } from '../../lib/request-state.ts';

export interface LogsState {
  tab: 'audit' | 'requests';
  requests: { items: RequestLogRow[]; hasMore: boolean; req: Req };
  audit: { items: AuditRow[]; hasMore: boolean; req: Req };
  auditFilter: string;
  setTab(tab: LogsState['tab']): void;
  setAuditFilter(action: string): void;
  loadRequests(): Promise<void>;
  loadAudit(): Promise<void>;
}

// The audit read in flight: typing a filter aborts the previous one, so an answer for an older
// filter can neither overwrite the newest nor keep main reading for nobody.
let auditCtl: AbortController | null = null;

export const useLogs = create<LogsState>((set, get) => ({
  tab: 'audit',
  requests: { items: [], hasMore: false, req: IDLE },
  audit: { items: [], hasMore: false, req: IDLE },
  auditFilter: '',
  setTab: (tab) => set({ tab }),
  setAuditFilter: (auditFilter) => {
    set({ auditFilter });
    void get().loadAudit();
  },
  loadRequests: async () => {
    set({ requests: { ...get().requests, req: LOADING(get().requests.req) } });
    const r = await api().logs.requests({ limit: 200 });
    set({ requests: r.ok ? { ...r.data, req: settled(r) } : { ...get().requests, req: settled(r) } });
  },
  loadAudit: async () => {
    auditCtl?.abort();
    const ctl = (auditCtl = new AbortController());
    set({ audit: { ...get().audit, req: LOADING(get().audit.req) } });
    const f = get().auditFilter.trim();
    const r = await api().logs.audit({ limit: 200, ...(f ? { action: f } : {}) }, { signal: ctl.signal });
    if (ctl !== auditCtl) return;
    auditCtl = null;
    set({ audit: r.ok ? { ...r.data, req: settled(r) } : { ...get().audit, req: settled(r) } });
  },
}));

export const selectTab = (s: LogsState) => s.tab;
export const selectRequests = (s: LogsState) => s.requests;
export const selectAudit = (s: LogsState) => s.audit;
export const selectAuditFilter = (s: LogsState) => s.auditFilter;
