import { useState } from 'react';
import type { CustomerView } from '#shared/domain/customer.ts';
import { InlineError } from '../../components/States.tsx';
import { isCancelled } from '../../lib/mutate.ts';
import { notify } from '../../stores/notify.store.ts';
import { useWallets } from './wallets.store.ts';
import { selectCreateReq } from './wallets.selectors.ts';

export const ASSETS = ['usdc', 'usdt'] as const;
export const CHAINS = ['polygon', 'ethereum', 'base'] as const;

export const custodyActive = (c: CustomerView) => c.endorsements.some((e) => e.name === 'cryptoCustody' && e.status === 'active');

/** Asset/chain choice; enabled only once cryptoCustody is active (OMS answers 422 otherwise). */
export function ProvisionWallet({ customer, onCreated }: { customer: CustomerView; onCreated?: (walletId: string) => void }) {
  const [asset, setAsset] = useState<string>('usdc');
  const [chain, setChain] = useState<string>('polygon');
  const req = useWallets(selectCreateReq(customer.id));
  const enabled = custodyActive(customer);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await useWallets.getState().create(customer.id, asset, chain);
    if (r.ok) {
      notify('ok', `Provisioned a ${asset.toUpperCase()} wallet on ${chain}.`);
      onCreated?.(r.data.id);
    } else if (!isCancelled(r)) notify('error', `Could not provision the wallet: ${r.error.message}`);
  };
  return (
    <form className="provision" onSubmit={(e) => void submit(e)} aria-label="Provision a wallet">
      <label>
        Asset
        <select value={asset} onChange={(e) => setAsset(e.target.value)} disabled={!enabled}>
          {ASSETS.map((a) => (
            <option key={a} value={a}>
              {a.toUpperCase()}
            </option>
          ))}
        </select>
      </label>
      <label>
        Chain
        <select value={chain} onChange={(e) => setChain(e.target.value)} disabled={!enabled}>
          {CHAINS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn-primary" disabled={!enabled || req.status === 'loading'}>
        {req.status === 'loading' ? 'Provisioning…' : 'Provision wallet'}
      </button>
      {!enabled && <span className="help">Needs an active crypto custody endorsement first.</span>}
      {req.status === 'error' && !isCancelledError(req.error) && <InlineError error={req.error} />}
    </form>
  );
}

const isCancelledError = (e: { details?: Record<string, unknown> } | null) => e?.details?.cancelled === true;
