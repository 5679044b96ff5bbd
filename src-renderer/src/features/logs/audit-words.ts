import type { AuditRow } from '#shared/ipc/logs.contract.ts';
import { endorsementLabel, requirementWords } from '../customers/endorsement-words.ts';

/**
 * Operator actions in words, from an audit row's action and its redacted input summary (JSON with
 * ids and enums kept, strings as "[N chars]", PII as "[pii]"). The raw summary stays available
 * beside the sentence; this is only its reading.
 */

type Summary = Record<string, unknown>;

function parse(inputSummary: string): Summary {
  try {
    const v: unknown = JSON.parse(inputSummary);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Summary) : {};
  } catch {
    return {};
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const str = (v: unknown): string | null => (typeof v === 'string' && !/^\[\d+ chars\]$|^\[pii\]$|^\[secret\]$/.test(v) ? v : null);

/** "a", "a and b", "a, b and c". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

/** The reason as it was given (main keeps it, scrubbed); "reason given" when only its length is known. */
const reasonNote = (s: Summary) => (s.reason === undefined ? '' : str(s.reason) ? ` · reason: “${str(s.reason)}”` : ' · reason given');
const DECISION: Record<string, string> = { approve: 'Approved', reject: 'Rejected', revoke: 'Revoked' };
const GERUND: Record<string, string> = { approve: 'approving', reject: 'rejecting', revoke: 'revoking' };

const SENTENCES: Record<string, (s: Summary) => string> = {
  'pii.reveal': (s) => `Revealed ${listWords(strings(s.fields)) || 'contact details'}${s.reason === undefined ? ' · no reason given' : reasonNote(s)}`,
  'sandbox.decideEndorsement': (s) =>
    s.dryRun === true
      ? `Checked what ${GERUND[String(s.decision)] ?? 'deciding'} ${endorsementLabel(String(s.endorsement ?? 'an endorsement'))} would change (nothing changed)`
      : `${DECISION[String(s.decision)] ?? 'Decided'} ${endorsementLabel(String(s.endorsement ?? 'an endorsement'))}${reasonNote(s)}${s.note === undefined ? '' : ' · note given'}`,
  'sandbox.decidePending': (s) => `${s.decision === 'reject' ? 'Rejected' : 'Approved'} every pending sandbox review`,
  'customers.create': (s) => {
    const c = (s.customer ?? {}) as Summary;
    const wanted = strings(c.endorsements).map(endorsementLabel);
    return wanted.length > 0 ? `Created customer and requested ${listWords(wanted)}` : 'Created customer';
  },
  'customers.update': (s) => {
    const fields = Object.keys((s.patch ?? {}) as Summary).map(requirementWords);
    return fields.length > 0 ? `Updated ${listWords(fields)}` : 'Updated customer';
  },
  'customers.requestEndorsements': (s) => `Requested ${listWords(strings(s.endorsements).map(endorsementLabel)) || 'endorsements'}`,
  'customers.delete': () => 'Deactivated customer',
  'wallets.create': (s) => `Provisioned ${str(s.asset) ?? 'a'} wallet${str(s.chain) ? ` on ${String(s.chain)}` : ''}`,
  'sandbox.simulateDeposit': (s) => `Simulated a deposit${typeof s.amount === 'string' ? ` of ${s.amount}` : ''}`,
  'sandbox.setReviewMode': (s) => `Set sandbox review mode to ${s.mode === 'manual' ? 'manual' : 'automatic'}`,
  'settings.setActiveProfile': (s) => `Switched to profile ${String(s.profileId ?? '')}`.trim(),
  'settings.saveProfile': (s) => `Saved profile ${str(s.id) ?? ''}`.trim(),
  'settings.deleteProfile': (s) => `Deleted profile ${String(s.profileId ?? '')}`.trim(),
  'settings.setCredentials': (s) => `Stored API credentials${s.sessionOnly === true ? ' for this session only' : ''}`,
  'settings.clearCredentials': () => 'Removed API credentials',
  'inbox.replay': (s) => `Replayed webhook delivery #${String(s.seq ?? '?')}`,
  'inbox.clear': () => 'Cleared the inbox',
  'inbox.configureListener': () => 'Changed webhook listener settings',
  'webhooks.setEnabled': (s) => (s.enabled === false ? 'Paused a webhook endpoint' : 'Resumed a webhook endpoint'),
  'webhooks.delete': () => 'Deleted a webhook endpoint',
};

/** One human sentence for an operator action, e.g. "Revealed email and phone · reason given". */
export function actionSentence(row: Pick<AuditRow, 'action' | 'inputSummary'>): string {
  const s = parse(row.inputSummary);
  const f = SENTENCES[row.action];
  const base = f ? f(s) : row.action.replace(/^(\w+)\.(\w+)$/, (_m, d: string, a: string) => `${a.replace(/([A-Z])/g, ' $1').toLowerCase()} (${d})`);
  return s.confirm === 'given' ? `${base} · production confirmed` : base;
}

/** "succeeded", or "failed (CODE)". */
export const resultWords = (result: string) => (result === 'ok' || result.startsWith('ok') ? 'succeeded' : `failed (${result})`);
