import type { CustomerSearch } from '#shared/ipc/customers.contract.ts';
import { ENDORSEMENT_NAMES } from '#shared/domain/endorsement.ts';
import type { OmsCustomer } from '../../oms/oms-objects.ts';
import type { Page } from '../../oms/pages.ts';
import type { CustomerDirectory } from './customer-directory.ts';
import type { DirectoryEntry } from './directory-entry.ts';
import type { ListPage } from './review-queue.ts';
import { QUEUE_STATES } from '#shared/ipc/customers.contract.ts';

/** A directory entry in the shape OMS lists customers (only what the queue reads). */
const asOms = (e: DirectoryEntry): OmsCustomer => ({
  id: e.id,
  firstName: e.firstName ?? null,
  middleName: e.middleName ?? null,
  lastName: e.lastName ?? null,
  externalId: e.externalId ?? null,
  status: e.status,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
  endorsements: e.endorsements.map((x) => ({ name: x.name, status: x.status, updatedAt: x.updatedAt })),
});

/**
 * The review queue's customer source on an OMS without the sandbox's `endorsement=` filter: the
 * directory answers the walk in one page per filter from memory, so opening the queue costs no
 * OMS call at all, where re-reading the documented list would cost up to 300 pages each time.
 */
export function directoryListPage(dir: CustomerDirectory): ListPage {
  return async (f: CustomerSearch): Promise<Page<OmsCustomer>> => {
    const names = f.endorsement ? [f.endorsement.name] : [...ENDORSEMENT_NAMES];
    const states = f.endorsement ? [f.endorsement.status] : [...QUEUE_STATES];
    const items = dir.store
      .withEndorsements(names, states)
      .filter((e) => !f.status || e.status === f.status)
      .map(asOms);
    return { items, hasMore: false, cursor: null };
  };
}
