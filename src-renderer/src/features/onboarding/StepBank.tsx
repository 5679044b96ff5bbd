import type { CustomerView } from '#shared/domain/customer.ts';
import { useRoute } from '../../stores/route.store.ts';
import { useOnboarding } from './onboarding.store.ts';

/** Step 4: honest about OMS v0.9 — external accounts are not offered yet. */
export function StepBank({ customer }: { customer: CustomerView }) {
  return (
    <div className="panel form">
      <h2>4 · External bank account</h2>
      <div className="notice notice-info" role="note">
        <strong>OMS v0.9 does not offer external bank accounts yet.</strong>
        <p>
          Registering a bank account for payouts (<code>POST /customers/{'{id}'}/external-accounts</code>) is announced but not available in the API this console talks to.
          Nothing is sent from this step.
        </p>
        <p>What to do instead:</p>
        <ul>
          <li>Fund and pay out through the customer's custodial wallet (step 3) for now.</li>
          <li>Keep the customer's bank details in your own system of record until OMS offers the endpoint.</li>
          <li>When Polygon enables it for your key, this step becomes a form driven by the bank-account schema for the customer's country and currency.</li>
        </ul>
      </div>
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
