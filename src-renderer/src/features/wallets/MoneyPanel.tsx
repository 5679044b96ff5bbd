import { useEffect, useState } from 'react';
import type { CustomerBalanceView } from '#shared/domain/wallet.ts';
import type { CustomerView } from '#shared/domain/customer.ts';
import { api } from '../../lib/api-client.ts';
import { formatFiat, isZeroAmount } from '../../lib/money.ts';
import { FundCashIn } from '../transactions/FundCashIn.tsx';
import { SendMoney } from '../transactions/SendMoney.tsx';
import { WalletBalanceCharts } from '../charts/WalletBalanceCharts.tsx';
import { capabilityLine } from './capability.ts';
import { selectBalances } from './wallets.selectors.ts';
import { useWallets } from './wallets.store.ts';
import '../transactions/money.css';

/** One sentence: what money this customer can move now, and why not. */
export function CapabilityLine({ customer }: { customer: CustomerView }) {
  const line = capabilityLine(customer);
  return (
    <p className={`capability${line.can ? '' : ' capability-none'}`} role="note" aria-label="What this customer can do with money">
      {line.text}
    </p>
  );
}

/** The customer's estimated total across wallets (OMS's aggregate balance). */
export function CustomerTotal({ customerId }: { customerId: string }) {
  const [total, setTotal] = useState<CustomerBalanceView | null>(null);
  // The aggregate is read again only when a balance *value* moved (a deposit, a send): a refresh
  // that changed nothing, or a new empty wallet, costs no OMS call.
  const balances = useWallets(selectBalances);
  const moved = Object.entries(balances)
    .filter(([, b]) => b.data?.balance && !isZeroAmount(b.data.balance))
    .map(([id, b]) => `${id}:${b.data!.balance}`)
    .sort()
    .join('|');
  useEffect(() => {
    let live = true;
    void api()
      .customers.balance({ customerId })
      .then((r) => live && r.ok && setTotal(r.data));
    return () => {
      live = false;
    };
  }, [customerId, moved]);
  if (!total?.estimatedTotal) return null;
  return (
    <span className="small muted" aria-label="Estimated total">
      Estimated total {formatFiat(total.estimatedTotal, total.currency ?? 'USD')}
    </span>
  );
}

/** Fund (cash-in) and Send, side by side: the onboarding guide's "What's next". */
export function MoneyPanel({ customer, initial }: { customer: CustomerView; initial?: 'fund' | 'send' | undefined }) {
  const [open, setOpen] = useState<'fund' | 'send' | null>(initial ?? null);
  return (
    <section className="panel" aria-labelledby={`money-${customer.id}`}>
      <div className="panel-head">
        <h2 id={`money-${customer.id}`}>Move money</h2>
        <CustomerTotal customerId={customer.id} />
      </div>
      <CapabilityLine customer={customer} />
      <div className="form-actions">
        <button type="button" className={`btn${open === 'fund' ? ' btn-primary' : ''}`} aria-expanded={open === 'fund'} onClick={() => setOpen(open === 'fund' ? null : 'fund')}>
          Fund with cash
        </button>
        <button type="button" className={`btn${open === 'send' ? ' btn-primary' : ''}`} aria-expanded={open === 'send'} onClick={() => setOpen(open === 'send' ? null : 'send')}>
          Send
        </button>
        <span className="small muted">Virtual accounts, deposit addresses and bank payouts are early access in OMS and not offered here yet.</span>
      </div>
      {open === 'fund' && (
        <section aria-label="Fund with cash">
          <h3>Fund with cash at a retail counter</h3>
          <FundCashIn customer={customer} />
        </section>
      )}
      {open === 'send' && (
        <section aria-label="Send">
          <h3>Send to an address or another wallet</h3>
          <SendMoney customer={customer} />
        </section>
      )}
      <WalletBalanceCharts customerId={customer.id} />
    </section>
  );
}
