import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { SandboxHandle } from '#sandbox/index.ts';
import { CustomerView } from '#shared/domain/customer.ts';
import { CashInView, CashLocationView, QuoteView } from '#shared/domain/money-flow.ts';
import { TransactionView } from '#shared/domain/transaction.ts';
import { CustomerBalanceView, WalletBalanceView, WalletView } from '#shared/domain/wallet.ts';
import { WebhookView } from '#shared/domain/webhook.ts';
import { OmsBalance, OmsCashIn, OmsCashLocation, OmsCustomer, OmsCustomerBalance, OmsQuote, OmsToken, OmsTransaction, OmsWallet } from '../../src-main/oms/oms-objects.ts';
import { omsPage } from '../../src-main/oms/pages.ts';
import { OmsWebhook } from '../../src-main/oms/webhooks.api.ts';
import { toCustomerView } from '../../src-main/services/customers/customer-view.ts';
import { toCashInView, toCashLocationView, toQuoteView } from '../../src-main/services/money/flow-views.ts';
import { toCustomerBalanceView, toTransactionView, toWalletBalanceView, toWalletView } from '../../src-main/services/money/money-views.ts';
import { toWebhookView } from '../../src-main/services/webhooks/webhooks.ipc.ts';
import { KEY, SECRET, startTestSandbox } from './main-support/sandbox.ts';

/**
 * The sandbox's answers for every endpoint the console reads go through the same OMS schemas and
 * view mappers as the official docs' examples (test/unit/main/oms-docs-fixtures.test.ts): what the
 * console is tested against locally is what it would accept from OMS.
 */
describe('sandbox responses validate against the console OMS schemas', () => {
  let sb: SandboxHandle;
  let token: string;
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${sb.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json: unknown = await res.json();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  /** Parses with the OMS schema, maps, and checks the strict view: the whole console path. */
  const through = <T, V>(schema: z.ZodType<T>, map: (x: T) => V, view: z.ZodType, json: unknown): V => {
    const mapped = map(schema.parse(json));
    const checked = view.safeParse(mapped);
    expect(checked.success, checked.error?.message).toBe(true);
    return mapped;
  };
  const page = <T, V>(schema: z.ZodType<T>, map: (x: T) => V, view: z.ZodType, json: unknown): V[] => omsPage(schema).parse(json).items.map((x) => through(schema, map, view, x));

  beforeAll(async () => {
    sb = await startTestSandbox({ settlementDelayMs: 10 });
    const res = await fetch(`${sb.baseUrl}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apiKey: KEY, apiSecret: SECRET }) });
    token = OmsToken.parse(await res.json()).accessToken;
  });
  afterAll(async () => sb?.close());

  it('customers, wallets, balances, transactions, quotes, cash-ins, locations and webhooks', async () => {
    const customers = page(OmsCustomer, toCustomerView, CustomerView, await call('GET', '/customers?limit=50&endorsement=cryptoCustody:active'));
    const c = customers.find((x) => x.endorsements.some((e) => e.name === 'usd' && e.status === 'active'))!;
    expect(c).toBeDefined();
    through(OmsCustomer, toCustomerView, CustomerView, await call('GET', `/customers/${c.id}`));
    let wallets = page(OmsWallet, toWalletView, WalletView, await call('GET', `/customers/${c.id}/wallets`));
    if (!wallets.some((w) => w.asset === 'usdc' && w.chain === 'polygon')) {
      through(OmsWallet, toWalletView, WalletView, await call('POST', `/customers/${c.id}/wallets`, { asset: 'usdc', chain: 'polygon' }));
      wallets = page(OmsWallet, toWalletView, WalletView, await call('GET', `/customers/${c.id}/wallets`));
    }
    const w = wallets.find((x) => x.asset === 'usdc' && x.chain === 'polygon')!;
    await fetch(`${sb.origin}/_sandbox/wallets/${w.id}/deposit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount: '50.00' }) });
    const bal = through(OmsBalance, (b) => toWalletBalanceView(b, w.id), WalletBalanceView, await call('GET', `/wallets/${w.id}/balance`));
    expect(bal.balance).toMatch(/^\d+\.\d+$/);
    expect(bal.estimatedValue).toMatch(/^\d+\.\d+$/);
    const total = through(OmsCustomerBalance, (b) => toCustomerBalanceView(b, c.id), CustomerBalanceView, await call('GET', `/customers/${c.id}/balance`));
    expect(total.estimatedTotal).toMatch(/^\d+\.\d+$/);

    const quote = through(OmsQuote, toQuoteView, QuoteView, await call('POST', '/quotes', {
      customerId: c.id,
      source: { walletId: w.id, amount: '3.00' },
      destination: { asset: 'usdc', network: 'polygon', wallet: { blockchainAddress: '0x52908400098527886E0F7030069857D2E4169EE7' } },
    }));
    through(OmsQuote, toQuoteView, QuoteView, await call('GET', `/quotes/${quote.id}`));
    const sent = through(OmsTransaction, toTransactionView, TransactionView, await call('POST', '/transactions', { quoteId: quote.id }));
    expect(sent.type).toBe('cryptoToCrypto');
    through(OmsTransaction, toTransactionView, TransactionView, await call('GET', `/transactions/${sent.id}`));
    for (const path of ['/transactions?limit=5', `/customers/${c.id}/transactions`, `/accounts/${w.id}/transactions?type=cryptoToCrypto`]) {
      const list = page(OmsTransaction, toTransactionView, TransactionView, await call('GET', path));
      expect(list.length, path).toBeGreaterThan(0);
    }

    const locations = omsPage(OmsCashLocation).parse(await call('GET', '/cash-locations?provider=greendot&latitude=38.495133&longitude=-121.505336')).items.map((l) => through(OmsCashLocation, toCashLocationView, CashLocationView, l));
    const loc = locations[0]!;
    const ci = through(OmsCashIn, toCashInView, CashInView, await call('POST', '/cash-ins', {
      customerId: c.id,
      source: { asset: 'usd', indicatedAmount: '20.00' },
      destination: { wallet: { wallet: w.id }, asset: 'usdc', network: 'polygon' },
      cash: { cashLocationId: loc.id, cashLocationReference: loc.reference ?? loc.id },
    }));
    expect(ci.depositInstructions?.code).toBeTruthy();
    through(OmsCashIn, toCashInView, CashInView, await call('GET', `/cash-ins/${ci.id}`));
    page(OmsCashIn, toCashInView, CashInView, await call('GET', '/cash-ins'));

    through(OmsWebhook, (x) => toWebhookView(x, x.secret ?? null), WebhookView, await call('POST', '/webhooks', { url: 'http://127.0.0.1:9/hook', events: [] }));
    page(OmsWebhook, (x) => toWebhookView(x, null), WebhookView, await call('GET', '/webhooks'));
  });
});
