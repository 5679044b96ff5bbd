import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import { faultsSchema } from '../faults.ts';
import { ApiError } from '../http-util.ts';
import { newId } from '../ids.ts';
import type { Router } from '../router.ts';
import type { DeliveryRecord } from '../store/events.repo.ts';
import { limitParam, parseBody, parseQuery } from '../validate.ts';
import type { Dispatcher } from '../webhooks/dispatcher.ts';
import { COMPLIANCE_ONLY_EVENTS } from '../webhooks/emitter.ts';
import { ok, type ControlHandler } from './route-types.ts';

const deliveriesQuery = z.strictObject({ webhookId: z.string().optional(), eventId: z.string().optional(), limit: limitParam(50, 1000) });
const eventsQuery = z.strictObject({ customerId: z.string().optional(), type: z.string().optional(), limit: limitParam(50, 1000) });
const complianceSchema = z.strictObject({ complianceOnly: z.boolean() });
const sendSchema = z.strictObject({ times: z.number().int().min(1).max(100).optional(), concurrent: z.boolean().optional() });

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function presentDelivery(d: DeliveryRecord) {
  return {
    id: d.id,
    object: 'delivery',
    eventId: d.eventId,
    webhookId: d.webhookId,
    kind: d.kind,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

async function sendEvent(ctx: SandboxContext, dispatcher: Dispatcher, eventId: string, body: unknown) {
  const input = parseBody(sendSchema, body ?? {});
  const raw = ctx.events.eventBody(eventId);
  if (raw === undefined) throw new ApiError(404, `Event ${eventId} not found`);
  const type = (JSON.parse(raw) as { type: string }).type;
  const targets = ctx.webhooks.matching(type, COMPLIANCE_ONLY_EVENTS.has(type));
  const jobs = targets.flatMap((w) => Array.from({ length: input.times ?? 1 }, () => () => dispatcher.sendNow(w, eventId, raw)));
  const results: DeliveryRecord[] = [];
  if (input.concurrent) results.push(...(await Promise.all(jobs.map((j) => j()))));
  else for (const j of jobs) results.push(await j());
  return ok({ eventId, sent: results.length, deliveries: results.map(presentDelivery) });
}

export function registerControlWebhookRoutes(router: Router<ControlHandler>, dispatcher: Dispatcher): void {
  router
    .add('GET', '/faults', ({ ctx }) => ok(ctx.faults.describe()))
    .add('PUT', '/faults', ({ ctx, body }) => {
      ctx.faults.set(parseBody(faultsSchema, body));
      return ok(ctx.faults.describe());
    })
    .add('DELETE', '/faults', ({ ctx }) => {
      ctx.faults.clear();
      return ok(ctx.faults.describe());
    })
    .add('GET', '/deliveries', ({ ctx, query }) => {
      const q = parseQuery(deliveriesQuery, query);
      const data = ctx.events.listDeliveries(q).map((d) => ({ ...presentDelivery(d), attemptLog: d.attemptLog.map(({ deliveryId: _d, ...a }) => a) }));
      return ok({ data });
    })
    .add('POST', '/deliveries/{id}/redeliver', ({ ctx, params }) => {
      const original = ctx.events.delivery(params.id!);
      if (!original) throw new ApiError(404, `Delivery ${params.id} not found`);
      const now = ctx.clock.now();
      const nowIso = new Date(now).toISOString();
      const d: DeliveryRecord = { id: newId('dlv', now), eventId: original.eventId, webhookId: original.webhookId, status: 'pending', attempts: 0, nextAttemptAt: now, kind: 'redelivery', createdAt: nowIso, updatedAt: nowIso };
      ctx.events.insertDelivery(d);
      ctx.kick();
      return ok(presentDelivery(d), 201);
    })
    // Stands in for OMS's admin API, the only documented way to set complianceOnly.
    .add('PUT', '/webhooks/{id}/compliance-only', ({ ctx, params, body }) => {
      const input = parseBody(complianceSchema, body);
      const w = ctx.webhooks.byId(params.id!);
      if (!w) throw new ApiError(404, `Webhook ${params.id} not found`);
      ctx.webhooks.update({ ...w, complianceOnly: input.complianceOnly, updatedAt: ctx.clock.nowIso() });
      return ok({ id: w.id, complianceOnly: input.complianceOnly });
    })
    .add('GET', '/events', ({ ctx, query }) => ok({ data: ctx.events.listEvents(parseQuery(eventsQuery, query)) }))
    .add('POST', '/events/{eventId}/send', ({ ctx, params, body }) => sendEvent(ctx, dispatcher, params.eventId!, body));
}
