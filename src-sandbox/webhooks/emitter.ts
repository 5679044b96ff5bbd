import type { SandboxContext } from '../context.ts';
import { isDocumentedEvent } from '../documented.ts';
import { newId } from '../ids.ts';

/** Sent only to complianceOnly webhooks (contract §7). */
export const COMPLIANCE_ONLY_EVENTS = new Set(['customer.endorsement.underReview']);

/**
 * Records an event and queues one delivery per matching endpoint, inside the caller's transaction:
 * the event exists if and only if the change that caused it was committed (at-least-once starts here).
 */
export function emitEvent(ctx: SandboxContext, type: string, object: unknown, customerId: string | null): string | null {
  if (ctx.config.documentedOnly && !isDocumentedEvent(type)) return null;
  const now = ctx.clock.now();
  const createdAt = new Date(now).toISOString();
  const id = newId('evt', now);
  const body = JSON.stringify({ id, object: 'event', type, createdAt, data: { object } });
  ctx.events.insertEvent({ id, type, customerId, createdAt, body });
  const targets = ctx.webhooks.matching(type, COMPLIANCE_ONLY_EVENTS.has(type));
  const delay = targets.length ? (ctx.faults.webhooks.delayMs ?? 0) + ctx.faults.outOfOrderHoldMs() : 0;
  for (const w of targets) {
    ctx.events.insertDelivery({
      id: newId('dlv', now),
      eventId: id,
      webhookId: w.id,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now + delay,
      kind: 'scheduled',
      createdAt,
      updatedAt: createdAt,
    });
  }
  ctx.kick();
  return id;
}
