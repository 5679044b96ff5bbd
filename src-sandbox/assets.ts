import { randomBytes } from 'node:crypto';
import { dec, format, mul, parseDec, rescale, type Dec } from './decimal.ts';

/**
 * Assets and networks exactly as `core-concepts/currencies-and-rails` lists them (contract §4):
 * usdc on polygon/ethereum/solana, btc on bitcoin, eth on ethereum. `usd` is the fiat side of
 * cash-ins, cash pickups and bank payouts. Decimals are each asset's on-chain precision.
 */
export interface AssetInfo {
  decimals: number;
  networks: readonly string[];
  /** Fixed sandbox price in USD: deterministic figures help QA more than live-looking ones. */
  usd: string;
  fiat: boolean;
}

export const ASSETS: Record<string, AssetInfo> = {
  usdc: { decimals: 6, networks: ['polygon', 'ethereum', 'solana'], usd: '1', fiat: false },
  btc: { decimals: 8, networks: ['bitcoin'], usd: '62500', fiat: false },
  eth: { decimals: 18, networks: ['ethereum'], usd: '3125', fiat: false },
  usd: { decimals: 2, networks: ['cash', 'ach', 'wire'], usd: '1', fiat: true },
};

export const CRYPTO_ASSETS = Object.keys(ASSETS).filter((a) => !ASSETS[a]!.fiat);
export const CRYPTO_NETWORKS = [...new Set(CRYPTO_ASSETS.flatMap((a) => ASSETS[a]!.networks))];
export const PAIRS_TEXT = 'usdc on polygon, ethereum or solana; btc on bitcoin; eth on ethereum';

/** Estimated-value currencies for `estimatedBalanceCurrencyCode` (units of currency per USD). */
const PER_USD: Record<string, string> = { USD: '1', EUR: '0.92', GBP: '0.79' };
export const ESTIMATE_CURRENCIES = Object.keys(PER_USD);

export function decimalsOf(asset: string): number {
  return ASSETS[asset]?.decimals ?? 6;
}

/** Display form of a balance held as base units. */
export function formatUnits(units: bigint, asset: string): string {
  return format({ units, scale: decimalsOf(asset) });
}

/** Parses an amount for an asset: a positive decimal with no more decimals than the asset has. */
export function parseAssetAmount(text: string, asset: string): Dec | null {
  const d = parseDec(text);
  if (!d || d.scale > decimalsOf(asset)) return null;
  return rescale(d, decimalsOf(asset));
}

/** Estimated value of `amount` of `asset` in `currency`, rounded half-up to cents. */
export function estimate(amount: Dec, asset: string, currency: string): string {
  const usd = mul(amount, dec(ASSETS[asset]?.usd ?? '0'));
  return format(rescale(mul(usd, dec(PER_USD[currency] ?? '1')), 2, 'halfUp'));
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function pick(alphabet: string, n: number): string {
  return [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** A plausible address for the network (format only: nothing here is a real key). */
export function newAddress(network: string): string {
  if (network === 'solana') return pick(BASE58, 44);
  if (network === 'bitcoin') return `bc1q${pick(BECH32, 38)}`;
  return `0x${randomBytes(20).toString('hex')}`;
}

const ADDRESS: Record<string, RegExp> = {
  polygon: /^0x[0-9a-fA-F]{40}$/,
  ethereum: /^0x[0-9a-fA-F]{40}$/,
  solana: /^[1-9A-HJ-NP-Za-km-z]{32,44}$/,
  bitcoin: /^(bc1[02-9ac-hj-np-z]{11,71}|[13][1-9A-HJ-NP-Za-km-z]{25,34})$/,
};

export function validAddress(network: string, address: string): boolean {
  return ADDRESS[network]?.test(address) ?? false;
}

/** A transaction hash in the network's usual form. */
export function newTxHash(network: string): string {
  if (network === 'solana') return pick(BASE58, 88);
  if (network === 'bitcoin') return randomBytes(32).toString('hex');
  return `0x${randomBytes(32).toString('hex')}`;
}
