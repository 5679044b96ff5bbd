import { afterEach, describe, expect, it } from 'vitest';
import type { WalletBalanceView, WalletView } from '#shared/domain/wallet.ts';
import { holdCalls, settle } from './support/held-transport.ts';

const held = holdCalls();
const { useWallets } = await import('../../../src-renderer/src/features/wallets/wallets.store.ts');

const balance = (walletId: string, amount: string): WalletBalanceView => ({ walletId, asset: 'usdc', network: 'polygon', balance: amount, estimatedValue: amount, currency: 'USD' });
const wallet = (id: string) => ({ id, customerId: 'cst_1', asset: 'usdc', chain: 'polygon' }) as unknown as WalletView;

afterEach(() => {
  useWallets.getState().reset();
  for (const c of held) c.answer({ ok: false, error: { code: 'UNAVAILABLE', message: 'test over' } });
  held.length = 0;
});

describe('wallets store', () => {
  it('two balance reads of one wallet answered out of order: the newer balance stays', async () => {
    const first = useWallets.getState().refreshBalance('wlt_1');
    const second = useWallets.getState().refreshBalance('wlt_1');
    held[1]!.ok(balance('wlt_1', '125.00'));
    await settle();
    held[0]!.ok(balance('wlt_1', '100.00'));
    await Promise.all([first, second]);
    expect(useWallets.getState().balances.wlt_1).toMatchObject({ data: { balance: '125.00' }, req: { status: 'ok' } });
  });

  it('reads answered after a profile switch leave the new profile empty', async () => {
    const list = useWallets.getState().loadFor('cst_1');
    const bal = useWallets.getState().refreshBalance('wlt_9');
    const txs = useWallets.getState().loadTransactions('cst_1');
    useWallets.getState().reset();
    held[0]!.ok({ items: [wallet('wlt_1')], hasMore: false });
    held[1]!.ok(balance('wlt_9', '5.00'));
    held[2]!.ok({ items: [{ id: 'txn_1' }], hasMore: false });
    // The old profile's list is not awaited: it would go on to read each wallet's balance.
    void list;
    await Promise.all([bal, txs]);
    await settle();
    const s = useWallets.getState();
    expect([s.byId, s.byCustomer, s.balances, s.transactions]).toEqual([{}, {}, {}, {}]);
    // Nothing was asked on the new profile's behalf (no balance reads for the old wallets).
    expect(held.map((c) => c.channel)).toEqual(['wallets.list', 'wallets.balance', 'customers.transactions']);
  });

  it('a customer\'s wallets are listed, then each balance read', async () => {
    const list = useWallets.getState().loadFor('cst_1');
    held[0]!.ok({ items: [wallet('wlt_1'), wallet('wlt_2')], hasMore: false });
    await settle();
    expect(held.slice(1).map((c) => c.input.walletId)).toEqual(['wlt_1', 'wlt_2']);
    held[1]!.ok(balance('wlt_1', '1.00'));
    held[2]!.ok(balance('wlt_2', '2.00'));
    await list;
    expect(useWallets.getState().byCustomer.cst_1!.ids).toEqual(['wlt_1', 'wlt_2']);
    expect(useWallets.getState().balances.wlt_2!.data?.balance).toBe('2.00');
  });
});
