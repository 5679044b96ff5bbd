import { z } from 'zod';
import { CustomerId, DecimalString, WalletId } from '../domain/common.ts';
import { EndorsementName } from '../domain/endorsement.ts';
import { WalletBalanceView } from '../domain/wallet.ts';
import { mutation, NoInput, query } from './operation.ts';
import { reasonText } from './pii.contract.ts';

export const SandboxStatus = z.strictObject({
  /** False unless the active profile is the embedded local sandbox. */
  available: z.boolean(),
  running: z.boolean(),
  baseUrl: z.string().nullable(),
  reviewMode: z.enum(['auto', 'manual']).nullable(),
  customers: z.number().int().nullable(),
  /** Reviews waiting for a person: what "decide all pending" would touch. Null when unknown. */
  pendingReviews: z.number().int().nullable(),
  /** The local sandbox serves not-yet-available endpoints (external accounts): OMS_SANDBOX_PREVIEW=1. */
  preview: z.boolean(),
});

export const sandboxContract = {
  /** QA controls are available only on the local profile. */
  status: query('sandbox.status', 'Whether QA controls (local sandbox) are available.', NoInput, SandboxStatus),
  /** Decides an endorsement under manual review (local sandbox only). */
  decideEndorsement: mutation(
    'sandbox.decideEndorsement',
    'Approves, rejects or revokes an endorsement (local sandbox only).',
    z.object({
      customerId: CustomerId,
      endorsement: EndorsementName,
      decision: z.enum(['approve', 'reject', 'revoke']),
      /** Required to reject or revoke: the customer-facing reason, in words. */
      reason: reasonText(300).optional(),
      /** Approve only: a note for the team. */
      note: reasonText(300).optional(),
      /** Runs the same checks and reports the cascade without changing anything. */
      dryRun: z.boolean().optional(),
    }),
    z.strictObject({
      accepted: z.boolean(),
      dryRun: z.boolean(),
      /** Endorsements the decision also changes (rejecting `basic` rejects what needs it). */
      alsoAffected: z.array(z.strictObject({ name: z.string(), from: z.string(), to: z.string() })),
    }),
  ),
  /** Decides every review waiting for a person, at once (local sandbox only). */
  decidePending: mutation(
    'sandbox.decidePending',
    'Approves or rejects every review waiting for a person (local sandbox only).',
    z.object({ decision: z.enum(['approve', 'reject']), reason: reasonText(300).optional() }),
    z.strictObject({ decided: z.number().int(), pendingReviews: z.number().int() }),
  ),
  /** Sets the sandbox review mode. */
  setReviewMode: mutation('sandbox.setReviewMode', 'Sets the sandbox review mode.', z.object({ mode: z.enum(['auto', 'manual']) }), SandboxStatus),
  /** Simulates an on-chain deposit into a wallet (local sandbox only). */
  simulateDeposit: mutation(
    'sandbox.simulateDeposit',
    'Simulates a deposit into a wallet (local sandbox only).',
    z.object({ walletId: WalletId, amount: DecimalString.refine((a) => /[1-9]/.test(a) && !a.startsWith('-'), 'must be more than 0') }),
    WalletBalanceView,
  ),
};
