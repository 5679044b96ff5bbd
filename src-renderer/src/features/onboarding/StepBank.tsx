import { useEffect } from 'react';
import type { CustomerView } from '#shared/domain/customer.ts';
import { useRoute } from '../../stores/route.store.ts';
import { selectSandboxStatus, useSandbox } from '../../stores/sandbox.store.ts';
import { BankAccountForm } from './BankAccountForm.tsx';
import { useOnboarding } from './onboarding.store.ts';

function InsteadList() {
  return (
    <>
      <p>What to do instead:</p>
      <ul>
        <li>Fund and pay out through the customer's custodial wallet (step 3) for now.</li>
        <li>Keep the customer's bank details in your own system of record until OMS offers the endpoint.</li>
        <li>When Polygon enables it for your key, this step becomes a form driven by the bank-account schema for the customer's country and currency.</li>
      </ul>
    </>
  );
}

/**
 * What the customer can do next, in what OMS offers today (oms-api.md): cash-in at retail locations
 * funds a wallet, and crypto moves between wallets. The rest is early access, and said so.
 */
function WhatsNext({ customerId }: { customerId: string }) {
  const id = encodeURIComponent(customerId);
  return (
    <section className="whats-next" aria-labelledby="whats-next-h">
      <h3 id="whats-next-h">What&apos;s next</h3>
      <ul>
        <li>
          <a href={`#/wallets/${id}`}>Open the customer&apos;s wallets</a> to fund one (cash-in at a retail location) or send crypto from it. Both work in OMS today.
        </li>
        <li>
          <a href="#/transactions">Follow the transactions</a> as they settle.
        </li>
        <li className="muted">Early access, not in this API yet: virtual accounts, deposit addresses and bank payouts.</li>
      </ul>
    </section>
  );
}

/** Step 4: honest about OMS v0.9 — external accounts are not offered yet; the sandbox preview shows the intended form. */
export function StepBank({ customer }: { customer: CustomerView }) {
  const status = useSandbox(selectSandboxStatus);
  useEffect(() => {
    // Preview is a start-time setting of the local sandbox: one status read is enough.
    if (!useSandbox.getState().status) void useSandbox.getState().load();
  }, []);
  const preview = status?.preview === true;
  return (
    <div className="panel form">
      <h2>4 · External bank account</h2>
      {preview ? (
        <div className="notice notice-warn" role="note">
          <strong>Sandbox preview: OMS v0.9 does not offer external bank accounts yet.</strong>
          <p>
            This form talks to the local sandbox's preview of the intended API (<code>GET /external-accounts/schemas</code>, <code>POST /customers/{'{id}'}/external-accounts</code>). It
            shows the shape to expect; nothing reaches a bank, and the real OMS answers "not available".
          </p>
        </div>
      ) : (
        <div className="notice notice-info" role="note">
          <strong>OMS v0.9 does not offer external bank accounts yet.</strong>
          <p>
            Registering a bank account for payouts (<code>POST /customers/{'{id}'}/external-accounts</code>) is announced but not available in the API this console talks to.
            Nothing is sent from this step.
          </p>
          <InsteadList />
          {status?.available && (
            <p className="help">
              QA: to try the intended form on the local sandbox, restart the console with <code>OMS_SANDBOX_PREVIEW=1</code>.
            </p>
          )}
        </div>
      )}
      {preview && <BankAccountForm customer={customer} />}
      <WhatsNext customerId={customer.id} />
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={() => useRoute.getState().navigate('customers', customer.id)}>
          Open the customer
        </button>
        <button type="button" className="btn" onClick={() => useOnboarding.getState().restart()}>
          Onboard another customer
        </button>
      </div>
    </div>
  );
}
