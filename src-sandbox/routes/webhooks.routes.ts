import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import { UNDOCUMENTED_FIELDS, withoutFields } from '../documented.ts';
import { ApiError, notFound } from '../http-util.ts';
import { newId } from '../ids.ts';
import type { Router } from '../router.ts';
import type { WebhookRecord } from '../store/webhooks.repo.ts';
import { limitParam, parseBody, parseQuery } from '../validate.ts';
import { newWebhookSecret } from '../webhooks/signer.ts';
import { decodeCursor, encodeCursor, ok, type ApiRequest, type ApiRoute } from './route-types.ts';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
/** Contract §7: OMS delivers to public HTTPS endpoints; the sandbox also accepts http to a loopback receiver. */
const url = z
  .url({ protocol: /^https?$/, error: 'must be an absolute https URL' })
  .max(2048)
  .refine((u) => {
    const parsed = new URL(u);
    return parsed.protocol === 'https:' || LOOPBACK_HOSTS.has(parsed.hostname);
  }, 'must be https (plain http is accepted only for a loopback receiver such as http://127.0.0.1:8787/hook)');
/** Admin-only per the docs: the public API refuses it, so no client believes it took effect. */
const complianceOnly = z.never({ error: 'complianceOnly can only be set via the admin API (sandbox: PUT /_sandbox/webhooks/{id}/compliance-only)' });
const eventPattern = z.string().regex(/^(\*|[a-zA-Z]+(\.[a-zA-Z]+)*(\.\*)?)$/, 'must be an event type such as customer.created or a family such as customer.endorsement.*');

const createSchema = z.strictObject({
  url,
  events: z.array(eventPattern).max(50).optional(),
  enabled: z.boolean().optional(),
  complianceOnly: complianceOnly.optional(),
});
const patchSchema = z.strictObject({
  url: url.optional(),
  events: z.array(eventPattern).max(50).optional(),
  enabled: z.boolean().optional(),
  complianceOnly: complianceOnly.optional(),
});
const listQuery = z.strictObject({ limit: limitParam(20, 100), cursor: z.string().optional() });

/** The secret appears only in the creation response (contract §7); afterwards it is null. */
export function presentWebhook(ctx: SandboxContext, w: WebhookRecord, revealSecret = false) {
  const full = {
    id: w.id,
    object: 'webhook',
    url: w.url,
    events: w.events,
    enabled: w.enabled,
    status: w.status,
    complianceOnly: w.complianceOnly,
    secret: revealSecret ? w.secret : null,
    disabledReason: w.disabledReason,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
  // `disabledReason` and `updatedAt` are the sandbox's additions to the documented endpoint object.
  return ctx.config.documentedOnly ? withoutFields(full, UNDOCUMENTED_FIELDS.webhook) : full;
}

function requireWebhook(ctx: SandboxContext, id: string): WebhookRecord {
  const w = ctx.webhooks.byId(id);
  if (!w) throw notFound('Webhook', id);
  return w;
}

function create({ ctx, body }: ApiRequest) {
  const input = parseBody(createSchema, body);
  const now = ctx.clock.nowIso();
  const w = ctx.webhooks.insert({
    id: newId('whk', ctx.clock.now()),
    url: input.url,
    events: input.events ?? [],
    enabled: input.enabled ?? true,
    status: 'active',
    complianceOnly: false,
    secret: newWebhookSecret(),
    disabledReason: null,
    createdAt: now,
    updatedAt: now,
  });
  return ok(presentWebhook(ctx, w, true), 201);
}

function list({ ctx, query }: ApiRequest) {
  const q = parseQuery(listQuery, query);
  const after = decodeCursor(q.cursor) ?? 0;
  if (Number.isNaN(after)) throw new ApiError(400, 'query.cursor: not a cursor returned by this endpoint');
  const rows = ctx.webhooks.page(after, q.limit);
  const hasMore = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return ok({ data: page.map((w) => presentWebhook(ctx, w)), hasMore, cursor: hasMore && last ? encodeCursor(last.seq) : null });
}

function patch({ ctx, params, body }: ApiRequest) {
  const input = parseBody(patchSchema, body);
  const w = requireWebhook(ctx, params.id!);
  const now = ctx.clock.nowIso();
  const next: WebhookRecord = { ...w, ...input, updatedAt: now };
  // Re-enabling is also how an endpoint disabled by a 410 comes back.
  if (input.enabled === true) {
    next.status = 'active';
    next.disabledReason = null;
  }
  if (input.enabled === false) ctx.events.cancelPendingFor(w.id, now);
  ctx.webhooks.update(next);
  return ok(presentWebhook(ctx, next));
}

function remove({ ctx, params }: ApiRequest) {
  const w = requireWebhook(ctx, params.id!);
  ctx.events.cancelPendingFor(w.id, ctx.clock.nowIso());
  ctx.webhooks.delete(w.seq);
  return ok({ id: w.id, object: 'webhook', deleted: true });
}

export function registerWebhookRoutes(router: Router<ApiRoute>): void {
  const route = (handler: ApiRoute['handler'], idempotent = false): ApiRoute => ({ auth: true, idempotent, handler });
  router
    .add('POST', '/webhooks', route(create, true))
    .add('GET', '/webhooks', route(list))
    .add('GET', '/webhooks/{id}', route(({ ctx, params }) => ok(presentWebhook(ctx, requireWebhook(ctx, params.id!)))))
    .add('PATCH', '/webhooks/{id}', route(patch))
    .add('DELETE', '/webhooks/{id}', route(remove));
}
