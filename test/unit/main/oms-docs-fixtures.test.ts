import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CustomerView } from '#shared/domain/customer.ts';
import { CashInView, QuoteView } from '#shared/domain/money-flow.ts';
import { TransactionView } from '#shared/domain/transaction.ts';
import { WalletView } from '#shared/domain/wallet.ts';
import { WebhookView } from '#shared/domain/webhook.ts';
import { ExternalAccount } from '#shared/ipc/external-accounts.contract.ts';
import { OmsExternalAccount } from '../../../src-main/oms/external-accounts.api.ts';
import { OmsCashIn, OmsCustomer, OmsQuote, OmsToken, OmsTransaction, OmsWallet } from '../../../src-main/oms/oms-objects.ts';
import { omsPage } from '../../../src-main/oms/pages.ts';
import { OmsWebhook } from '../../../src-main/oms/webhooks.api.ts';
import { toCustomerView } from '../../../src-main/services/customers/customer-view.ts';
import { toAccount } from '../../../src-main/services/external-accounts/external-accounts.ipc.ts';
import { toCashInView, toQuoteView } from '../../../src-main/services/money/flow-views.ts';
import { toTransactionView, toWalletView } from '../../../src-main/services/money/money-views.ts';
import { toWebhookView } from '../../../src-main/services/webhooks/webhooks.ipc.ts';

/**
 * Every response example from the official OMS pages (test/fixtures/oms-docs, with the page each
 * came from) must parse through the console's OMS schemas and map to the view the renderer shows —
 * the cut-off ones too: a field the page did not show is simply absent.
 */
const ROOT = join(import.meta.dirname, '../../fixtures/oms-docs');

interface Fixture {
  source: string;
  endpoint: string | null;
  kind: string;
  example: unknown;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : f.endsWith('.json') ? [p] : [];
  });
}

type Mapper = { parse: (x: unknown) => unknown; view: z.ZodType };
const one = <T>(schema: z.ZodType<T>, map: (x: T) => unknown, view: z.ZodType): Mapper => ({ parse: (x) => map(schema.parse(x)), view });
const pageOrOne = <T>(schema: z.ZodType<T>, map: (x: T) => unknown, view: z.ZodType): Mapper => ({
  parse: (x) => {
    const list = x && typeof x === 'object' && 'data' in x;
    return list ? omsPage(schema).parse(x).items.map(map) : map(schema.parse(x));
  },
  view,
});

const BY_RESOURCE: Record<string, Mapper> = {
  customers: pageOrOne(OmsCustomer, toCustomerView, CustomerView),
  wallets: pageOrOne(OmsWallet, toWalletView, WalletView),
  transactions: pageOrOne(OmsTransaction, toTransactionView, TransactionView),
  quotes: one(OmsQuote, toQuoteView, QuoteView),
  'cash-ins': pageOrOne(OmsCashIn, toCashInView, CashInView),
  webhooks: one(OmsWebhook, (w) => toWebhookView(w, w.secret ?? null), WebhookView),
  'external-accounts': one(OmsExternalAccount, (a) => toAccount(a, { network: 'ach', country: 'US', currency: 'USD', bankDetails: {} }), ExternalAccount),
  auth: one(OmsToken, (t) => t, OmsToken),
};

/**
 * Some pages show an object without its id (a quote side, a cut-off example): the id is the one
 * field the console requires, so such an example gets a visible placeholder, nothing else.
 */
function withIds(example: unknown): unknown {
  const give = (o: unknown) => (o && typeof o === 'object' && !Array.isArray(o) && !('id' in o) ? { id: '(not shown on the page)', ...o } : o);
  if (example && typeof example === 'object' && 'data' in example && Array.isArray((example as { data: unknown }).data)) {
    return { ...example, data: (example as { data: unknown[] }).data.map(give) };
  }
  return give(example);
}

const all = files(ROOT).map((p) => ({ path: relative(ROOT, p), fixture: JSON.parse(readFileSync(p, 'utf8')) as Fixture }));

/** The example the console takes as an opaque answer, with why: no view is built from it. */
const UNMAPPED: Record<string, string> = {
  'cash-ins/simulate-cash-in-auth-commit-200.json': "a card processor's receipt for a simulated payment; the console keeps it as returned",
};
/** Examples that show part of an object: where that part sits in the whole. */
const PLACED: Record<string, (example: unknown) => unknown> = {
  'quotes/quote-system-fee-structure-side.json': (side) => ({ source: side }),
};
/**
 * Parts of an object the console does not show, so their values are not looked for: cash pickup is
 * not offered, and a quote's `developerFees` echo the caller's own fee set-up (the view shows the
 * developer fee charged, `fees.developer`).
 */
const NOT_SHOWN = /(^|\.)(cashPickup|developerFees\[\d+\])(\.|$)/;
/** The documented values the view must carry: names, amounts and fees, statuses. */
const CARRIED = /^(firstName|middleName|lastName|status|amountGross|amountNet|indicatedAmount|amount|balance|estimatedValueUsd|total|developer|gas|oms)$/;
/** The docs' stand-in for "some string": a value a real answer never has. */
const PLACEHOLDER = '<string>';

type Leaf = { path: string; key: string; value: unknown };
function leaves(x: unknown, path = ''): Leaf[] {
  if (Array.isArray(x)) return x.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => (v && typeof v === 'object' ? leaves(v, path ? `${path}.${k}` : k) : [{ path: path ? `${path}.${k}` : k, key: k, value: v }]));
  return [];
}

describe('OMS documented examples', () => {
  it('are all here (26), each naming its page', () => {
    expect(all.map((f) => f.path)).toHaveLength(26);
    for (const { path, fixture } of all) expect(fixture.source, path).toMatch(/^https:\/\//);
    for (const path of [...Object.keys(UNMAPPED), ...Object.keys(PLACED)]) expect(all.map((f) => f.path)).toContain(path);
  });

  it('are all responses, and only the named receipt is left unmapped', () => {
    expect(all.filter(({ fixture }) => fixture.kind !== 'response').map((f) => f.path)).toEqual([]);
    const resources = new Set(all.map(({ path }) => path.replace(/^_truncated\//, '').split('/')[0]!));
    expect([...resources].filter((r) => !BY_RESOURCE[r])).toEqual([]);
  });

  const cases = all.filter(({ path }) => !(path in UNMAPPED));
  it.each(cases.map((c) => [c.path, c] as const))('%s parses and maps to a view carrying its names, amounts and statuses', (_path, { path, fixture }) => {
    const resource = path.replace(/^_truncated\//, '').split('/')[0]!;
    const mapper = BY_RESOURCE[resource]!;
    const example = PLACED[path]?.(fixture.example) ?? fixture.example;
    const mapped = mapper.parse(resource === 'auth' ? example : withIds(example));
    const views = Array.isArray(mapped) ? mapped : [mapped];
    for (const view of views) {
      const checked = mapper.view.safeParse(view);
      expect(checked.success, `${path}: ${checked.error?.message ?? ''}`).toBe(true);
    }
    const shown = leaves(views);
    const wanted = leaves(example).filter((l) => CARRIED.test(l.key) && typeof l.value === 'string' && !NOT_SHOWN.test(l.path));
    for (const want of wanted) expect(shown.some((l) => l.key === want.key && l.value === want.value), `${path}: ${want.path} = ${String(want.value)} is not in the view`).toBe(true);
    // Personal data reaches the renderer masked only.
    const text = JSON.stringify(views);
    for (const pii of leaves(example).filter((l) => (l.key === 'email' || l.key === 'phone') && typeof l.value === 'string' && l.value !== PLACEHOLDER)) expect(text, `${path}: ${pii.path}`).not.toContain(pii.value);
    if (resource === 'auth') expect(views).toEqual([expect.objectContaining({ accessToken: (example as { accessToken: string }).accessToken })]);
  });

  it('shows both endorsement forms: names as "listed", objects without a name as unnamed', () => {
    const strings = all.find((f) => f.path === 'customers/payments-customers-object.json')!;
    const view = toCustomerView(OmsCustomer.parse(strings.fixture.example));
    expect(view.endorsements.map((e) => [e.name, e.status])).toEqual([
      ['basic', 'listed'],
      ['usd', 'listed'],
    ]);
  });
});
