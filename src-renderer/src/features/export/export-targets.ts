import type { ExportDataset, ExportTarget } from '#shared/ipc/export.contract.ts';
import { useInbox } from '../inbox/inbox.store.ts';
import { useLogs } from '../logs/logs.store.ts';
import { useReviews } from '../reviews/reviews.store.ts';
import { useTransactions } from '../transactions/transactions.store.ts';

export const DATASET_LABELS: Record<ExportDataset, string> = {
  auditLog: 'audit log',
  requestLog: 'request log',
  inbox: 'webhook deliveries',
  transactions: 'transactions',
  reviewQueue: 'review queue',
};

/** Only the webhook payloads hold personal data main masks, so only they can be revealed. */
export const REVEALABLE: ReadonlySet<ExportDataset> = new Set(['inbox']);

/** The filters the screen shows right now, read at the moment of the export, as main's list takes them. */
export function currentTarget(dataset: ExportDataset): ExportTarget {
  switch (dataset) {
    case 'auditLog': {
      const action = useLogs.getState().auditFilter.trim();
      return { dataset, filters: action ? { action } : {} };
    }
    case 'requestLog':
      return { dataset, filters: {} };
    case 'inbox': {
      const f = useInbox.getState().filters;
      return { dataset, filters: { ...(f.type ? { type: f.type } : {}), ...(f.customerId ? { customerId: f.customerId } : {}), ...(f.verdict ? { verdict: f.verdict } : {}) } };
    }
    case 'transactions':
      return { dataset, filters: { ...useTransactions.getState().filters } };
    case 'reviewQueue': {
      const f = useReviews.getState().filters;
      return { dataset, filters: { ...(f.endorsement ? { endorsement: f.endorsement } : {}), ...(f.state ? { state: f.state } : {}) } };
    }
  }
}
