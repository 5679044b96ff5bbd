import { ASSETS } from '../assets.ts';
import type { SandboxContext } from '../context.ts';
import { UNDOCUMENTED_FIELDS, withoutFields } from '../documented.ts';
import { ApiError } from '../http-util.ts';
import { price } from '../money/pricing.ts';
import { hasBalance, insertQuote, insufficient, loadQuote, newQuoteId, parseFixedAmount, quoteSchema, requireEndorsement, resolveDestination } from '../money/quotes.ts';
import type { Router } from '../router.ts';
import { parseBody } from '../validate.ts';
import { requireCustomer } from './customers.routes.ts';
import { ok, type ApiRequest, type ApiRoute } from './route-types.ts';
import { requireWallet } from './wallets.routes.ts';

/**
 * `POST /quotes`, `GET /quotes/{id}` (contract §6). A quote prices a transfer from one of the
 * customer's wallets; it does not reserve money (execution re-checks the balance) and it lives
 * `quoteTtlSec` on the sandbox clock.
 */
/** `transactionId` and `promoCode` are the sandbox's additions to the documented quote. */
function presentQuote<T extends Record<string, unknown>>(ctx: SandboxContext, doc: T): T {
  return ctx.config.documentedOnly ? withoutFields(doc, UNDOCUMENTED_FIELDS.quote) : doc;
}

function create({ ctx, body }: ApiRequest) {
  const input = parseBody(quoteSchema, body);
  const customer = requireCustomer(ctx, input.customerId);
  const w = requireWallet(ctx, input.source.walletId);
  if (w.customerSeq !== customer.seq) throw new ApiError(400, `source.walletId: wallet ${w.id} belongs to another customer`);
  if (input.source.asset !== undefined && input.source.asset !== w.asset) throw new ApiError(400, `source.asset: wallet ${w.id} holds ${w.asset}, not ${input.source.asset}`);
  if (input.source.network !== undefined && input.source.network !== w.chain) throw new ApiError(400, `source.network: wallet ${w.id} is on ${w.chain}, not ${input.source.network}`);
  requireEndorsement(ctx, customer, 'cryptoCustody', 'move crypto');
  const dest = resolveDestination(ctx, customer.seq, input.destination);
  if (dest.wallet?.seq === w.seq) throw new ApiError(400, 'destination.wallet: is the source wallet itself');
  const fiat = ASSETS[input.destination.asset]?.fiat ?? false;
  if (fiat) {
    requireEndorsement(ctx, customer, 'usd', 'receive usd');
    if (w.asset !== 'usdc') throw new ApiError(422, `Cash and bank payouts are paid from usdc wallets; ${w.id} holds ${w.asset}`, { code: 'pair_not_supported' });
  }
  const src = { asset: w.asset, network: w.chain };
  const dst = { asset: input.destination.asset, network: input.destination.network };
  const { fixed, amount } = parseFixedAmount(input, src);
  const sponsorGas = input.sponsorGas ?? false;
  const priced = price(src, dst, amount, fixed, sponsorGas);
  if (!hasBalance(w, priced.sourceGross)) throw insufficient(w, priced.sourceGross);
  const now = ctx.clock.now();
  const doc = {
    id: newQuoteId(ctx),
    object: 'quote',
    type: fiat ? 'cryptoToFiat' : 'cryptoToCrypto',
    status: 'open',
    customerId: customer.doc.id,
    source: { walletId: w.id, asset: w.asset, network: w.chain, ...priced.source },
    destination: {
      asset: dst.asset,
      network: dst.network,
      ...priced.destination,
      // Both keys always, as in the API reference example; the one not used is null.
      wallet: dest.wallet ? { id: dest.wallet.id, blockchainAddress: dest.wallet.address } : dest.address ? { blockchainAddress: dest.address } : dest.externalAccountId ? { externalAccount: dest.externalAccountId } : null,
      cash: dest.cash ?? null,
      ...(dest.externalAccountId ? { externalAccountId: dest.externalAccountId } : {}),
    },
    rates: priced.rates,
    fixedAmountSide: fixed,
    sponsorGas,
    sponsorGasCost: '0',
    promoCode: input.promoCode ?? null,
    metadata: input.metadata ?? {},
    transactionId: null,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + ctx.money.quoteTtlSec * 1000).toISOString(),
  };
  insertQuote(ctx, customer.seq, doc);
  return ok(presentQuote(ctx, doc), 201);
}

export function registerQuoteRoutes(router: Router<ApiRoute>): void {
  router
    .add('POST', '/quotes', { auth: true, idempotent: true, handler: create })
    .add('GET', '/quotes/{id}', { auth: true, idempotent: false, handler: ({ ctx, params }) => ok(presentQuote(ctx, loadQuote(ctx, params.id!).doc)) });
}
