import type { CustomerDoc, EndorsementName, EndorsementStatus, Requirements } from '../types.ts';

/**
 * The sandbox endorsement policy (contract §3): what each endorsement needs, computed from the
 * customer's fields. Requirement identifiers are customer field names, plus `basic` for dependants.
 */
export const DEPENDS_ON: Record<EndorsementName, EndorsementName | null> = {
  basic: null,
  cryptoCustody: 'basic',
  usd: 'basic',
};

const BASIC_FIELDS = ['firstName', 'lastName', 'birthDate', 'residentialAddress', 'nationality', 'signedAgreement'];

type Verdict = 'complete' | 'missing' | 'issues';

function fieldVerdict(doc: CustomerDoc, field: string, now: Date): Verdict {
  switch (field) {
    case 'firstName':
    case 'lastName':
    case 'email':
    case 'phone':
    case 'nationality':
      return doc[field] ? 'complete' : 'missing';
    case 'signedAgreement':
      return doc.signedAgreement ? 'complete' : 'missing';
    case 'residentialAddress':
      return doc.pii.residentialAddress ? 'complete' : 'missing';
    case 'birthDate': {
      const b = doc.pii.birthDate;
      if (!b) return 'missing';
      // Under-18s are an issue, not a missing field: the value is there but cannot be accepted.
      const adult = new Date(b);
      adult.setUTCFullYear(adult.getUTCFullYear() + 18);
      return adult <= now ? 'complete' : 'issues';
    }
    case 'identifyingInformation': {
      const docs = doc.pii.identifyingInformation ?? [];
      if (!docs.length) return 'missing';
      if (!doc.nationality) return 'complete';
      const accepted = doc.nationality === 'US' ? ['ssn', 'itin'] : ['passport'];
      return docs.some((d) => accepted.includes(d.type)) ? 'complete' : 'issues';
    }
    default:
      return 'missing';
  }
}

export function fieldsFor(name: EndorsementName): string[] {
  if (name === 'basic') return BASIC_FIELDS;
  if (name === 'cryptoCustody') return ['email', 'phone'];
  return ['identifyingInformation'];
}

/** Requirements of one endorsement given the customer and the current status of `basic`. */
export function computeRequirements(
  doc: CustomerDoc,
  name: EndorsementName,
  basicStatus: EndorsementStatus | null,
  now: Date,
): Requirements {
  const req: Requirements = { complete: [], pending: [], missing: [], issues: [] };
  if (DEPENDS_ON[name] === 'basic') {
    if (basicStatus === 'active') req.complete.push('basic');
    else if (basicStatus === 'pending') req.pending.push('basic');
    else if (basicStatus === 'rejected' || basicStatus === 'revoked') req.issues.push('basic');
    else req.missing.push('basic');
  }
  for (const field of fieldsFor(name)) req[fieldVerdict(doc, field, now)].push(field);
  return req;
}

/** True when nothing is missing or wrong (a dependency still under review does not block). */
export function requirementsMet(req: Requirements): boolean {
  return req.missing.length === 0 && req.issues.length === 0;
}

/** Requested names plus their dependencies, in evaluation order (basic first). */
export function withDependencies(names: readonly EndorsementName[]): EndorsementName[] {
  const set = new Set<EndorsementName>();
  for (const n of names) {
    const dep = DEPENDS_ON[n];
    if (dep) set.add(dep);
    set.add(n);
  }
  return (['basic', 'cryptoCustody', 'usd'] as const).filter((n) => set.has(n));
}

export const MAGIC_REJECT = 'Reject';
export const MAGIC_REVIEW = 'Review';
