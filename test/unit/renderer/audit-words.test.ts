import { describe, expect, it } from 'vitest';
import { actionSentence } from '../../../src-renderer/src/features/logs/audit-words.ts';

const row = (action: string, summary: object) => ({ action, inputSummary: JSON.stringify(summary) });

describe('audit rows in words', () => {
  it('shows the reason a reveal was given, as given', () => {
    expect(actionSentence(row('pii.reveal', { customerId: 'cst_1', fields: ['email', 'phone'], reason: 'Support ticket: T-4411' }))).toBe(
      'Revealed email and phone · reason: “Support ticket: T-4411”',
    );
    expect(actionSentence(row('pii.reveal', { customerId: 'cst_1', fields: ['email'] }))).toBe('Revealed email · no reason given');
  });

  it('names the endorsement of a decision, its reason or note, and a dry run as changing nothing', () => {
    expect(actionSentence(row('sandbox.decideEndorsement', { endorsement: 'usd', decision: 'reject', reason: 'Blurry passport' }))).toBe('Rejected USD account · reason: “Blurry passport”');
    expect(actionSentence(row('sandbox.decideEndorsement', { endorsement: 'basic', decision: 'approve', note: '[12 chars]' }))).toBe('Approved Basic identity · note given');
    expect(actionSentence(row('sandbox.decideEndorsement', { endorsement: 'basic', decision: 'reject', reason: 'x', dryRun: true }))).toBe(
      'Checked what rejecting Basic identity would change (nothing changed)',
    );
  });
});
