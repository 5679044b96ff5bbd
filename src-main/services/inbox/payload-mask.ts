import { scrubText } from '../../ipc/redact.ts';
import { maskEmail, maskPhone } from '../customers/customer-view.ts';

/**
 * Keys whose values identify a person. OMS events carry the full object (a customer with email
 * and phone; a transaction side's `owner{dateOfBirth, taxId, address…}`), so a delivery shown in
 * the renderer is masked like the customer view; the clear body only through the audited reveal.
 */
const EMAIL_KEY = /email/i;
const PHONE_KEY = /phone/i;
const HIDDEN_KEY = /birth|dateofbirth|taxid|ssn|address(?!es)|identifying|accountnumber|routingnumber|iban|ipaddress|^number$|firstname|lastname|middlename|^name$|ownername|accountholder/i;
/** Keys that hold on-chain addresses, not people: kept, support needs them to trace money. */
const CHAIN_KEY = /^(address|blockchainAddress|sourceWalletAddress)$/;

function maskValue(key: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') {
    if (EMAIL_KEY.test(key)) return maskEmail(value);
    if (PHONE_KEY.test(key)) return maskPhone(value);
    if (!CHAIN_KEY.test(key) && HIDDEN_KEY.test(key)) return '•••';
    return value;
  }
  if (typeof value === 'number' && HIDDEN_KEY.test(key) && !CHAIN_KEY.test(key)) return '•••';
  return maskTree(value, key);
}

function maskTree(node: unknown, parentKey = ''): unknown {
  if (Array.isArray(node)) return node.map((v) => maskValue(parentKey, v));
  if (node && typeof node === 'object') {
    // A whole address object (residentialAddress, owner.address) is hidden, not walked.
    return Object.fromEntries(
      Object.entries(node as Record<string, unknown>).map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) && HIDDEN_KEY.test(k) && !CHAIN_KEY.test(k) ? '•••' : maskValue(k, v)]),
    );
  }
  return node;
}

/** The body as the renderer may show it: pretty JSON with PII masked, or scrubbed text. */
export function maskPayload(body: string): { text: string; masked: boolean } {
  try {
    const parsed: unknown = JSON.parse(body);
    const masked = maskTree(parsed);
    return { text: JSON.stringify(masked, null, 2), masked: JSON.stringify(masked) !== JSON.stringify(parsed) };
  } catch {
    // Not JSON (a truncated rejected body, say): mask `"piiKey": "value"` pairs textually.
    const text = scrubText(body).replace(/"([A-Za-z_]{1,40})"(\s{0,4}):(\s{0,4})"((?:[^"\\]|\\.){0,300})"/g, (all, key: string, a: string, b: string, value: string) => {
      const m = maskValue(key, value);
      return m === value ? all : `"${key}"${a}:${b}${JSON.stringify(m)}`;
    });
    return { text, masked: text !== body };
  }
}
