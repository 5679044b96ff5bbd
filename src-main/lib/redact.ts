import { normaliseReason } from '#shared/ipc/pii.contract.ts';

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

/** Longest text a log line or error message keeps: scrubbing and storage are bounded by it. */
export const MAX_SCRUB_CHARS = 4000;

/**
 * Masks secret-like substrings in free text (error messages from elsewhere, log lines). The text
 * is cut to MAX_SCRUB_CHARS first and every pattern runs in linear time, so no input, however long
 * or crafted, can hold the main thread.
 */
export function scrubText(text: string, knownSecrets: Iterable<string> = []): string {
  let out = text.length > MAX_SCRUB_CHARS ? `${text.slice(0, MAX_SCRUB_CHARS)}…[+${text.length - MAX_SCRUB_CHARS} chars]` : text;
  for (const s of knownSecrets) if (s && s.length >= 6) out = out.split(s).join('[redacted]');
  out = out
    .replace(/\b(sk_(?:live|sdbx|test)_)[A-Za-z0-9_]+/g, '$1[redacted]')
    .replace(/\bwhsec_[A-Za-z0-9+/=]+/g, 'whsec_[redacted]')
    .replace(/\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]');
  return maskEmails(out);
}

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;

/**
 * Replaces email-shaped runs with `[email]`. A regex like `[…]+@[…]+\.[a-z]{2,}` backtracks
 * quadratically over a long run without `@` (a 100k-char id froze main for 16 s); this scan
 * visits each character a bounded number of times: it only looks around each `@`.
 */
export function maskEmails(text: string): string {
  if (!text.includes('@')) return text;
  let out = '';
  let copied = 0;
  let at = text.indexOf('@');
  while (at !== -1) {
    let start = at;
    while (start > copied && LOCAL_CHAR.test(text[start - 1]!)) start -= 1;
    let end = at + 1;
    while (end < text.length && DOMAIN_CHAR.test(text[end]!)) end += 1;
    // Trailing dots belong to the sentence, not the domain.
    while (end > at + 1 && text[end - 1] === '.') end -= 1;
    const domain = text.slice(at + 1, end);
    const dot = domain.lastIndexOf('.');
    const isEmail = start < at && dot > 0 && /^[A-Za-z]{2,}$/.test(domain.slice(dot + 1));
    if (isEmail) {
      out += `${text.slice(copied, start)}[email]`;
      copied = end;
    }
    at = text.indexOf('@', Math.max(at + 1, copied));
  }
  return out + text.slice(copied);
}
