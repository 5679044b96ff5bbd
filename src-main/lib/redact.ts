import { normaliseReason } from '#shared/ipc/pii.contract.ts';
import { scrubText } from '#shared/text/scrub.ts';

/**
 * Redaction shared by the audit log, request log and any log line. Key-based: values under
 * secret-like or PII-like keys never leave as they came in.
 */
const SECRET_KEY = /secret|password|token|apikey|api_key|authorization|signature|credential|cookie/i;
const PII_KEY = /email|phone|birth|address|ipaddress|identifying|number|firstname|lastname|middlename|name$/i;
/** Keys whose values are ids or enums: safe and useful in an audit summary. */
const SAFE_KEY = /^(customerId|walletId|webhookId|profileId|seq|endorsement|endorsements|decision|asset|chain|mode|fields|enabled|type|status|verification|port|limit|events|complianceOnly|sessionOnly|currency|amount|apiVersion|id)$/;

export const isSecretKey = (key: string) => SECRET_KEY.test(key);

const MAX_SUMMARY_DEPTH = 4;
const MAX_SUMMARY_ITEMS = 10;
const MAX_SUMMARY_KEYS = 40;

/** A safe value kept as it came, only when it is flat: an id, an enum or a list of them. */
function keepSafe(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return v.slice(0, 100);
  if (Array.isArray(v)) return v.slice(0, MAX_SUMMARY_ITEMS).map((x) => (x !== null && typeof x === 'object' ? summariseInput(x, depth + 1) : keepSafe(x, depth + 1)));
  return v;
}

/**
 * A compact JSON summary of an operation input, safe for the audit log. Bounded in depth, items
 * and keys whatever arrives (a 5,000-deep array under a safe key once overflowed the stack when
 * the summary was serialised, and the mutation's audit row was lost).
 */
export function summariseInput(input: unknown, depth = 0): unknown {
  if (depth > MAX_SUMMARY_DEPTH) return '…';
  if (Array.isArray(input)) return input.slice(0, MAX_SUMMARY_ITEMS).map((v) => summariseInput(v, depth + 1));
  if (input === null || typeof input !== 'object') return typeof input === 'string' ? `[${input.length} chars]` : input;
  const out: Record<string, unknown> = {};
  const keys = Object.keys(input);
  for (const k of keys.slice(0, MAX_SUMMARY_KEYS)) {
    const v = (input as Record<string, unknown>)[k];
    if (k === 'confirm') out[k] = v === undefined ? undefined : 'given';
    else if (SECRET_KEY.test(k)) out[k] = '[secret]';
    else if (SAFE_KEY.test(k) && (typeof v !== 'object' || Array.isArray(v))) out[k] = keepSafe(v, depth);
    // The operator's own words for an audited action (why PII was revealed, why a review was
    // rejected) are what the audit log is for: kept, bounded and scrubbed.
    else if ((k === 'reason' || k === 'note') && typeof v === 'string') out[k] = scrubText(normaliseReason(v.slice(0, 800)).slice(0, 200));
    else if (PII_KEY.test(k)) out[k] = '[pii]';
    else out[k] = summariseInput(v, depth + 1);
  }
  if (keys.length > MAX_SUMMARY_KEYS) out['…'] = `+${keys.length - MAX_SUMMARY_KEYS} keys`;
  return out;
}

/** The summary as the audit row stores it; never throws (a row is written whatever the input). */
export function inputSummaryText(input: unknown): string {
  try {
    return (JSON.stringify(summariseInput(input)) ?? '{}').slice(0, 2000);
  } catch {
    return '{"summary":"unavailable: the input could not be summarised"}';
  }
}

// The text scrubber is shared: the renderer shows error messages through it too.
export { MAX_SCRUB_CHARS, maskEmails, scrubText } from '#shared/text/scrub.ts';
