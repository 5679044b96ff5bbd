import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import { ApiError } from '../http-util.ts';
import { newId } from '../ids.ts';
import type { Router } from '../router.ts';
import { parseJson, type Row } from '../store/db.ts';
import { alpha2, parseBody, parseQuery, zodToApiError } from '../validate.ts';
import { requireCustomer } from './customers.routes.ts';
import { ok, type ApiRequest, type ApiRoute } from './route-types.ts';

/**
 * Contract §5: not offered by v0.9. Without the preview flag every such path answers 404
 * `not_available`; with it, external accounts get their intended shape. The object follows the
 * documented example (payments/external-accounts: `type:"usBank"`, `status:"verified"`, `network`,
 * `bankDetails{bankName, accountNumber:"******4242"}`).
 *
 * OUR PREVIEW, NOT DOCUMENTED: `GET /external-accounts/schemas` (per-rail field lists for a
 * schema-driven form) appears on no official OMS page; it exists so the console's form has a source.
 */
interface FieldSpec {
  name: string;
  label: string;
  type: 'string' | 'enum';
  required: boolean;
  pattern?: string;
  values?: string[];
}

const holder: FieldSpec = { name: 'accountHolderName', label: 'Account holder name', type: 'string', required: true, pattern: '^.{2,100}$' };
const RAILS: Record<string, FieldSpec[]> = {
  ach: [
    holder,
    { name: 'routingNumber', label: 'ABA routing number', type: 'string', required: true, pattern: '^\\d{9}$' },
    { name: 'accountNumber', label: 'Account number', type: 'string', required: true, pattern: '^\\d{4,17}$' },
    { name: 'accountType', label: 'Account type', type: 'enum', required: true, values: ['checking', 'savings'] },
  ],
  wire: [
    holder,
    { name: 'routingNumber', label: 'ABA routing number', type: 'string', required: true, pattern: '^\\d{9}$' },
    { name: 'accountNumber', label: 'Account number', type: 'string', required: true, pattern: '^\\d{4,17}$' },
    { name: 'bankName', label: 'Bank name', type: 'string', required: true, pattern: '^.{2,100}$' },
  ],
  swift: [
    holder,
    { name: 'iban', label: 'IBAN', type: 'string', required: true, pattern: '^[A-Z]{2}\\d{2}[A-Z0-9]{10,30}$' },
    { name: 'bic', label: 'BIC / SWIFT code', type: 'string', required: true, pattern: '^[A-Z0-9]{8}([A-Z0-9]{3})?$' },
    { name: 'bankName', label: 'Bank name', type: 'string', required: true, pattern: '^.{2,100}$' },
  ],
};

function railsFor(country: string, currency: string): string[] {
  return country === 'US' && currency === 'USD' ? ['ach', 'wire'] : ['swift'];
}

const schemasQuery = z.strictObject({ country: alpha2.default('US'), currency: z.string().regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code').transform((s) => s.toUpperCase()).default('USD') });
const createSchema = z.strictObject({
  network: z.enum(['ach', 'wire', 'swift']),
  country: alpha2.default('US'),
  currency: z.string().regex(/^[A-Za-z]{3}$/).transform((s) => s.toUpperCase()).default('USD'),
  bankDetails: z.record(z.string(), z.string()),
});

function bankDetailsSchema(fields: FieldSpec[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) {
    shape[f.name] = f.values ? z.enum(f.values as [string, ...string[]]) : z.string().regex(new RegExp(f.pattern ?? '.*'), `must match ${f.pattern}`);
  }
  return z.strictObject(shape);
}

export function notAvailable(): never {
  throw new ApiError(404, 'Not available in OMS v0.9 (start the sandbox with --preview to try the intended shape)', { code: 'not_available' });
}

/** The documented masking: six asterisks and the last four digits. */
function mask(details: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(details)) out[k] = /number|iban/i.test(k) ? `******${v.slice(-4)}` : v;
  return out;
}

function bankNameFor(details: Record<string, string>, network: string): string {
  // ach details carry no bank name; the sandbox names a plausible one instead of leaving it out.
  return details.bankName ?? (network === 'ach' ? 'Sandbox Bank, N.A.' : 'Sandbox International Bank');
}

function create(ctx: SandboxContext, r: ApiRequest) {
  const input = parseBody(createSchema, r.body);
  const customer = requireCustomer(ctx, r.params.id!);
  if (!railsFor(input.country, input.currency).includes(input.network)) {
    throw new ApiError(400, `network: ${input.network} is not offered for ${input.country}/${input.currency}`);
  }
  const parsed = bankDetailsSchema(RAILS[input.network]!).safeParse(input.bankDetails);
  if (!parsed.success) throw zodToApiError(parsed.error, 'bankDetails');
  const now = ctx.clock.nowIso();
  const prefix = input.network === 'swift' ? 'cpIntlBank' : 'cpUsBank';
  const details = parsed.data as Record<string, string>;
  const doc = {
    id: newId(prefix, ctx.clock.now()),
    object: 'externalAccount',
    customerId: customer.doc.id,
    type: input.network === 'swift' ? 'intlBank' : 'usBank',
    status: 'verified',
    network: input.network,
    country: input.country,
    currency: input.currency,
    bankDetails: { bankName: bankNameFor(details, input.network), ...mask(details) },
    createdAt: now,
  };
  ctx.db.prepare('INSERT INTO external_accounts (id, customer_seq, created_at, doc) VALUES (?, ?, ?, ?)').run(doc.id, customer.seq, now, JSON.stringify(doc));
  return ok(doc, 201);
}

export function registerExternalAccountRoutes(router: Router<ApiRoute>, preview: boolean): void {
  const route = (handler: ApiRoute['handler'], idempotent = false): ApiRoute => ({
    auth: true,
    idempotent: preview && idempotent,
    handler: preview ? handler : notAvailable,
  });
  router
    // Our preview only (see the header comment): no official page documents this route.
    .add('GET', '/external-accounts/schemas', route(({ query }) => {
      const q = parseQuery(schemasQuery, query);
      return ok({ country: q.country, currency: q.currency, rails: railsFor(q.country, q.currency).map((network) => ({ network, fields: RAILS[network] })) });
    }))
    .add('POST', '/customers/{id}/external-accounts', route((r) => create(r.ctx, r), true))
    .add('GET', '/customers/{id}/external-accounts', route(({ ctx, params }) => {
      const c = requireCustomer(ctx, params.id!);
      const rows = ctx.db.prepare('SELECT doc FROM external_accounts WHERE customer_seq = ? ORDER BY seq').all(c.seq) as Row[];
      return ok({ data: rows.map((row) => parseJson(row.doc)), hasMore: false, cursor: null });
    }));
}
