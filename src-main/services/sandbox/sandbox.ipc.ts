import type { DomainHandlers } from '../../ipc/handlers.ts';
import type { SandboxService } from './sandbox.service.ts';

/** sandbox.* — QA controls, thin adapters over SandboxService. */
export function sandboxHandlers(s: SandboxService): DomainHandlers<'sandbox'> {
  return {
    status: () => s.status(),
    decideEndorsement: ({ customerId, endorsement, decision, reason, note, dryRun }) => s.decideEndorsement(customerId, endorsement, decision, { reason, note, dryRun }),
    decidePending: ({ decision, reason }) => s.decidePending(decision, reason),
    setReviewMode: ({ mode }) => s.setReviewMode(mode),
    simulateDeposit: ({ walletId, amount }, ctx) => s.simulateDeposit(walletId, amount, ctx.signal),
  };
}
