import type { ExportTarget } from '#shared/ipc/export.contract.ts';
import type { InboxEntry } from '#shared/ipc/inbox.contract.ts';
import type { AuditRow, RequestLogRow } from '#shared/ipc/logs.contract.ts';
import { MAX_EXPORT_ROWS } from '#shared/ipc/export.contract.ts';
import type { LegView, PartyView, TransactionView } from '#shared/domain/transaction.ts';
import type { OutputOf, ParsedInputOf } from '#shared/ipc/operation.ts';
import type { Contract } from '#shared/ipc/registry.ts';
import type { Row } from './tabular.ts';

export interface Collected {
  columns: readonly string[];
  rows: Row[];
  truncated: boolean;
}

type Read<D extends keyof Contract, K extends keyof Contract[D]> = (input: ParsedInputOf<Contract[D][K]>) => Promise<OutputOf<Contract[D][K]>>;

/** The list operations an export reads, as the screens call them (export.ipc.ts binds the caller's context). */
export interface ExportSources {
  logs: { audit: Read<'logs', 'audit'>; requests: Read<'logs', 'requests'> };
  inbox: { list: Read<'inbox', 'list'> };
  transactions: { list: Read<'transactions', 'list'> };
  customers: { queue: Read<'customers', 'queue'> };
}

type Reader = (h: ExportSources, target: ExportTarget, signal?: AbortSignal) => Promise<Collected>;

/** Reads pages from a list operation until it says there are no more, or the cap is reached. */
async function walk<T>(page: (after: T | null) => Promise<{ items: T[]; hasMore: boolean; cursor?: string | null }>, signal?: AbortSignal): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let last: T | null = null;
  for (;;) {
    signal?.throwIfAborted();
    const p = await page(last);
    items.push(...p.items);
    if (items.length >= MAX_EXPORT_ROWS) return { items: items.slice(0, MAX_EXPORT_ROWS), truncated: items.length > MAX_EXPORT_ROWS || p.hasMore };
    if (!p.hasMore || p.items.length === 0) return { items, truncated: false };
    last = p.items[p.items.length - 1]!;
  }
}

const AUDIT = ['id', 'at', 'osUser', 'profileId', 'action', 'target', 'inputSummary', 'result'] as const;
const REQUESTS = ['id', 'at', 'profileId', 'method', 'path', 'status', 'durationMs', 'attempt', 'idempotencyKey', 'requestId', 'errorCode'] as const;
const INBOX = ['seq', 'receivedAt', 'eventId', 'type', 'customerId', 'verdict', 'reason', 'applied', 'duplicate', 'source', 'variant', 'bodySize'] as const;
const QUEUE = ['customerId', 'name', 'group', 'waitingSince', 'endorsements'] as const;

const pick = (o: object, cols: readonly string[]): Row => Object.fromEntries(cols.map((c) => [c, ((o as Record<string, unknown>)[c] ?? null) as Row[string]]));

const leg = (side: string, l: LegView): Row => ({
  [`${side}Asset`]: l.asset,
  [`${side}Network`]: l.network,
  [`${side}AmountGross`]: l.amountGross,
  [`${side}AmountNet`]: l.amountNet,
  [`${side}FeesTotal`]: l.fees?.total ?? null,
  [`${side}TxHash`]: l.txHash,
  [`${side}WalletId`]: l.walletId,
  [`${side}Address`]: l.address,
});
const party = (side: string, p: PartyView | null): Row => ({ [`${side}CustomerId`]: p?.customerId ?? null, [`${side}WalletId`]: p?.walletId ?? null, [`${side}Address`]: p?.address ?? null });

/** A transaction as one flat row; amounts stay the decimal strings OMS sent. */
export function transactionRow(t: TransactionView): Row {
  return {
    id: t.id,
    createdAt: t.createdAt,
    completedAt: t.completedAt,
    type: t.type,
    status: t.status,
    subStatus: t.subStatus,
    role: t.role,
    ...leg('source', t.source),
    ...leg('destination', t.destination),
    ...party('sender', t.sender),
    ...party('recipient', t.recipient),
    quoteId: t.quoteId,
    cashInId: t.cashInId,
    error: t.error,
  };
}
const EMPTY_LEG: LegView = { asset: null, network: null, amountGross: null, amountNet: null, fees: null, txHash: null, walletId: null, address: null, externalAccountId: null };
const TRANSACTIONS = Object.keys(transactionRow({ id: '', type: null, status: '', subStatus: null, role: null, source: EMPTY_LEG, destination: EMPTY_LEG, sender: null, recipient: null, quoteId: null, cashInId: null, error: null, createdAt: null, completedAt: null, updatedAt: null }));

/** Both local logs page by the id of the last row read. */
async function logRows<T extends AuditRow | RequestLogRow>(columns: readonly string[], page: (beforeId: { beforeId?: number }) => Promise<{ items: T[]; hasMore: boolean }>, signal?: AbortSignal): Promise<Collected> {
  const { items, truncated } = await walk<T>((after) => page(after ? { beforeId: after.id } : {}), signal);
  return { columns, rows: items.map((r) => pick(r, columns)), truncated };
}

/**
 * Each dataset is read through the very handler its screen calls, page by page: the export holds
 * what the screen would show under the same filters, masked the same way.
 */
export const readers: Record<ExportTarget['dataset'], Reader> = {
  auditLog: async (h, t, signal) => {
    const f = t.dataset === 'auditLog' ? t.filters : {};
    return logRows(AUDIT, (beforeId) => h.logs.audit({ ...f, limit: 500, ...beforeId }), signal);
  },
  requestLog: async (h, t, signal) => {
    const f = t.dataset === 'requestLog' ? t.filters : {};
    return logRows(REQUESTS, (beforeId) => h.logs.requests({ ...f, limit: 500, ...beforeId }), signal);
  },
  inbox: async (h, t, signal) => {
    const f = t.dataset === 'inbox' ? t.filters : {};
    const { items, truncated } = await walk<InboxEntry>((after) => h.inbox.list({ ...f, limit: 500, ...(after ? { beforeSeq: after.seq } : {}) }), signal);
    return { columns: INBOX, rows: items.map((r) => pick(r, INBOX)), truncated };
  },
  transactions: async (h, t, signal) => {
    const f = t.dataset === 'transactions' ? t.filters : {};
    let cursor: string | null = null;
    const { items, truncated } = await walk<TransactionView>(async () => {
      const p = await h.transactions.list({ ...f, limit: 100, ...(cursor ? { cursor } : {}) });
      cursor = p.cursor;
      return { ...p, hasMore: p.hasMore && p.cursor !== null };
    }, signal);
    return { columns: TRANSACTIONS, rows: items.map(transactionRow), truncated };
  },
  reviewQueue: async (h, t) => {
    const f = t.dataset === 'reviewQueue' ? t.filters : {};
    const q = await h.customers.queue(f);
    const rows = q.items.slice(0, MAX_EXPORT_ROWS).map((e) => ({ ...pick(e, QUEUE), endorsements: e.endorsements.map((x) => `${x.name}: ${x.status}`).join('; ') }));
    return { columns: QUEUE, rows, truncated: q.items.length > MAX_EXPORT_ROWS || !q.complete };
  },
};
