import { create } from 'zustand';
import type { TransactionView as Transaction } from '#shared/domain/transaction.ts';
import type { WalletBalanceView as WalletBalance, WalletView as Wallet } from '#shared/domain/wallet.ts';
import type { Result } from '#shared/ipc/result.ts';
import { api } from '../../lib/api-client.ts';
import { mutate } from '../../stores/mutate.ts';
import { LOADING, settled, type Req } from '../../lib/request-state.ts';

export interface WalletsState {
  byId: Record<string, Wallet>;
  /** Wallet ids per customer, with the status of the list request. */
  byCustomer: Record<string, { ids: string[]; req: Req }>;
  balances: Record<string, { data: WalletBalance | null; req: Req }>;
  transactions: Record<string, { items: Transaction[]; req: Req }>;
  createReq: Record<string, Req>;
  depositReq: Record<string, Req>;
  loadFor(customerId: string): Promise<void>;
  refreshBalance(walletId: string): Promise<void>;
  loadTransactions(customerId: string): Promise<void>;
  create(customerId: string, asset: string, chain: string): Promise<Result<Wallet>>;
  simulateDeposit(walletId: string, amount: string): Promise<Result<WalletBalance>>;
  changed(customerId: string | null, walletId: string | null, cause: string): void;
  reset(): void;
}

// A profile switch (reset) bumps `generation`: an answer to a read started before it belongs to the
// old profile and is dropped. `balanceReads` keeps only the newest read per wallet: two refreshes
// (a webhook, then a deposit) can answer out of order, and the older balance must not win.
let generation = 0;
const balanceReads = new Map<string, number>();
let reads = 0;

export const useWallets = create<WalletsState>((set, get) => ({
  byId: {},
  byCustomer: {},
  balances: {},
  transactions: {},
  createReq: {},
  depositReq: {},

  loadFor: async (customerId) => {
    const prev = get().byCustomer[customerId];
    set({ byCustomer: { ...get().byCustomer, [customerId]: { ids: prev?.ids ?? [], req: LOADING(prev?.req) } } });
    const gen = generation;
    const r = await api().wallets.list({ customerId, limit: 100 });
    if (gen !== generation) return;
    if (!r.ok) {
      set({ byCustomer: { ...get().byCustomer, [customerId]: { ids: prev?.ids ?? [], req: settled(r) } } });
      return;
    }
    const byId = { ...get().byId };
    for (const w of r.data.items) byId[w.id] = w;
    set({ byId, byCustomer: { ...get().byCustomer, [customerId]: { ids: r.data.items.map((w) => w.id), req: settled(r) } } });
    await Promise.all(r.data.items.map((w) => get().refreshBalance(w.id)));
  },

  refreshBalance: async (walletId) => {
    const prev = get().balances[walletId];
    set({ balances: { ...get().balances, [walletId]: { data: prev?.data ?? null, req: LOADING(prev?.req) } } });
    const gen = generation;
    const mine = ++reads;
    balanceReads.set(walletId, mine);
    const r = await api().wallets.balance({ walletId });
    if (gen !== generation || balanceReads.get(walletId) !== mine) return;
    balanceReads.delete(walletId);
    set({ balances: { ...get().balances, [walletId]: { data: r.ok ? r.data : (prev?.data ?? null), req: settled(r) } } });
  },

  loadTransactions: async (customerId) => {
    const prev = get().transactions[customerId];
    set({ transactions: { ...get().transactions, [customerId]: { items: prev?.items ?? [], req: LOADING(prev?.req) } } });
    const gen = generation;
    const r = await api().customers.transactions({ customerId, limit: 50 });
    if (gen !== generation) return;
    set({ transactions: { ...get().transactions, [customerId]: { items: r.ok ? r.data.items : (prev?.items ?? []), req: settled(r) } } });
  },

  create: async (customerId, asset, chain) => {
    set({ createReq: { ...get().createReq, [customerId]: LOADING() } });
    const r = await mutate('wallets.create', 'Provision a wallet', (confirm) => api().wallets.create({ customerId, asset, chain, confirm }));
    set({ createReq: { ...get().createReq, [customerId]: settled(r) } });
    if (r.ok) {
      const list = get().byCustomer[customerId];
      const ids = list?.ids.includes(r.data.id) ? list.ids : [...(list?.ids ?? []), r.data.id];
      set({ byId: { ...get().byId, [r.data.id]: r.data }, byCustomer: { ...get().byCustomer, [customerId]: { ids, req: list?.req ?? settled(r) } } });
      void get().refreshBalance(r.data.id);
    }
    return r;
  },

  simulateDeposit: async (walletId, amount) => {
    set({ depositReq: { ...get().depositReq, [walletId]: LOADING() } });
    const r = await mutate('sandbox.simulateDeposit', 'Simulate a deposit', (confirm) => api().sandbox.simulateDeposit({ walletId, amount, confirm }));
    set({ depositReq: { ...get().depositReq, [walletId]: settled(r) } });
    if (r.ok) set({ balances: { ...get().balances, [walletId]: { data: r.data, req: settled(r) } } });
    return r;
  },

  // One OMS call per webhook at most: a known wallet refreshes its own balance; only a wallet this
  // screen has never seen (made elsewhere) re-lists the customer's wallets.
  changed: (customerId, walletId, cause) => {
    const known = walletId !== null && get().byId[walletId] !== undefined;
    if (known && cause !== 'wallet.created') void get().refreshBalance(walletId);
    // A wallet.created for the create this screen is still waiting on is its own wallet: skip.
    else if (!known && customerId && get().byCustomer[customerId] && get().createReq[customerId]?.status !== 'loading') void get().loadFor(customerId);
    if (customerId && get().transactions[customerId] && cause !== 'wallet.created') void get().loadTransactions(customerId);
  },

  reset: () => {
    generation++;
    balanceReads.clear();
    set({ byId: {}, byCustomer: {}, balances: {}, transactions: {}, createReq: {}, depositReq: {} });
  },
}));
