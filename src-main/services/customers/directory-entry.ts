import type { MatchFields } from './customer-match.ts';
import { endorsementHead } from './endorsement-head.ts';
import type { OmsCustomer } from '../../oms/oms-objects.ts';

/** One customer as the directory keeps it: what search, the rows and the review queue need. */
export interface DirectoryEntry extends MatchFields {
  status: string;
  createdAt: string | null;
  updatedAt: string | null;
  endorsements: { name: string; status: string; updatedAt: string | null }[];
  walletIds: string[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length ? v : null);

export function toEntry(c: OmsCustomer): DirectoryEntry {
  const endorsements = (c.endorsements ?? []).map((e, i) => ({ ...endorsementHead(e, i), updatedAt: typeof e === 'string' ? null : str(e.updatedAt) }));
  return {
    id: c.id,
    firstName: str(c.firstName),
    middleName: str(c.middleName),
    lastName: str(c.lastName),
    email: str(c.email),
    phone: str(c.phone),
    externalId: str(c.externalId),
    status: str(c.status) ?? 'unknown',
    createdAt: str(c.createdAt),
    updatedAt: str(c.updatedAt),
    endorsements,
    walletIds: (c.wallets ?? []).map((w) => w.id),
  };
}
