import { IDLE } from '../../lib/request-state.ts';
import type { WalletsState } from './wallets.store.ts';

export const selectWalletIds = (customerId: string) => (s: WalletsState) => s.byCustomer[customerId];
export const selectWalletsById = (s: WalletsState) => s.byId;
export const selectWallet = (id: string) => (s: WalletsState) => s.byId[id];
export const selectBalances = (s: WalletsState) => s.balances;
export const selectBalance = (id: string) => (s: WalletsState) => s.balances[id];
export const selectTransactions = (customerId: string) => (s: WalletsState) => s.transactions[customerId];
export const selectCreateReq = (customerId: string) => (s: WalletsState) => s.createReq[customerId] ?? IDLE;
export const selectDepositReq = (walletId: string) => (s: WalletsState) => s.depositReq[walletId] ?? IDLE;
