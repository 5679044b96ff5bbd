import { useEffect, useState } from 'react';
import type { QuoteView } from '#shared/domain/money-flow.ts';
import { formatAmount, networkName } from '../../lib/money.ts';
import { shortId } from './money-words.ts';

/** Seconds left until `iso`, ticking; 0 once passed. */
export function useSecondsLeft(iso: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  if (!iso) return null;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

/** What the quote says will happen: sent, fees, rate, what arrives and where, and for how long. */
export function QuoteReview({ quote, destinationLabel }: { quote: QuoteView; destinationLabel: string }) {
  const left = useSecondsLeft(quote.expiresAt);
  const fees = quote.source.fees;
  return (
    <div className="quote-card" role="region" aria-label="Quote">
      <dl>
        <dt>You send</dt>
        <dd className="mono">{formatAmount(quote.source.amountGross, quote.source.asset)}</dd>
        <dt>Fees</dt>
        <dd className="mono">
          {formatAmount(fees?.total ?? '0', quote.source.asset)}
          {fees && (
            <span className="small muted">
              {' '}
              (OMS {formatAmount(fees.oms ?? '0', quote.source.asset)}, gas {formatAmount(fees.gas ?? '0', quote.source.asset)}, developer{' '}
              {formatAmount(fees.developer ?? '0', quote.source.asset)})
            </span>
          )}
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
        {left === null ? 'No expiry given.' : left > 0 ? `Valid for ${mmss(left)} more.` : 'This quote has expired.'}
      </p>
    </div>
  );
}
