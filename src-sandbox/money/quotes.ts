import { z } from 'zod';
import { ASSETS, decimalsOf, formatUnits, parseAssetAmount, validAddress } from '../assets.ts';
import type { SandboxContext } from '../context.ts';
import { cmp, format, type Dec } from '../decimal.ts';
import { ApiError, notFound } from '../http-util.ts';
import { newId } from '../ids.ts';
import { parseJson, type Row } from '../store/db.ts';
import type { EndorsementName, StoredCustomer, WalletRecord } from '../types.ts';
import { findLocation } from './cash-locations.ts';
import type { Side } from './pricing.ts';

/** Contract §6 quote request; strict like every sandbox body. */
const amount = z.string().max(60);
const walletRef = z.strictObject({
  id: z.string().max(100).optional(),
  wallet: z.string().max(100).optional(),
  blockchainAddress: z.string().max(120).optional(),
  externalAccount: z.string().max(100).optional(),
});
export const quoteSchema = z.strictObject({
  customerId: z.string().min(1).max(100),
  source: z.strictObject({ walletId: z.string().min(1).max(100), asset: z.string().max(20).optional(), network: z.string().max(20).optional(), amount: amount.optional() }),
  destination: z.strictObject({
    asset: z.string().min(1).max(20),
    network: z.string().min(1).max(20),
    amount: amount.optional(),
    wallet: walletRef.optional(),
    cash: z.strictObject({ locationId: z.string().max(100), locationReference: z.string().max(100).optional() }).optional(),
  }),
  metadata: z.record(z.string().max(40), z.string().max(500)).optional(),
  promoCode: z.string().max(64).optional(),
  sponsorGas: z.boolean().optional(),
});
export type QuoteInput = z.infer<typeof quoteSchema>;

/** Where the money goes, resolved against the store. */
export interface Destination {
  kind: 'wallet' | 'address' | 'cash' | 'bank';
  wallet?: WalletRecord;
  address?: string;
  externalAccountId?: string;
  cash?: { locationId: string; locationReference: string };
}

export function requireEndorsement(ctx: SandboxContext, c: StoredCustomer, name: EndorsementName, why: string): void {
  if (c.doc.status !== 'active') throw new ApiError(422, `Customer ${c.doc.id} is inactive`, { code: 'customer_inactive' });
  const e = ctx.endorsements.forCustomer(c.seq).find((r) => r.name === name);
  if (e?.status !== 'active') {
    throw new ApiError(422, `Customer ${c.doc.id} needs an active ${name} endorsement to ${why} (it is ${e?.status ?? 'not requested'})`, {
      code: 'endorsement_required',
      details: { endorsement: name, status: e?.status ?? null },
    });
  }
}

function bad(path: string, message: string): ApiError {
  return new ApiError(400, `${path}: ${message}`, { details: { issues: [{ path, message }] } });
}

export function resolveDestination(ctx: SandboxContext, customerSeq: number, d: QuoteInput['destination']): Destination {
  const info = ASSETS[d.asset];
  if (!info) throw bad('destination.asset', `must be one of ${Object.keys(ASSETS).join(', ')}`);
  if (!info.networks.includes(d.network)) throw bad('destination.network', `${d.asset} moves on ${info.networks.join(', ')}`);
  if (d.network === 'cash') {
    if (!d.cash) throw bad('destination.cash', 'is required for a cash pickup ({locationId})');
    const loc = findLocation(d.cash.locationId);
    if (!loc) throw bad('destination.cash.locationId', `unknown cash location ${d.cash.locationId} (see GET /cash-locations)`);
    return { kind: 'cash', cash: { locationId: loc.id, locationReference: loc.cashLocationReference } };
  }
  const w = d.wallet ?? {};
  const given = (['id', 'wallet', 'blockchainAddress', 'externalAccount'] as const).filter((k) => w[k] !== undefined);
  if (given.length !== 1) throw bad('destination.wallet', 'give exactly one of id, wallet, blockchainAddress, externalAccount');
  if (info.fiat) {
    if (!w.externalAccount) throw bad('destination.wallet.externalAccount', `a ${d.network} payout goes to a registered external account`);
    const row = ctx.db.prepare('SELECT id FROM external_accounts WHERE id = ? AND customer_seq = ?').get(w.externalAccount, customerSeq) as Row | undefined;
    if (!row) throw bad('destination.wallet.externalAccount', `unknown external account ${w.externalAccount} for this customer`);
    return { kind: 'bank', externalAccountId: w.externalAccount };
  }
  if (w.externalAccount) throw bad('destination.wallet.externalAccount', `${d.asset} on ${d.network} goes to a wallet or a blockchain address`);
  if (w.blockchainAddress !== undefined) {
    if (!validAddress(d.network, w.blockchainAddress)) throw bad('destination.wallet.blockchainAddress', `is not a ${d.network} address`);
    // An address that belongs to an OMS wallet is that wallet: the money lands in its balance.
    const owned = ctx.wallets.byAddress(d.network, w.blockchainAddress);
    if (owned && owned.asset === d.asset) return { kind: 'wallet', wallet: owned };
    return { kind: 'address', address: w.blockchainAddress };
  }
  const id = (w.id ?? w.wallet)!;
  const path = w.id ? 'destination.wallet.id' : 'destination.wallet.wallet';
  const target = ctx.wallets.byId(id);
  if (!target) throw bad(path, `unknown wallet ${id}`);
  if (target.asset !== d.asset || target.chain !== d.network) throw bad(path, `wallet ${id} holds ${target.asset} on ${target.chain}, not ${d.asset} on ${d.network}`);
  return { kind: 'wallet', wallet: target };
}

export function parseFixedAmount(input: QuoteInput, src: Side): { fixed: 'source' | 'destination'; amount: Dec } {
  const onSource = input.source.amount !== undefined;
  const onDestination = input.destination.amount !== undefined;
  if (onSource === onDestination) {
    throw new ApiError(400, 'source.amount, destination.amount: give the amount on exactly one side (source = what leaves the wallet, destination = what arrives)', {
      details: { issues: [{ path: 'source.amount', message: 'exactly one side' }, { path: 'destination.amount', message: 'exactly one side' }] },
    });
  }
  const side = onSource ? 'source' : 'destination';
  const asset = onSource ? src.asset : input.destination.asset;
  const parsed = parseAssetAmount((onSource ? input.source.amount : input.destination.amount)!, asset);
  if (!parsed || parsed.units <= 0n) throw bad(`${side}.amount`, `must be a positive decimal string with at most ${decimalsOf(asset)} decimals for ${asset}`);
  return { fixed: side, amount: parsed };
}

export function insufficient(w: WalletRecord, need: Dec): ApiError {
  return new ApiError(422, `Insufficient balance: wallet ${w.id} holds ${formatUnits(w.balanceUnits, w.asset)} ${w.asset}, this needs ${format(need)} ${w.asset}`, {
    code: 'insufficient_balance',
    details: { walletId: w.id, balance: formatUnits(w.balanceUnits, w.asset), required: format(need), asset: w.asset },
  });
}

export function hasBalance(w: WalletRecord, need: Dec): boolean {
  return cmp({ units: w.balanceUnits, scale: decimalsOf(w.asset) }, need) >= 0;
}

export interface StoredQuote {
  seq: number;
  doc: Record<string, unknown>;
}

/** Reads a quote; an open quote past `expiresAt` on the sandbox clock is marked expired as it is read. */
export function loadQuote(ctx: SandboxContext, id: string): StoredQuote {
  const row = ctx.db.prepare('SELECT seq, doc FROM quotes WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw notFound('Quote', id);
  const q: StoredQuote = { seq: Number(row.seq), doc: parseJson(row.doc) };
  if (q.doc.status === 'open' && Date.parse(String(q.doc.expiresAt)) <= ctx.clock.now()) {
    q.doc.status = 'expired';
    saveQuote(ctx, q);
  }
  return q;
}

export function saveQuote(ctx: SandboxContext, q: StoredQuote): void {
  ctx.db.prepare('UPDATE quotes SET doc = ? WHERE seq = ?').run(JSON.stringify(q.doc), q.seq);
}

export function insertQuote(ctx: SandboxContext, customerSeq: number, doc: Record<string, unknown>): void {
  ctx.db.prepare('INSERT INTO quotes (id, customer_seq, created_at, doc) VALUES (?, ?, ?, ?)').run(String(doc.id), customerSeq, String(doc.createdAt), JSON.stringify(doc));
}

export function newQuoteId(ctx: SandboxContext): string {
  return newId('qt', ctx.clock.now());
}
