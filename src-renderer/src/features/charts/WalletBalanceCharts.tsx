import { useEffect, useMemo, useState } from 'react';
import type { TransactionView } from '#shared/domain/transaction.ts';
import { formatAmount, formatDateTime, useFormatPrefs } from '../../lib/format.ts';
import { plotNumber } from '../../lib/money.ts';
import { selectBalance, selectTransactions, selectWallet, selectWalletIds } from '../wallets/wallets.selectors.ts';
import { useWallets } from '../wallets/wallets.store.ts';
import { balanceHistory } from './balance-history.ts';
import { UPlotChart, type ChartSeries } from './UPlotChart.tsx';

const SERIES: ChartSeries[] = [{ label: 'Balance', token: '--accent', stepped: true }];

function WalletBalanceChart({ walletId, txns, now }: { walletId: string; txns: readonly TransactionView[]; now: number }) {
  const w = useWallets(selectWallet(walletId));
  const bal = useWallets(selectBalance(walletId));
  useFormatPrefs();
  const points = useMemo(() => (bal?.data?.balance ? balanceHistory(walletId, bal.data.balance, txns, now) : []), [walletId, bal, txns, now]);
  const x = useMemo(() => points.map((p) => p.at), [points]);
  const ys = useMemo(() => [points.map((p) => plotNumber(p.balance))], [points]);
  if (!w || points.length < 2) return null;
  const asset = w.asset;
  const first = points[0]!;
  const changes = points.length - 2;
  const summary = `${asset.toUpperCase()} wallet ${walletId}: ${formatAmount(first.balance, asset)} before ${changes === 1 ? 'its one transaction' : `its ${changes} transactions`} since ${formatDateTime(first.at)}, ${formatAmount(points.at(-1)!.balance, asset)} now.`;
  return (
    <UPlotChart
      title={`Balance over time, ${asset.toUpperCase()} on ${w.chain}`}
      x={x}
      ys={ys}
      series={SERIES}
      xUnit="day"
      height={120}
      summary={summary}
      table={{ head: ['When', 'Balance'], rows: points.slice(1).map((p) => [formatDateTime(p.at), formatAmount(p.balance, asset)]) }}
    />
  );
}

/** Under a customer's wallets: each wallet's balance over time, from the transactions that moved it. */
export function WalletBalanceCharts({ customerId }: { customerId: string }) {
  const list = useWallets(selectWalletIds(customerId));
  const tx = useWallets(selectTransactions(customerId));
  useEffect(() => {
    if (!useWallets.getState().transactions[customerId]) void useWallets.getState().loadTransactions(customerId);
  }, [customerId]);
  // Fixed at mount, so a re-render never moves the last point (a later transaction pushes it on).
  const [now] = useState(() => Date.now());
  if (!list?.ids.length || !tx?.items.length) return null;
  return (
    <div className="wallet-balance-charts">
      {list.ids.map((id) => (
        <WalletBalanceChart key={id} walletId={id} txns={tx.items} now={now} />
      ))}
    </div>
  );
}
