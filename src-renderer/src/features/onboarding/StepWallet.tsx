import type { CustomerView } from '#shared/domain/customer.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { useWallets } from '../wallets/wallets.store.ts';
import { selectWallet } from '../wallets/wallets.selectors.ts';
import { custodyActive } from '../wallets/capability.ts';
import { ProvisionWallet } from '../wallets/ProvisionWallet.tsx';
import { WalletsPanel } from '../wallets/WalletsPanel.tsx';
import { selectOnbWalletId, useOnboarding } from './onboarding.store.ts';

function DepositAddress({ walletId }: { walletId: string }) {
  const w = useWallets(selectWallet(walletId));
  if (!w) return null;
  return (
    <div className="deposit-address" role="region" aria-label="Deposit address">
      <div className="small muted">
        Deposit address · {w.asset.toUpperCase()} on {w.chain}
      </div>
      <div className="big">
        <span className="mono">{w.address ?? 'No address yet'}</span>
        {w.address && <CopyButton value={w.address} label="Copy deposit address" />}
      </div>
      <p className="help">Send only {w.asset.toUpperCase()} on {w.chain} to this address.</p>
    </div>
  );
}

/** Step 3: a custodial wallet, possible only once cryptoCustody is active. */
export function StepWallet({ customer }: { customer: CustomerView }) {
  const walletId = useOnboarding(selectOnbWalletId);
  const ready = custodyActive(customer);
  return (
    <div className="stack">
      <div className="panel form">
        <h2>3 · Wallet</h2>
        {ready ? (
          <p>Crypto custody is active: choose an asset and chain to provision a custodial wallet.</p>
        ) : (
          <p className="warn-text" role="status">
            Waiting for the crypto custody endorsement to become active. This step unlocks by itself when it does.
          </p>
        )}
        <ProvisionWallet customer={customer} onCreated={(id) => useOnboarding.getState().walletCreated(id)} />
        {walletId && <DepositAddress walletId={walletId} />}
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => useOnboarding.getState().go(4)}>
            Continue to bank account
          </button>
        </div>
      </div>
      <WalletsPanel customer={customer} headingLevel={3} provision={false} />
    </div>
  );
}
