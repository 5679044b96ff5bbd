import './export.css';
import { useState } from 'react';
import type { CustomerView } from '#shared/domain/customer.ts';
import { api } from '../../lib/api-client.ts';
import { customerSummaryMarkdown } from './customer-summary.ts';

const LAST_TRANSACTIONS = 5;

/** Copies the customer as Markdown for a ticket, masked as on screen, with the latest transactions read fresh. */
export function CopySummary({ customer }: { customer: CustomerView }) {
  const [state, setState] = useState<'idle' | 'busy' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    setState('busy');
    const r = await api().customers.transactions({ customerId: customer.id, limit: LAST_TRANSACTIONS });
    const text = customerSummaryMarkdown(customer, r.ok ? r.data.items : null, new Date());
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <span className="copy-summary">
      <button type="button" className="btn btn-small" disabled={state === 'busy'} onClick={() => void copy()}>
        Copy summary for a ticket
      </button>
      <span role="status" className="small">
        {state === 'copied' ? 'Summary copied as Markdown (email and phone masked).' : state === 'failed' ? 'The clipboard could not be used.' : ''}
      </span>
    </span>
  );
}
