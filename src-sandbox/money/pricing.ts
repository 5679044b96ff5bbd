import { ASSETS, decimalsOf } from '../assets.ts';
import { add, cmp, dec, div, format, mul, normalize, rescale, sub, type Dec } from '../decimal.ts';
import { ApiError } from '../http-util.ts';
import type { Fees } from './transactions.ts';

/**
 * Quote arithmetic, exact end to end (contract §6 invariant):
 *
 *     source.amountNet × rates.exchangeRate = destination.amountGross
 *
 * Every amount is at its asset's decimals. The sandbox's fixed prices make every exchange rate a
 * terminating decimal (62,500 = 2²·5⁶ and 3,125 = 5⁵), so the product of a source amount and a rate
 * is exact; the source net is floored to the precision that product can carry at the destination's
 * decimals, and the remainder ("dust") is added to the OMS fee. Rounding is always towards OMS
 * (fees up, nets down) so a quote never promises money it cannot deliver.
 */
export interface Side {
  asset: string;
  network: string;
}

export interface PricedLeg {
  amountGross: string;
  amountNet: string;
  feesDeducted: Fees;
}

export interface Priced {
  source: PricedLeg;
  destination: PricedLeg;
  rates: { exchangeRate: string; effectiveRate: string; pair: string };
  /** Exact base-unit amounts for balance moves (never re-parsed from strings). */
  sourceGross: Dec;
  destinationNet: Dec;
}

/** OMS fee on conversions and fiat legs; moving an asset to itself costs only gas [choice]. */
const OMS_FEE_RATE = dec('0.01');
/**
 * Network fee of the sending transaction, charged at the source in the source asset, as the
 * documented quote example does (its source fees carry `gas`, its destination has none) [choice: figures].
 */
const GAS: Record<string, string> = { 'usdc:polygon': '0.01', 'usdc:ethereum': '0.50', 'usdc:solana': '0.01', 'btc:bitcoin': '0.00001', 'eth:ethereum': '0.0002' };

export function exchangeRate(from: string, to: string): Dec {
  const a = dec(ASSETS[from]!.usd);
  const b = dec(ASSETS[to]!.usd);
  const r = normalize(div(a, b, 18, 'floor'));
  // The fixed prices guarantee a terminating rate; fail loudly if someone changes them carelessly.
  if (cmp(mul(r, b), a) !== 0) throw new Error(`rate ${from}/${to} does not terminate`);
  return r;
}

function fees(asset: string, oms: Dec, gas: Dec): Fees {
  return { developer: at(asset, dec('0')), gas: at(asset, gas), oms: at(asset, oms), total: at(asset, add(oms, gas)) };
}

function at(asset: string, d: Dec): string {
  return format(rescale(d, decimalsOf(asset)));
}

export function gasFor(src: Side, sponsorGas: boolean): Dec {
  if (sponsorGas || ASSETS[src.asset]?.fiat) return dec('0');
  return dec(GAS[`${src.asset}:${src.network}`] ?? '0');
}

/**
 * Prices a transfer with the amount fixed on one side: `source` fixes what leaves the wallet
 * (amountGross), `destination` fixes what arrives (amountNet).
 */
export function price(src: Side, dst: Side, amount: Dec, fixed: 'source' | 'destination', sponsorGas: boolean): Priced {
  const ds = decimalsOf(src.asset);
  const dd = decimalsOf(dst.asset);
  const rate = exchangeRate(src.asset, dst.asset);
  // The finest source net whose product with the rate still fits the destination's decimals.
  const q = Math.min(ds, dd - rate.scale);
  if (q < 0) throw new ApiError(422, `Converting ${src.asset} to ${dst.asset} is not offered by the sandbox`, { code: 'pair_not_supported' });
  const feeRate = src.asset === dst.asset ? dec('0') : OMS_FEE_RATE;
  const gas = rescale(gasFor(src, sponsorGas), ds);
  let srcGross: Dec;
  let srcNet: Dec;
  let dstGross: Dec;
  let dstOms: Dec = dec('0');
  if (fixed === 'source') {
    srcGross = rescale(amount, ds);
    const fee = rescale(mul(srcGross, feeRate), ds, 'ceil');
    srcNet = rescale(rescale(sub(sub(srcGross, fee), gas), q, 'floor'), ds);
    dstGross = rescale(mul(srcNet, rate), dd);
  } else {
    const target = rescale(amount, dd);
    srcNet = rescale(div(target, rate, q, 'ceil'), ds);
    dstGross = rescale(mul(srcNet, rate), dd);
    // Rounding the source up can deliver a hair more than asked: OMS keeps it, the recipient gets exactly `amount`.
    dstOms = sub(dstGross, target);
    srcGross = rescale(div(add(srcNet, gas), sub(dec('1'), feeRate), ds, 'ceil'), ds);
  }
  const dstNet = rescale(sub(dstGross, dstOms), dd);
  if (srcNet.units <= 0n || dstNet.units <= 0n) {
    throw new ApiError(422, `The amount is too small: after fees nothing would arrive (network fee ${format(gas)} ${src.asset}${feeRate.units ? ', OMS fee 1%' : ''})`, { code: 'amount_too_small' });
  }
  const effective = normalize(div(rescale(dstNet, dd), srcGross, 12, 'floor'));
  return {
    source: { amountGross: at(src.asset, srcGross), amountNet: at(src.asset, srcNet), feesDeducted: fees(src.asset, sub(sub(srcGross, srcNet), gas), gas) },
    destination: { amountGross: at(dst.asset, dstGross), amountNet: at(dst.asset, dstNet), feesDeducted: fees(dst.asset, dstOms, dec('0')) },
    rates: { exchangeRate: format(rate, 0), effectiveRate: format(effective, 0), pair: `${src.asset}/${dst.asset}` },
    sourceGross: srcGross,
    destinationNet: dstNet,
  };
}
