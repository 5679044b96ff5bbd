import { create } from 'zustand';
import type { CashInView, CashLocationView } from '#shared/domain/money-flow.ts';
import type { AppError } from '#shared/ipc/result.ts';
import { api } from '../../lib/api-client.ts';
import { formatFiat } from '../../lib/money.ts';
import { isCancelled, mutate } from '../../stores/mutate.ts';
import { useWallets } from '../wallets/wallets.store.ts';
import { moneyErrorWords } from './money-words.ts';

/** Where the location search starts: the point the OMS cash-in guide uses in its example. */
export const DEFAULT_POINT = { latitude: 38.495133, longitude: -121.505336 };

export type CashInBusy = 'create' | 'refresh' | 'pay';

export interface CashInState {
  /** Whose cash-in the form is about: another customer starts clean. */
  customerId: string | null;
  locations: CashLocationView[] | null;
  /** The cash-in on screen: just created, picked up from the open codes, or followed to its end. */
  cashIn: CashInView | null;
  /** The customer's codes still waiting for cash, to pick up instead of handing out another. */
  open: CashInView[];
  busy: CashInBusy | null;
  error: { text: string; e?: AppError } | null;
  /** The form opened for a customer: locations and that customer's open codes are read again. */
  start(customerId: string): Promise<void>;
  create(input: { walletId: string; location: CashLocationView; amount: string }): Promise<void>;
  /** A new code for the cash-in on screen, or (sandbox profiles) its payment at the counter. */
  act(what: 'refresh' | 'pay', walletId: string | null): Promise<void>;
  /** Re-reads a cash-in still waiting for cash: paid at a real counter, it settles without this screen. */
  recheck(): Promise<void>;
  pick(c: CashInView | null): void;
}

// Answers for an earlier customer (or an earlier opening) are dropped, never shown under this one.
let epoch = 0;

export const useCashIn = create<CashInState>((set, get) => {
  const loadOpen = async (customerId: string, mine: number) => {
    const r = await api().cashIns.list({ customerId, limit: 20 });
    if (mine === epoch && r.ok) set({ open: r.data.items.filter((c) => c.status === 'pending') });
  };
  const settledTo = (c: CashInView) => {
    set({ cashIn: c });
    if (c.status === 'completed' && c.destination.walletId) void useWallets.getState().refreshBalance(c.destination.walletId);
  };
  return {
    customerId: null,
    locations: null,
    cashIn: null,
    open: [],
    busy: null,
    error: null,

    start: async (customerId) => {
      const mine = ++epoch;
      if (get().customerId !== customerId) set({ customerId, cashIn: null, open: [], error: null, busy: null });
      const [locations] = await Promise.all([api().cashIns.locations(DEFAULT_POINT), loadOpen(customerId, mine)]);
      if (mine !== epoch) return;
      if (locations.ok) set({ locations: locations.data.items });
      else set({ error: { text: `Could not list cash locations: ${locations.error.message}`, e: locations.error } });
    },

    create: async ({ walletId, location, amount }) => {
      const customerId = get().customerId;
      if (!customerId || get().busy) return;
      const mine = epoch;
      set({ busy: 'create', error: null });
      const r = await mutate('cashIns.create', `Start a cash-in of ${formatFiat(amount, 'USD')}`, (confirm) =>
        api().cashIns.create({ customerId, walletId, locationId: location.id, locationReference: location.reference ?? location.id, indicatedAmount: amount.trim(), confirm }),
      );
      if (mine !== epoch) return;
      set({ busy: null });
      if (r.ok) {
        set({ cashIn: r.data });
        void loadOpen(customerId, mine);
      } else if (!isCancelled(r)) set({ error: { text: moneyErrorWords(r.error), e: r.error } });
    },

    act: async (what, walletId) => {
      const cashIn = get().cashIn;
      if (!cashIn || get().busy) return;
      const mine = epoch;
      set({ busy: what, error: null });
      const r =
        what === 'refresh'
          ? await mutate('cashIns.refresh', 'Get a new deposit code', (confirm) => api().cashIns.refresh({ cashInId: cashIn.id, confirm }))
          : await mutate('cashIns.simulatePayment', 'Simulate the payment', (confirm) => api().cashIns.simulatePayment({ cashInId: cashIn.id, confirm }));
      if (mine !== epoch) return;
      set({ busy: null });
      if (r.ok) {
        set({ cashIn: r.data });
        if (walletId) void useWallets.getState().refreshBalance(walletId);
      } else if (!isCancelled(r)) set({ error: { text: moneyErrorWords(r.error), e: r.error } });
    },

    recheck: async () => {
      const id = get().cashIn?.id;
      if (!id) return;
      const r = await api().cashIns.get({ cashInId: id });
      if (!r.ok || r.data.status === 'pending' || get().cashIn?.id !== id) return;
      settledTo(r.data);
    },

    pick: (c) => {
      set({ cashIn: c, error: null });
      const customerId = get().customerId;
      if (!c && customerId) void loadOpen(customerId, epoch);
    },
  };
});

export const selectCashIn = (s: CashInState) => s.cashIn;
export const selectCashLocations = (s: CashInState) => s.locations;
export const selectOpenCashIns = (s: CashInState) => s.open;
export const selectCashInBusy = (s: CashInState) => s.busy;
export const selectCashInError = (s: CashInState) => s.error;
