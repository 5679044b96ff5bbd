import { CustomerCreate } from '#shared/domain/customer.ts';
import { ENDORSEMENT_NAMES, type EndorsementName } from '#shared/domain/endorsement.ts';

/** The wizard's form as typed: strings and one checkbox. Kept in memory only (it holds PII). */
export interface CustomerDraft {
  firstName: string;
  middleName: string;
  lastName: string;
  email: string;
  phone: string;
  birthDate: string;
  nationality: string;
  externalId: string;
  ipAddress: string;
  signedAgreement: boolean;
  line1: string;
  line2: string;
  city: string;
  state: string;
  country: string;
  zipCode: string;
  idType: 'ssn' | 'itin' | 'driversLicense' | 'passport';
  idCountry: string;
  idNumber: string;
}

export type DraftKey = Exclude<keyof CustomerDraft, 'signedAgreement' | 'idType'>;

export const EMPTY_DRAFT: CustomerDraft = {
  firstName: '',
  middleName: '',
  lastName: '',
  email: '',
  phone: '',
  birthDate: '',
  nationality: '',
  externalId: '',
  ipAddress: '',
  signedAgreement: false,
  line1: '',
  line2: '',
  city: '',
  state: '',
  country: '',
  zipCode: '',
  idType: 'ssn',
  idCountry: '',
  idNumber: '',
};

const ADDRESS = ['line1', 'line2', 'city', 'state', 'country', 'zipCode'] as const;
const opt = (s: string) => (s.trim() ? s.trim() : undefined);

/** Draft → the contract's CustomerCreate input (only what the operator filled in). */
export function toCreateInput(d: CustomerDraft): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'individual' };
  for (const k of ['firstName', 'middleName', 'lastName', 'email', 'phone', 'birthDate', 'externalId', 'ipAddress'] as const) {
    const v = opt(d[k]);
    if (v !== undefined) out[k] = v;
  }
  if (opt(d.nationality)) out.nationality = d.nationality.trim().toUpperCase();
  if (d.signedAgreement) out.signedAgreement = true;
  if (ADDRESS.some((k) => opt(d[k]))) {
    const a: Record<string, string> = {};
    for (const k of ADDRESS) {
      const v = opt(d[k]);
      if (v !== undefined) a[k] = k === 'country' ? v.toUpperCase() : v;
    }
    // Required sub-fields left empty are sent as '' so the schema names them.
    for (const k of ['line1', 'city', 'country', 'zipCode'] as const) a[k] ??= '';
    out.residentialAddress = a;
  }
  if (opt(d.idNumber) || opt(d.idCountry)) {
    out.identifyingInformation = [{ type: d.idType, issuingCountry: (opt(d.idCountry) ?? '').toUpperCase(), number: opt(d.idNumber) ?? '' }];
  }
  return out;
}

/** Maps a contract path (`residentialAddress.line1`) to the form field that shows its error. */
export function pathToField(path: string): string {
  const p = path.replace(/^customer\./, '');
  if (p.startsWith('residentialAddress.')) return p.split('.')[1] ?? 'line1';
  if (p === 'residentialAddress') return 'line1';
  if (p.startsWith('identifyingInformation')) {
    const leaf = p.split('.').pop();
    return leaf === 'issuingCountry' ? 'idCountry' : leaf === 'type' ? 'idType' : 'idNumber';
  }
  return p;
}

/** Validates with the shared schema: field errors by form field, or the parsed input. */
export function validateDraft(d: CustomerDraft): { ok: true; value: Record<string, unknown> } | { ok: false; errors: Record<string, string> } {
  const input = toCreateInput(d);
  const r = CustomerCreate.safeParse(input);
  if (r.success) return { ok: true, value: input };
  const errors: Record<string, string> = {};
  for (const i of r.error.issues) errors[pathToField(i.path.map(String).join('.'))] ??= i.message;
  return { ok: false, errors };
}

/** The sandbox's endorsement policy (oms-api.md §3); real OMS answers with its own requirements. */
export const NEEDS: Record<EndorsementName, { field: string; label: string; done: (d: CustomerDraft) => boolean }[]> = (() => {
  const basic = [
    { field: 'firstName', label: 'First name', done: (d: CustomerDraft) => !!opt(d.firstName) },
    { field: 'lastName', label: 'Last name', done: (d: CustomerDraft) => !!opt(d.lastName) },
    { field: 'birthDate', label: 'Date of birth', done: (d: CustomerDraft) => !!opt(d.birthDate) },
    { field: 'nationality', label: 'Nationality', done: (d: CustomerDraft) => !!opt(d.nationality) },
    { field: 'residentialAddress', label: 'Home address', done: (d: CustomerDraft) => !!(opt(d.line1) && opt(d.city) && opt(d.country) && opt(d.zipCode)) },
    { field: 'signedAgreement', label: 'Signed agreement', done: (d: CustomerDraft) => d.signedAgreement },
  ];
  return {
    basic,
    cryptoCustody: [
      ...basic,
      { field: 'email', label: 'Email', done: (d) => !!opt(d.email) },
      { field: 'phone', label: 'Phone', done: (d) => !!opt(d.phone) },
    ],
    usd: [
      ...basic,
      {
        field: 'identifyingInformation',
        label: 'Identity document (SSN/ITIN for US nationals, passport otherwise)',
        done: (d) => !!opt(d.idNumber) && !!opt(d.idCountry),
      },
    ],
  };
})();

export const ALL_ENDORSEMENTS: readonly EndorsementName[] = ENDORSEMENT_NAMES;

export function coverage(d: CustomerDraft, name: EndorsementName) {
  const needs = NEEDS[name];
  const missing = needs.filter((n) => !n.done(d));
  return { total: needs.length, missing };
}
