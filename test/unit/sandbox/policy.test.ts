import { describe, expect, it } from 'vitest';
import { computeRequirements, requirementsMet, withDependencies } from '../../../src-sandbox/endorsements/policy.ts';
import type { CustomerDoc } from '../../../src-sandbox/types.ts';

const base: CustomerDoc = {
  id: 'cst_x', type: 'individual', firstName: 'A', middleName: null, lastName: 'B', email: 'a@b.co', phone: '+14155550100',
  nationality: 'US', externalId: null, status: 'active', signedAgreement: true, signedAgreementAt: null, metadata: {},
  createdAt: '', updatedAt: '', requested: ['cryptoCustody', 'usd'],
  pii: { birthDate: '1980-01-01', residentialAddress: { line1: 'x', city: 'y', country: 'US' }, identifyingInformation: [{ type: 'ssn', issuingCountry: 'US', number: '1' }] },
};
const now = new Date('2026-01-01T00:00:00Z');

describe('endorsement policy', () => {
  it('basic needs names, birth date, address, nationality and a signed agreement', () => {
    expect(requirementsMet(computeRequirements(base, 'basic', null, now))).toBe(true);
    const r = computeRequirements({ ...base, firstName: null, signedAgreement: false, pii: {} }, 'basic', null, now);
    expect(r.missing.sort()).toEqual(['birthDate', 'firstName', 'residentialAddress', 'signedAgreement']);
  });

  it('minors are an issue, not a missing field', () => {
    const r = computeRequirements({ ...base, pii: { ...base.pii, birthDate: '2015-01-01' } }, 'basic', null, now);
    expect(r.issues).toEqual(['birthDate']);
  });

  it('dependants report basic as complete / pending / missing / issue', () => {
    expect(computeRequirements(base, 'cryptoCustody', 'active', now).complete).toContain('basic');
    expect(computeRequirements(base, 'cryptoCustody', 'pending', now).pending).toEqual(['basic']);
    expect(computeRequirements(base, 'cryptoCustody', 'incomplete', now).missing).toEqual(['basic']);
    expect(computeRequirements(base, 'cryptoCustody', 'rejected', now).issues).toEqual(['basic']);
    expect(requirementsMet(computeRequirements(base, 'cryptoCustody', 'pending', now))).toBe(true);
  });

  it('usd wants ssn/itin for US nationals and a passport otherwise', () => {
    expect(computeRequirements(base, 'usd', 'active', now).complete).toContain('identifyingInformation');
    expect(computeRequirements({ ...base, nationality: 'DE' }, 'usd', 'active', now).issues).toEqual(['identifyingInformation']);
    const passport = { ...base, nationality: 'DE', pii: { ...base.pii, identifyingInformation: [{ type: 'passport' as const, issuingCountry: 'DE', number: 'P1' }] } };
    expect(requirementsMet(computeRequirements(passport, 'usd', 'active', now))).toBe(true);
  });

  it('requesting cryptoCustody or usd implies basic, evaluated first', () => {
    expect(withDependencies(['usd'])).toEqual(['basic', 'usd']);
    expect(withDependencies(['usd', 'cryptoCustody'])).toEqual(['basic', 'cryptoCustody', 'usd']);
  });
});
