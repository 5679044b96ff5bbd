import { afterEach, describe, expect, it } from 'vitest';
import type { TransactionView } from '#shared/domain/transaction.ts';
import { holdCalls, settle } from './support/held-transport.ts';

/** The transactions list and followed transactions, with answers released in any order. */
const held = holdCalls();
Object.assign(globalThis.window, { localStorage: { getItem: () => null } });
const { useTransactions } = await import('../../../src-renderer/src/features/transactions/transactions.store.ts');

const txn = (id: string, status = 'pending') => ({ id, status }) as unknown as TransactionView;
const page = (ids: string[], cursor: string | null = null) => ({ items: ids.map((id) => txn(id)), cursor, hasMore: cursor !== null });

afterEach(() => {
  for (const c of held) c.answer({ ok: false, error: { code: 'UNAVAILABLE', message: 'test over' } });
  held.length = 0;
  useTransactions.getState().reset();
});

describe('transactions store', () => {
  it('a list for older filters, answered last, is dropped', async () => {
    const older = useTransactions.getState().setFilters({ status: 'processing' });
    const newer = useTransactions.getState().setFilters({ status: 'completed' });
    held[1]!.ok(page(['txn_done']));
    await newer;
    held[0]!.ok(page(['txn_wait']));
    await older;
    expect(useTransactions.getState().ids).toEqual(['txn_done']);
    expect(useTransactions.getState().filters).toEqual({ status: 'completed' });
  });

  it('"Load more" appends the next page once, even when it repeats a row', async () => {
    const first = useTransactions.getState().setFilters({});
    held[0]!.ok(page(['txn_3', 'txn_2'], 'c1'));
    await first;
    const more = useTransactions.getState().loadMore();
    expect(held[1]!.input.cursor).toBe('c1');
    held[1]!.ok(page(['txn_2', 'txn_1']));
    await more;
    expect(useTransactions.getState().ids).toEqual(['txn_3', 'txn_2', 'txn_1']);
    expect(useTransactions.getState().hasMore).toBe(false);
  });

  it('a transaction read answered after a profile switch does not appear under the new profile', async () => {
    const read = useTransactions.getState().load('txn_old');
    useTransactions.getState().reset();
    held[0]!.ok(txn('txn_old', 'completed'));
    await read;
    await settle();
    expect(useTransactions.getState().byId).toEqual({});
    expect(useTransactions.getState().detailReq).toEqual({});
  });
});
