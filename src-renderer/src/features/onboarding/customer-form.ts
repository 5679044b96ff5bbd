import { CustomerCreate, CustomerFields, type CustomerView } from '#shared/domain/customer.ts';
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

/**
 * Maps a path to the form field that shows its error: the console's own input paths
 * (`customer.residentialAddress.line1`, `patch.lastName`) and OMS's, in either array notation
 * (`identifyingInformation[0].number`, `identifyingInformation.0.number`).
 */
export function pathToField(path: string): string {
  const p = path.replace(/^(customer|patch)\./, '');
  if (p.startsWith('residentialAddress.')) return p.split('.')[1] ?? 'line1';
  if (p === 'residentialAddress') return 'line1';
  if (p.startsWith('identifyingInformation')) {
    const leaf = p.split('.').pop();
    return leaf === 'issuingCountry' ? 'idCountry' : leaf === 'type' ? 'idType' : 'idNumber';
  }
  return p;
}

// The agreement checkbox shows no message of its own: an issue about it is said in the form's message.
const FORM_FIELDS = new Set<string>(Object.keys(EMPTY_DRAFT).filter((k) => k !== 'signedAgreement'));

/**
 * Field issues (from our own boundary or from OMS) placed on the form: `marked` by form field, in
 * OMS's words; `elsewhere` the ones no field shows (said in the form's message instead, never lost).
 */
export function placeIssues(fields: Record<string, string>): { marked: Record<string, string>; elsewhere: string[] } {
  const marked: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    const field = pathToField(path);
    if (FORM_FIELDS.has(field)) marked[field] ??= message;
    else elsewhere.push(`${path}: ${message}`);
  }
  return { marked, elsewhere };
}

/**
 * What is wrong with a birth date the schema's shape check lets through: a day the calendar does not
 * have (2031-02-30) or a day that has not come yet. `today` is YYYY-MM-DD.
 */
export function birthDateProblem(value: string, today = new Date().toISOString().slice(0, 10)): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return `is not a real date (${value} does not exist)`;
  if (value > today) return 'cannot be in the future';
  if (y < 1900) return 'must be after 1900';
  return null;
}

type Validated = { ok: true; value: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

/**
 * What the published format of a US taxpayer number rules out, said per field: nine digits, and
 * issued by the US. Whether such a number can exist is OMS's to judge, so that is not repeated here.
 */
export function documentProblems(d: CustomerDraft): Record<string, string> {
  const out: Record<string, string> = {};
  if (d.idType !== 'ssn' && d.idType !== 'itin') return out;
  const what = d.idType === 'ssn' ? 'an SSN' : 'an ITIN';
  const country = opt(d.idCountry)?.toUpperCase();
  if (country && country !== 'US') out.idCountry = `must be US: ${what} is issued only by the US`;
  const number = opt(d.idNumber);
  if (number && !/^\d{3}[- ]?\d{2}[- ]?\d{4}$/.test(number)) out.idNumber = `is not ${what}: it has 9 digits, written AAA-GG-SSSS`;
  return out;
}

// A length limit says less than the format it belongs to ("Too big" for "USA"): the format's words win.
const LENGTH_CODES = new Set(['too_big', 'too_small']);

function check(schema: typeof CustomerCreate | typeof CustomerFields, input: Record<string, unknown>, d: CustomerDraft): Validated {
  const r = schema.safeParse(input);
  const errors: Record<string, string> = {};
  const fromLength = new Set<string>();
  if (!r.success) {
    for (const i of r.error.issues) {
      const field = pathToField(i.path.map(String).join('.'));
      if (errors[field] !== undefined && !fromLength.has(field)) continue;
      if (errors[field] !== undefined && LENGTH_CODES.has(i.code)) continue;
      errors[field] = i.message;
      if (LENGTH_CODES.has(i.code)) fromLength.add(field);
      else fromLength.delete(field);
    }
  }
  // Every field the console can judge is judged in the same pass, so all of them are marked at once.
  const extra: Record<string, string> = { ...documentProblems(d) };
  const born = opt(d.birthDate) ? birthDateProblem(d.birthDate.trim()) : null;
  if (born) extra.birthDate = born;
  for (const [field, message] of Object.entries(extra)) errors[field] ??= message;
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: input };
}

/** Validates with the shared schema plus calendar sense: field errors by form field, or the input. */
export function validateDraft(d: CustomerDraft): Validated {
  return check(CustomerCreate, toCreateInput(d), d);
}

/** True when nothing at all was typed: creating such a customer is allowed, but asked about first. */
export const isEmptyDraft = (d: CustomerDraft) => Object.keys(toCreateInput(d)).length === 1;

/**
 * The edit form's starting point: what OMS returns. Email and phone come masked and the rest of the
 * PII is write-only, so those fields start empty and mean "leave as it is".
 */
export function draftFromCustomer(c: CustomerView): CustomerDraft {
  return {
    ...EMPTY_DRAFT,
    firstName: c.firstName ?? '',
    middleName: c.middleName ?? '',
    lastName: c.lastName ?? '',
    nationality: c.nationality ?? '',
    externalId: c.externalId ?? '',
    signedAgreement: c.signedAgreement === true,
  };
}

/** Only what the operator changed: a PATCH that re-sends unchanged fields would re-trigger review. */
export function validatePatch(d: CustomerDraft, base: CustomerDraft): Validated {
  const full = toCreateInput(d);
  const was = toCreateInput(base);
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(full)) if (k !== 'type' && JSON.stringify(v) !== JSON.stringify(was[k])) patch[k] = v;
  if (!d.signedAgreement && base.signedAgreement) patch.signedAgreement = false;
  return check(CustomerFields, patch, d);
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
