import type { QuoteView } from '#shared/domain/money-flow.ts';
import type { FeesView } from '#shared/domain/transaction.ts';
import { feeParts, formatAmount, isZeroAmount, networkName } from '../../lib/money.ts';
import { shortId } from './money-words.ts';
import { useSecondsLeft } from './quote-clock.ts';

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

/** One side's fees with their parts, shown only when there are any. */
function LegFees({ label, fees, asset }: { label: string; fees: FeesView | null; asset: string | null }) {
  if (!fees || isZeroAmount(fees.total)) return null;
  return (
    <div>
      {formatAmount(fees.total, asset)} <span className="small muted">{label}{feeParts(fees, asset)}</span>
    </div>
  );
}

/** What the quote says will happen: sent, fees, rate, what arrives and where, and for how long. */
export function QuoteReview({ quote, destinationLabel, deadline, expired }: { quote: QuoteView; destinationLabel: string; deadline: string | null; expired: boolean }) {
  const left = useSecondsLeft(deadline);
  return (
    <div className="quote-card" role="region" aria-label="Quote">
      <dl>
        <dt>You send</dt>
        <dd className="mono">{formatAmount(quote.source.amountGross, quote.source.asset)}</dd>
        <dt>Fees</dt>
        <dd className="mono">
          <LegFees label="taken from what you send" fees={quote.source.fees} asset={quote.source.asset} />
          <LegFees label="taken from what arrives" fees={quote.destination.fees} asset={quote.destination.asset} />
          {isZeroAmount(quote.source.fees?.total) && isZeroAmount(quote.destination.fees?.total) && formatAmount('0', quote.source.asset)}
        </dd>
        <dt>Rate</dt>
        <dd className="mono">
          {quote.rates?.exchangeRate ?? '—'}
          {quote.rates?.pair && <span className="small muted"> {quote.rates.pair}</span>}
          {quote.rates?.effectiveRate && <span className="small muted"> · effective {quote.rates.effectiveRate}</span>}
        </dd>
        <dt>Arrives</dt>
        <dd>
          <span className="quote-arrives mono">{formatAmount(quote.destination.amountNet ?? quote.destination.amountGross, quote.destination.asset)}</span>{' '}
          <span className="small muted">on {networkName(quote.destination.network)}</span>
        </dd>
        <dt>To</dt>
        <dd className="mono small" title={destinationLabel}>
          {shortId(destinationLabel)}
        </dd>
      </dl>
      <p className="small" role="timer" aria-live="off" aria-label="Quote expiry">
        {expired || left === 0 ? 'This quote has expired.' : left === null ? 'No expiry given.' : `Valid for ${mmss(left)} more.`}
      </p>
    </div>
  );
}
