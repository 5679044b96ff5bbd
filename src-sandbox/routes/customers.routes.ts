import type { SandboxContext } from '../context.ts';
import { settle } from '../endorsements/engine.ts';
import { DOCUMENTED_CUSTOMER_QUERY, onlyDocumented } from '../documented.ts';
import { ApiError, notFound } from '../http-util.ts';
import { newId } from '../ids.ts';
import { add, dec, format, normalize, ZERO } from '../decimal.ts';
import { presentCustomer, presentCustomers, presentWalletBalance } from '../presenters.ts';
import type { Router } from '../router.ts';
import { listCustomerRows } from '../store/customer-query.ts';
import { toStored } from '../store/customers.repo.ts';
import type { Row } from '../store/db.ts';
import type { CustomerDoc, EndorsementName, StoredCustomer } from '../types.ts';
import { parseBody, parseQuery, type ServerCheck } from '../validate.ts';
import {
  balanceQuery,
  createCustomerSchema,
  listCustomersQuery,
  patchCustomerSchema,
  PII_FIELDS,
  RE_REVIEW_FIELDS,
} from './customer-schemas.ts';
import { decodeCursor, encodeCursor, ok, type ApiRequest, type ApiRoute } from './route-types.ts';

export function requireCustomer(ctx: SandboxContext, id: string): StoredCustomer {
  const c = ctx.customers.byId(id);
  if (!c) throw notFound('Customer', id);
  return c;
}

/**
 * An externalId names one customer of the integrator's own system, so two OMS customers never share
 * it [choice, oms-api.md §9]: refused like any invalid field (400 with a field issue), because the fix
 * is the same, correct that field. Only OMS can know, so the console cannot catch it first; it is
 * judged alongside the schema's issues, so a request with several problems hears of all of them.
 */
function externalIdTaken(ctx: SandboxContext, self: string | null): ServerCheck {
  return (body) => {
    const externalId = typeof body.externalId === 'string' ? body.externalId.trim() : '';
    if (!externalId) return [];
    const row = ctx.db.prepare('SELECT id FROM customers WHERE external_id = ? AND id IS NOT ? LIMIT 1').get(externalId, self) as Row | undefined;
    return row ? [{ path: 'externalId', message: `is already the externalId of customer ${String(row.id)}` }] : [];
  };
}

function create({ ctx, body }: ApiRequest) {
  const input = parseBody(createCustomerSchema, body, externalIdTaken(ctx, null));
  const now = ctx.clock.nowIso();
  const doc: CustomerDoc = {
    id: newId('cst', ctx.clock.now()),
    type: 'individual',
    firstName: input.firstName ?? null,
    middleName: input.middleName ?? null,
    lastName: input.lastName ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    nationality: input.nationality ?? null,
    externalId: input.externalId ?? null,
    status: 'active',
    signedAgreement: input.signedAgreement ?? false,
    signedAgreementAt: input.signedAgreement ? now : null,
    metadata: input.metadata ?? {},
    createdAt: now,
    updatedAt: now,
    requested: input.endorsements ?? ['cryptoCustody', 'usd'],
    pii: {
      birthDate: input.birthDate ?? null,
      residentialAddress: input.residentialAddress ?? null,
      ipAddress: input.ipAddress ?? null,
      identifyingInformation: input.identifyingInformation ?? null,
    },
  };
  const seq = ctx.customers.insert(doc);
  settle(ctx, seq, { leading: ['customer.created'] });
  return ok(presentCustomer(ctx, ctx.customers.bySeq(seq)!), 201);
}

function list({ ctx, query }: ApiRequest) {
  const q = parseQuery(listCustomersQuery, ctx.config.documentedOnly ? onlyDocumented(query, DOCUMENTED_CUSTOMER_QUERY) : query);
  const beforeSeq = decodeCursor(q.cursor);
  if (Number.isNaN(beforeSeq)) throw new ApiError(400, 'query.cursor: not a cursor returned by this endpoint');
  const filters = { ...q, beforeSeq, qMatch: ctx.search.qMatch };
  const rows = listCustomerRows(ctx.db, filters).rows.map(toStored);
  const hasMore = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return ok({ data: presentCustomers(ctx, page), hasMore, cursor: hasMore && last ? encodeCursor(last.seq) : null });
}

function patch({ ctx, params, body }: ApiRequest) {
  const input = parseBody(patchCustomerSchema, body, externalIdTaken(ctx, params.id!));
  const stored = requireCustomer(ctx, params.id!);
  if (stored.doc.status === 'inactive') throw new ApiError(409, `Customer ${stored.doc.id} is inactive (deleted) and cannot be changed`);
  const keys = Object.keys(input) as (keyof typeof input)[];
  if (!keys.length) return ok(presentCustomer(ctx, stored));
  const doc = stored.doc;
  const now = ctx.clock.nowIso();
  for (const key of keys) {
    const value = input[key];
    if ((PII_FIELDS as readonly string[]).includes(key)) {
      (doc.pii as Record<string, unknown>)[key] = value ?? null;
    } else if (key === 'endorsements') {
      // Listing names requests them in addition to what was requested before.
      doc.requested = [...new Set([...doc.requested, ...((value as EndorsementName[] | null) ?? [])])];
    } else if (key === 'signedAgreement') {
      const signed = value === true;
      if (signed && !doc.signedAgreement) doc.signedAgreementAt = now;
      if (!signed) doc.signedAgreementAt = null;
      doc.signedAgreement = signed;
    } else if (key === 'metadata') {
      doc.metadata = (value as Record<string, string> | null) ?? {};
    } else {
      (doc as unknown as Record<string, unknown>)[key] = value ?? null;
    }
  }
  doc.updatedAt = now;
  ctx.customers.update(stored.seq, doc);
  settle(ctx, stored.seq, { leading: ['customer.updated'], reReview: keys.some((k) => RE_REVIEW_FIELDS.includes(k)) });
  return ok(presentCustomer(ctx, ctx.customers.bySeq(stored.seq)!));
}

function softDelete({ ctx, params }: ApiRequest) {
  const stored = requireCustomer(ctx, params.id!);
  if (stored.doc.status === 'active') {
    stored.doc.status = 'inactive';
    stored.doc.updatedAt = ctx.clock.nowIso();
    ctx.customers.update(stored.seq, stored.doc);
    settle(ctx, stored.seq, { leading: ['customer.updated'] });
  }
  return ok(presentCustomer(ctx, ctx.customers.bySeq(stored.seq)!));
}

/** Aggregate balance [choice on names, see presentWalletBalance]: the estimated total plus one row per wallet. */
function balance({ ctx, params, query }: ApiRequest) {
  const { estimatedBalanceCurrencyCode: currency } = parseQuery(balanceQuery, query);
  const stored = requireCustomer(ctx, params.id!);
  const wallets = ctx.wallets.forCustomers([stored.seq]).get(stored.seq) ?? [];
  const rows = wallets.map((w) => presentWalletBalance(w, currency));
  const total = rows.reduce((sum, r) => add(sum, dec(r.estimatedBalance)), ZERO);
  return ok({
    object: 'customerBalance',
    customerId: stored.doc.id,
    estimatedBalance: format(normalize(total)),
    estimatedBalanceCurrencyCode: currency,
    balances: rows,
    updatedAt: ctx.clock.nowIso(),
  });
}

export function registerCustomerRoutes(router: Router<ApiRoute>): void {
  const route = (handler: ApiRoute['handler'], idempotent = false): ApiRoute => ({ auth: true, idempotent, handler });
  router
    .add('POST', '/customers', route(create, true))
    .add('GET', '/customers', route(list))
    .add('GET', '/customers/{id}', route(({ ctx, params }) => ok(presentCustomer(ctx, requireCustomer(ctx, params.id!)))))
    .add('PATCH', '/customers/{id}', route(patch))
    .add('DELETE', '/customers/{id}', route(softDelete))
    .add('GET', '/customers/{id}/balance', route(balance));
}
