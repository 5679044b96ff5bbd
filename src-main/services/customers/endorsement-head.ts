import { ENDORSEMENT_NAMES, KNOWN_ENDORSEMENT_STATUSES } from '#shared/domain/endorsement.ts';
import type { OmsEndorsement } from '../../oms/oms-objects.ts';

const NAMES = new Map<string, string>(ENDORSEMENT_NAMES.map((n) => [n.toLowerCase(), n]));
const STATUSES = new Set<string>(KNOWN_ENDORSEMENT_STATUSES);

/** Known names in their canonical spelling (`CRYPTOCUSTODY` → `cryptoCustody`), others verbatim. */
export const endorsementName = (raw: string): string => NAMES.get(raw.toLowerCase()) ?? raw;
/** Known statuses in lower case (one page says `ACTIVE`), others verbatim so nothing is hidden. */
export const endorsementStatus = (raw: string): string => (STATUSES.has(raw.toLowerCase()) ? raw.toLowerCase() : raw);

/** Name and status of any documented endorsement form (oms-api.md §3): shared by the view and the row. */
export function endorsementHead(e: OmsEndorsement, index: number): { name: string; status: string } {
  if (typeof e === 'string') return { name: endorsementName(e), status: 'listed' };
  const name = e.name ?? e.type;
  return { name: name ? endorsementName(name) : `endorsement ${index + 1}`, status: e.status ? endorsementStatus(e.status) : 'unknown' };
}
