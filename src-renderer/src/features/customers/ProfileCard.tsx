import { useEffect, useState } from 'react';
import type { CustomerView } from '#shared/domain/customer.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { RevealReason } from '../../components/RevealReason.tsx';
import { InlineError } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useCustomers } from './customers.store.ts';
import { selectRevealed, selectRevealReq } from './customers.selectors.ts';
import { customerName } from '../../lib/customer-name.ts';
import { CopySummary } from '../export/CopySummary.tsx';

function Countdown({ until }: { until: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return <>{Math.max(0, Math.ceil((until - now) / 1000))}s</>;
}

/** Profile with email/phone masked by default; reveal is explicit, audited by main and timed. */
export function ProfileCard({ customer }: { customer: CustomerView }) {
  const revealed = useCustomers(selectRevealed(customer.id));
  const req = useCustomers(selectRevealReq(customer.id));
  const rows: [string, React.ReactNode][] = [
    ['Customer id', <span key="id" className="mono">{customer.id} <CopyButton value={customer.id} label="Copy customer id" /></span>],
    ['Email', <span key="e" className={revealed ? 'revealed' : 'masked'}>{revealed ? (revealed.email ?? '—') : (customer.emailMasked ?? '—')}</span>],
    ['Phone', <span key="p" className={revealed ? 'revealed' : 'masked'}>{revealed ? (revealed.phone ?? '—') : (customer.phoneMasked ?? '—')}</span>],
    ['Nationality', customer.nationality ?? '—'],
    ['External id', customer.externalId ? <span className="mono">{customer.externalId}</span> : '—'],
    ['Agreement', customer.signedAgreement ? `Signed${customer.signedAgreementAt ? ` ${customer.signedAgreementAt.slice(0, 10)}` : ''}` : 'Not signed'],
    ['Created', formatDateTime(customer.createdAt)],
  ];
  return (
    <section className="panel profile" aria-labelledby="profile-h">
      <div className="panel-head">
        <h2 id="profile-h">Profile</h2>
        <StatusBadge tone={customer.status === 'active' ? 'ok' : 'neutral'}>{customer.status}</StatusBadge>
      </div>
      <p className="profile-name">{customerName(customer)}</p>
      <dl className="kv">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <CopySummary customer={customer} />
      <div className="reveal-bar">
        {revealed ? (
          <>
            <span className="warn-text" role="status">
              Personal data visible — masks again in <Countdown until={revealed.expiresAt} />. This reveal is in the audit log.
            </span>
            <button type="button" className="btn btn-small" onClick={() => useCustomers.getState().remask(customer.id)}>
              Mask now
            </button>
          </>
        ) : (
          <>
            <RevealReason what="email and phone" busy={req.status === 'loading'} onReveal={(reason) => void useCustomers.getState().reveal(customer.id, reason)} />
            <span className="help">Masked by default. Revealing is recorded in the audit log and lasts a short time.</span>
          </>
        )}
      </div>
      {req.status === 'error' && req.error?.details?.cancelled !== true && <InlineError error={req.error} />}
      <p className="help">Date of birth, address and identity documents are write-only in OMS and never shown.</p>
    </section>
  );
}
