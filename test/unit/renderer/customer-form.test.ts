import { describe, expect, it } from 'vitest';
import { birthDateProblem, EMPTY_DRAFT, isEmptyDraft, placeIssues, validateDraft, validatePatch } from '../../../src-renderer/src/features/onboarding/customer-form.ts';

describe('customer form checks before OMS', () => {
  it('refuses dates the calendar does not have, and birth dates in the future', () => {
    expect(birthDateProblem('2031-02-30', '2026-12-03')).toBe('is not a real date (2031-02-30 does not exist)');
    expect(birthDateProblem('2023-02-29', '2026-12-03')).toMatch(/not a real date/);
    expect(birthDateProblem('2024-02-29', '2026-12-03')).toBeNull();
    expect(birthDateProblem('2027-01-01', '2026-12-03')).toBe('cannot be in the future');
    const r = validateDraft({ ...EMPTY_DRAFT, firstName: 'A', birthDate: '1990-13-01' });
    expect(r.ok ? null : r.errors.birthDate).toMatch(/not a real date/);
  });

  it('normalises lower-case country codes instead of refusing them', () => {
    const r = validateDraft({ ...EMPTY_DRAFT, nationality: 'de', idType: 'passport', idCountry: 'de', idNumber: 'X1' });
    expect(r.ok && r.value).toMatchObject({ nationality: 'DE', identifyingInformation: [{ issuingCountry: 'DE' }] });
  });

  it('knows an empty form, and a patch carries only what changed', () => {
    expect(isEmptyDraft(EMPTY_DRAFT)).toBe(true);
    expect(isEmptyDraft({ ...EMPTY_DRAFT, firstName: 'A' })).toBe(false);
    const base = { ...EMPTY_DRAFT, firstName: 'Ada', lastName: 'King', nationality: 'GB', signedAgreement: true };
    const r = validatePatch({ ...base, lastName: 'Lovelace', idType: 'passport', idCountry: 'gb', idNumber: 'P1' }, base);
    expect(r.ok && r.value).toEqual({ lastName: 'Lovelace', identifyingInformation: [{ type: 'passport', issuingCountry: 'GB', number: 'P1' }] });
    expect(validatePatch(base, base)).toEqual({ ok: true, value: {} });
  });

  it("places OMS's field issues on the form's fields, nested paths in either notation, and keeps the rest to say", () => {
    const r = placeIssues({
      'identifyingInformation[0].number': 'is not an SSN',
      'identifyingInformation.0.issuingCountry': 'must be US',
      'patch.externalId': 'is taken',
      'customer.residentialAddress.zipCode': 'is too long',
      signedAgreement: 'must be true',
      metadata: 'too many keys',
    });
    expect(r.marked).toEqual({ idNumber: 'is not an SSN', idCountry: 'must be US', externalId: 'is taken', zipCode: 'is too long' });
    expect(r.elsewhere).toEqual(['signedAgreement: must be true', 'metadata: too many keys']);
  });
});
