import { describe, expect, it } from 'vitest';
import { issueWords, missingSentence } from '../../../src-renderer/src/features/customers/endorsement-words.ts';

describe('endorsement requirements in words', () => {
  it('says what is missing as a sentence, never a field name', () => {
    expect(missingSentence(['birthDate'])).toBe('Date of birth is missing.');
    expect(missingSentence(['birthDate', 'residentialAddress', 'signedAgreement'])).toBe('Date of birth, home address and signed terms of service are missing.');
  });

  it('reads a bare field name in issues as what needs doing', () => {
    expect(issueWords('identifyingInformation')).toBe('an identity document matching the nationality is needed (SSN or ITIN for US nationals, a passport otherwise)');
    expect(issueWords('birthDate')).toMatch(/^the date of birth does not qualify/);
    expect(issueWords('basic')).toMatch(/^basic identity was declined/);
    expect(issueWords('middleName')).toBe('middle name needs correcting');
  });

  it('keeps OMS words and names the field when OMS gives "field: message"', () => {
    expect(issueWords('birthDate: must be a past date')).toBe('date of birth: must be a past date');
    expect(issueWords('The document has expired')).toBe('The document has expired');
    expect(issueWords({ field: 'phone', message: 'is not reachable' })).toBe('phone number: is not reachable');
  });
});
