/**
 * Secret-like and email-shaped text masked out of free text: error messages from OMS or from a
 * crashed screen, log lines. Shared by main (logs) and the renderer (what an error screen shows).
 */

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
