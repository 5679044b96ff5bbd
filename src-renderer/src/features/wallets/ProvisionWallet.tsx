import { useState } from 'react';
import type { CustomerView } from '#shared/domain/customer.ts';
import { InlineError } from '../../components/States.tsx';
import { assetName, networkName } from '../../lib/money.ts';
import { isCancelled } from '../../stores/mutate.ts';
import { notify } from '../../stores/notify.store.ts';
import { useWallets } from './wallets.store.ts';
import { selectCreateReq, selectWalletIds, selectWalletsById } from './wallets.selectors.ts';
import { custodyActive } from './capability.ts';

/** The pairs `core-concepts/currencies-and-rails` calls authoritative (oms-api.md §4). */
export const WALLET_PAIRS = [
  { asset: 'usdc', chain: 'polygon' },
  { asset: 'usdc', chain: 'ethereum' },
  { asset: 'usdc', chain: 'solana' },
  { asset: 'btc', chain: 'bitcoin' },
  { asset: 'eth', chain: 'ethereum' },
] as const;

const pairKey = (asset: string, chain: string) => `${asset}/${chain}`;

/**
 * Asset and network in one choice, so only documented pairs can be asked for; a pair the customer
 * already holds is disabled (OMS would answer 409). Enabled once cryptoCustody is active.
 */
export function ProvisionWallet({ customer, onCreated }: { customer: CustomerView; onCreated?: (walletId: string) => void }) {
  const req = useWallets(selectCreateReq(customer.id));
  const ids = useWallets(selectWalletIds(customer.id))?.ids;
  const byId = useWallets(selectWalletsById);
  const listed = (ids ?? []).flatMap((id) => (byId[id] ? [byId[id]] : []));
  const held = new Set([...customer.wallets.map((w) => pairKey(w.asset ?? '', w.network ?? '')), ...listed.map((w) => pairKey(w.asset, w.chain))]);
  const firstFree = WALLET_PAIRS.find((p) => !held.has(pairKey(p.asset, p.chain)));
  const [choice, setChoice] = useState<string>('');
  const selected = choice && !held.has(choice) ? choice : firstFree ? pairKey(firstFree.asset, firstFree.chain) : '';
  const enabled = custodyActive(customer);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const [asset = '', chain = ''] = selected.split('/');
    if (!asset) return;
    const r = await useWallets.getState().create(customer.id, asset, chain);
    if (r.ok) {
      notify('ok', `Provisioned a ${assetName(asset)} wallet on ${networkName(chain)}.`);
      onCreated?.(r.data.id);
    } else if (!isCancelled(r)) notify('error', `Could not provision the wallet: ${r.error.message}`);
  };
  return (
    <form className="provision" onSubmit={(e) => void submit(e)} aria-label="Provision a wallet">
      <label>
        Asset and network
        <select value={selected} onChange={(e) => setChoice(e.target.value)} disabled={!enabled || !firstFree}>
          {WALLET_PAIRS.map((p) => {
            const key = pairKey(p.asset, p.chain);
            return (
              <option key={key} value={key} disabled={held.has(key)}>
                {assetName(p.asset)} on {networkName(p.chain)}
                {held.has(key) ? ' (already has one)' : ''}
              </option>
            );
          })}
        </select>
      </label>
      <button type="submit" className="btn btn-primary" disabled={!enabled || !selected || req.status === 'loading'}>
        {req.status === 'loading' ? 'Provisioning…' : 'Provision wallet'}
      </button>
      {!enabled && <span className="help">Needs an active crypto custody endorsement first.</span>}
      {enabled && !firstFree && <span className="help">This customer already has a wallet for every documented asset and network.</span>}
      {req.status === 'error' && !isCancelledError(req.error) && <InlineError error={req.error} />}
    </form>
  );
}

const isCancelledError = (e: { details?: Record<string, unknown> } | null) => e?.details?.cancelled === true;
