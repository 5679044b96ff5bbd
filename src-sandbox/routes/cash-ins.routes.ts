import { z } from 'zod';
import { DOCUMENTED_CASH_IN_QUERY, onlyDocumented } from '../documented.ts';
import { ApiError } from '../http-util.ts';
import { CASH_LOCATIONS, milesBetween } from '../money/cash-locations.ts';
import { authCommit, barcodeAuth, barcodeSchema, commitSchema, createCashIn, createCashInSchema, listCashIns, loadCashIn, refreshCashIn } from '../money/cash-ins.ts';
import { publicDoc } from '../money/transactions.ts';
import type { Router } from '../router.ts';
import { limitParam, parseBody, parseQuery } from '../validate.ts';
import { requireCustomer } from './customers.routes.ts';
import { decodeCursor, encodeCursor, ok, type ApiRequest, type ApiRoute } from './route-types.ts';

const coordinate = (min: number, max: number) => z.coerce.number({ error: 'must be a number' }).min(min, `must be ≥ ${min}`).max(max, `must be ≤ ${max}`);
const locationsQuery = z
  .strictObject({
    provider: z.literal('greendot', { error: 'must be greendot (the only cash provider)' }).optional(),
    // The documented search centre: OMS finds locations near a point, so both are required.
    latitude: coordinate(-90, 90).optional(),
    longitude: coordinate(-180, 180).optional(),
    flow: z.enum(['cashIn', 'cashPickup']).optional(),
  });

const listQuery = z.strictObject({
  customerId: z.string().max(100).optional(),
  status: z.enum(['pending', 'processing', 'completed', 'failed', 'expired']).optional(),
  limit: limitParam(20, 100),
  cursor: z.string().max(200).optional(),
});

function locations({ query }: ApiRequest) {
  const q = parseQuery(locationsQuery, query);
  const missing = (['latitude', 'longitude'] as const).filter((k) => q[k] === undefined);
  if (missing.length) throw new ApiError(400, `query.${missing[0]}: is required (the search centre is latitude and longitude)`, { details: { issues: missing.map((path) => ({ path: `query.${path}`, message: 'is required' })) } });
  const here = { latitude: q.latitude!, longitude: q.longitude! };
  // Distance is display information (one decimal), never money.
  const data = CASH_LOCATIONS.filter((l) => !q.flow || l.flows.includes(q.flow))
    .map((l) => ({ ...l, distanceMiles: Math.round(milesBetween(here, l.coordinates) * 10) / 10 }))
    .sort((a, b) => a.distanceMiles - b.distanceMiles);
  return ok({ data, hasMore: false });
}

function list({ ctx, query }: ApiRequest) {
  const q = parseQuery(listQuery, ctx.config.documentedOnly ? onlyDocumented(query, DOCUMENTED_CASH_IN_QUERY) : query);
  const beforeSeq = decodeCursor(q.cursor);
  if (Number.isNaN(beforeSeq)) throw new ApiError(400, 'query.cursor: not a cursor returned by this endpoint');
  const customerSeq = q.customerId ? requireCustomer(ctx, q.customerId).seq : undefined;
  const { page, hasMore } = listCashIns(ctx, { customerSeq, status: q.status, beforeSeq, limit: q.limit });
  const last = page[page.length - 1];
  return ok({ data: page.map((c) => publicDoc(c.doc)), hasMore, nextCursor: hasMore && last ? encodeCursor(last.seq) : null });
}

export function registerCashInRoutes(router: Router<ApiRoute>): void {
  const route = (handler: ApiRoute['handler'], idempotent = false): ApiRoute => ({ auth: true, idempotent, handler });
  router
    .add('GET', '/cash-locations', route(locations))
    .add('POST', '/cash-ins', route(({ ctx, body }) => {
      const input = parseBody(createCashInSchema, body);
      return ok(createCashIn(ctx, requireCustomer(ctx, input.customerId), input), 201);
    }, true))
    .add('GET', '/cash-ins', route(list))
    .add('GET', '/cash-ins/{id}', route(({ ctx, params }) => ok(publicDoc(loadCashIn(ctx, params.id!).doc))))
    .add('POST', '/cash-ins/{id}/refresh', route(({ ctx, params }) => ok(refreshCashIn(ctx, params.id!)), true))
    .add('POST', '/cash-ins/simulate/barcode-auth', route(({ ctx, body }) => ok(barcodeAuth(ctx, parseBody(barcodeSchema, body))), true))
    .add('POST', '/cash-ins/simulate/auth-commit', route(({ ctx, body }) => ok(authCommit(ctx, parseBody(commitSchema, body))), true));
}
