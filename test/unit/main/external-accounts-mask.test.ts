import { describe, expect, it } from 'vitest';
import { ExternalAccount } from '#shared/ipc/external-accounts.contract.ts';
import { maskBankDetails } from '../../../src-main/services/external-accounts/external-accounts.ipc.ts';

describe('bank details masking (main never hands a full account number to the renderer)', () => {
  it('keeps the last 4 of numbers and IBANs, whatever OMS sent, and is idempotent', () => {
    const once = maskBankDetails({ accountNumber: '000123456789', routingNumber: '021000021', iban: 'GB82 WEST 1234 5698 7654 32', bic: 'NWBKGB2L', accountType: 'checking', accountHolderName: 'Ada' });
    expect(once).toEqual({ accountNumber: '••••6789', routingNumber: '••••0021', iban: '••••5432', bic: 'NWBKGB2L', accountType: 'checking', accountHolderName: 'Ada' });
    expect(maskBankDetails(once)).toEqual(once);
    expect(maskBankDetails({ accountNumber: 123456789 as unknown as string, nested: { x: 1 }, 'bad key': 'x' })).toEqual({ accountNumber: '••••6789' });
  });

  it('the contract output refuses an unmasked account number (output drift is caught)', () => {
    const base = { id: 'cpUsBank_1', customerId: 'cst_1', network: 'ach', country: 'US', currency: 'USD', status: 'verified', type: 'usBank', createdAt: '2026-01-01T00:00:00Z' };
    expect(ExternalAccount.safeParse({ ...base, bankDetails: { accountNumber: '000123456789' } }).success).toBe(false);
    expect(ExternalAccount.safeParse({ ...base, bankDetails: { accountNumber: '••••6789', accountType: 'checking' } }).success).toBe(true);
  });
});
