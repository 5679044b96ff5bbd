/** Plain words for endorsement data, so a support agent can read it out to a customer. */

import type { Tone } from '../../lib/tone.ts';

/** `label` is the full wording; `short` the one word a compact badge shows (same word family). */
const STATUS: Record<string, { label: string; short: string; tone: Tone; says: string }> = {
  active: { label: 'Active', short: 'active', tone: 'ok', says: 'Granted: the customer can use this.' },
  pending: { label: 'Pending review', short: 'pending', tone: 'warn', says: 'Everything is in; OMS is reviewing it.' },
  incomplete: { label: 'Incomplete', short: 'incomplete', tone: 'info', says: 'Some information is still missing.' },
  rejected: { label: 'Rejected', short: 'rejected', tone: 'bad', says: 'OMS declined it. The reasons are below.' },
  revoked: { label: 'Revoked', short: 'revoked', tone: 'bad', says: 'It was granted and has been withdrawn.' },
};

export function statusWords(status: string): { label: string; short: string; tone: Tone; says: string } {
  return STATUS[status] ?? { label: status, short: status, tone: 'neutral', says: `OMS reports the status "${status}".` };
}

/** Deactivated in OMS (a soft delete): what stays on record, and why nothing can change it. */
export const INACTIVE_REASON = 'This customer is inactive (deleted in OMS). OMS refuses every change to it, so nothing here can be edited.';

/**
 * What an endorsement means for this customer now: on an inactive customer even a granted one
 * cannot be used, and nothing pending will move.
 */
export function endorsementSays(status: string, customerStatus: string): string {
  if (customerStatus === 'active') return statusWords(status).says;
  if (status === 'active') return 'Granted on record, but the customer is inactive, so it cannot be used.';
  return `${statusWords(status).label} on record; the customer is inactive, so it will not change.`;
}

export const ENDORSEMENT_LABELS: Record<string, string> = {
  basic: 'Basic identity',
  cryptoCustody: 'Crypto custody',
  usd: 'USD account',
};
export const endorsementLabel = (name: string) => ENDORSEMENT_LABELS[name] ?? name;

/** One short word per endorsement for dense places (results rows). */
const SHORT_LABELS: Record<string, string> = { basic: 'Basic', cryptoCustody: 'Crypto', usd: 'USD' };
export const endorsementShort = (name: string) => SHORT_LABELS[name] ?? name;

const REQUIREMENTS: Record<string, string> = {
  firstName: 'first name',
  middleName: 'middle name',
  lastName: 'last name',
  email: 'email address',
  phone: 'phone number',
  birthDate: 'date of birth',
  nationality: 'nationality',
  residentialAddress: 'home address',
  identifyingInformation: 'identity document (SSN, ITIN or passport)',
  signedAgreement: 'signed terms of service',
  ipAddress: 'IP address at sign-up',
  basic: 'basic identity endorsement',
};
export const requirementWords = (id: string) => REQUIREMENTS[id] ?? id.replace(/([A-Z])/g, ' $1').toLowerCase();

/** A list in prose: "a", "a and b", "a, b and c". */
function prose(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `["birthDate", "residentialAddress"]` → "date of birth and home address are missing." */
export function missingSentence(ids: readonly string[]): string {
  const words = ids.map(requirementWords);
  const text = prose(words);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} ${words.length === 1 ? 'is' : 'are'} missing.`;
}

/**
 * What a bare field name in `issues[]` means, said so an agent can read it out. The sandbox's policy
 * (oms-api.md §3) gives only field names; a real OMS may send "field: message", which is kept.
 */
const ISSUES: Record<string, string> = {
  birthDate: 'the date of birth does not qualify: the customer must be 18 or older',
  identifyingInformation: 'an identity document matching the nationality is needed (SSN or ITIN for US nationals, a passport otherwise)',
  basic: 'basic identity was declined, so this cannot be granted until it is approved',
  residentialAddress: 'the home address could not be verified',
  nationality: 'the nationality is not accepted',
};

/** An `issues[]` entry in words: never a raw field name. */
export function issueWords(issue: unknown): string {
  if (typeof issue === 'string') {
    const colon = issue.indexOf(':');
    if (colon > 0 && /^[A-Za-z.[\]0-9]+$/.test(issue.slice(0, colon))) return `${requirementWords(issue.slice(0, colon))}: ${issue.slice(colon + 1).trim()}`;
    if (/^[A-Za-z]+$/.test(issue)) return ISSUES[issue] ?? `${requirementWords(issue)} needs correcting`;
    return issue;
  }
  if (issue && typeof issue === 'object') {
    const o = issue as Record<string, unknown>;
    const text = o.reason ?? o.message ?? o.description ?? o.code;
    const field = o.field ?? o.requirement;
    if (typeof text === 'string') return typeof field === 'string' ? `${requirementWords(field)}: ${text}` : text;
  }
  return JSON.stringify(issue);
}

/** A webhook event type in words for a live-update note: `customer.endorsement.granted` → "endorsement granted". */
export function causeWords(cause: string): string {
  const parts = cause.split('.').filter(Boolean);
  if (parts[0] === 'customer' && parts.length > 1) parts.shift();
  const words = parts.join(' ').replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  if (words === 'created' || words === 'updated' || words === 'deleted') return `customer ${words}`;
  if (words === 'wallet deposit detected') return 'deposit detected on a wallet';
  return words || 'update received';
}
