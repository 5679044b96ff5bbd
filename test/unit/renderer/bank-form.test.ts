import { describe, expect, it } from 'vitest';
import type { BankField } from '#shared/ipc/external-accounts.contract.ts';
import { bankFieldOf, defaultMarket, validateBank } from '../../../src-renderer/src/features/onboarding/bank-form.ts';

const ach: BankField[] = [
  { name: 'accountHolderName', label: 'Account holder name', type: 'string', required: true, pattern: '^.{2,100}$' },
  { name: 'routingNumber', label: 'ABA routing number', type: 'string', required: true, pattern: '^\\d{9}$' },
  { name: 'accountType', label: 'Account type', type: 'enum', required: true, values: ['checking', 'savings'] },
  { name: 'memo', label: 'Memo', type: 'string', required: false },
];

describe('bank form validation from the rail schema', () => {
  it('names each missing or malformed field in words', () => {
    const v = validateBank(ach, { accountHolderName: 'A', routingNumber: '12ab', accountType: 'gold' });
    expect(v.ok).toBe(false);
    expect(v.errors).toEqual({
      accountHolderName: 'Account holder name must be 2 to 100 characters.',
      routingNumber: 'ABA routing number must be 9 digits.',
      accountType: 'Account type must be one of checking, savings.',
    });
    expect(validateBank(ach, {}).errors.routingNumber).toBe('ABA routing number is required.');
  });

  it('sends trimmed values of the rail fields only, optional blanks left out', () => {
    const v = validateBank(ach, { accountHolderName: ' Ada ', routingNumber: '021000021', accountType: 'checking', memo: '', iban: 'stray' });
    expect(v).toEqual({ ok: true, errors: {}, details: { accountHolderName: 'Ada', routingNumber: '021000021', accountType: 'checking' } });
  });

  it('maps OMS paths to fields and defaults the market to the nationality', () => {
    expect(bankFieldOf('bankDetails.iban')).toBe('iban');
    expect(defaultMarket('gb')).toBe('GB/GBP');
    expect(defaultMarket(null)).toBe('US/USD');
  });
});
