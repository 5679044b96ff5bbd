import { maskEmails, scrubText } from '../../lib/redact.ts';
import { maskEmail, maskPhone } from '../customers/customer-view.ts';

/**
 * OMS events carry the full object (a customer with email and phone; a transaction side's
 * `owner{name, dateOfBirth, taxId, address{line1, city…}}`), so a delivery shown in the renderer
 * is masked like the customer view; the clear body only through the audited reveal.
 *
 * A bare key name says too little: `address` is an on-chain address on a wallet and a home on an
 * owner, `name` is a person on an owner and an enum on an endorsement, and an email can sit in
 * `externalId` or `metadata`. So each value is judged by where it sits in the documented object
 * (customer, wallet, transaction sides, cash-in, quote, event envelope) and by what it looks like.
 */
const HIDDEN = '•••';

/** Fields that identify a person wherever they appear. */
const PERSON_FIELD = /^(firstName|middleName|lastName|fullName|birthDate|dateOfBirth|taxId|ssn|ipAddress|accountNumber|routingNumber|iban|ownerName|accountholderName|accountHolderName|nationalId|passportNumber)$/i;
/** Objects that are hidden whole rather than walked: what is in them is all about the person. */
const PERSON_OBJECT = /^(identifyingInformation|residentialAddress|postalAddress|homeAddress|billingAddress|mailingAddress)$/i;
/** Keys whose object is a person (transaction sides, bank account holders). */
const PERSON_POSITION = /^(owner|sender|recipient|beneficiary|accountHolder|individual|customer)$/i;
/** Siblings that make the object around a `name` a person. */
const PERSON_SIBLING = ['email', 'phone', 'dateOfBirth', 'birthDate', 'taxId', 'firstName', 'lastName', 'nationality'];
/** Keys that only ever hold an on-chain address. */
const CHAIN_FIELD = /^(blockchainAddress|sourceWalletAddress|walletAddress|depositAddress|destinationAddress|sourceAddress)$/;
/** Siblings of `address` that make its object a wallet or a deposit instruction (on-chain). */
const CHAIN_SIBLING = ['network', 'chain', 'asset'];
const POSTAL_FIELD = ['line1', 'line2', 'zipCode', 'postalCode', 'postcode', 'street'];

/** `+` and 7–15 digits with the separators people write: E.164 and its readable forms. */
const PHONE_LIKE = /\+\d[\d ().-]{5,18}\d/g;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o: Obj, keys: string[]) => keys.some((k) => k in o);

/** A retail store (a cash pickup's or a cash-in's location): public, and support needs it. */
const isRetailLocation = (key: string, o: Obj) => key === 'location' && has(o, ['provider', 'name', 'coordinates']);
const isPostal = (o: Obj) => has(o, POSTAL_FIELD) || ('city' in o && 'country' in o);
const isPerson = (key: string, o: Obj) => PERSON_POSITION.test(key) || has(o, PERSON_SIBLING);
const isChainHolder = (key: string, o: Obj) => !has(o, PERSON_SIBLING) && (o.object === 'wallet' || /wallet/i.test(key) || has(o, CHAIN_SIBLING));

/** Free text (metadata, externalId, a description): emails and phone numbers inside it. */
function maskFreeText(value: string): string {
  if (/^[^\s@]{1,200}@[^\s@]{1,200}\.[A-Za-z]{2,}$/.test(value)) return maskEmail(value) ?? HIDDEN;
  return maskEmails(value).replace(PHONE_LIKE, (p) => (p.replace(/\D/g, '').length >= 7 ? (maskPhone(p) ?? HIDDEN) : p));
}

function maskString(key: string, value: string, parent: Obj | null, parentKey: string): string {
  if (/email/i.test(key)) return maskEmail(value) ?? HIDDEN;
  if (/phone/i.test(key)) return maskPhone(value) ?? HIDDEN;
  if (PERSON_FIELD.test(key)) return HIDDEN;
  if (CHAIN_FIELD.test(key)) return value;
  if (key === 'address' || /Address$/.test(key)) {
    if (parent && key === 'address' && (isChainHolder(parentKey, parent) || isRetailLocation(parentKey, parent))) return value;
    // A cash-in's `locationAddress` is the store's, shown with its name.
    if (key === 'locationAddress') return value;
    return HIDDEN;
  }
  if (key === 'name' && parent && isPerson(parentKey, parent)) return HIDDEN;
  return maskFreeText(value);
}

function maskNode(node: unknown, key: string, parent: Obj | null, parentKey: string): unknown {
  if (typeof node === 'string') return maskString(key, node, parent, parentKey);
  if (typeof node === 'number') return PERSON_FIELD.test(key) ? HIDDEN : node;
  if (Array.isArray(node)) return node.map((v) => maskNode(v, key, parent, parentKey));
  if (!isObj(node)) return node;
  if (PERSON_OBJECT.test(key)) return HIDDEN;
  // A postal address is hidden whole wherever it sits (owner.address, a person's `address{…}`),
  // unless it is a store the money is collected at.
  if (isPostal(node) && !isRetailLocation(key, node)) return HIDDEN;
  if (key === 'address' || /Address$/.test(key)) return HIDDEN;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, maskNode(v, k, node, key)]));
}

/** The body as the renderer may show it: pretty JSON with PII masked, or scrubbed text. */
export function maskPayload(body: string): { text: string; masked: boolean } {
  try {
    const parsed: unknown = JSON.parse(body);
    const masked = maskNode(parsed, '', null, '');
    return { text: JSON.stringify(masked, null, 2), masked: JSON.stringify(masked) !== JSON.stringify(parsed) };
  } catch {
    // Not JSON (a truncated rejected body, say): no structure to judge by, so every string under a
    // personal key is hidden, an `address` only kept when it looks on-chain, and free text scrubbed.
    const text = scrubText(body).replace(/"([A-Za-z_][A-Za-z0-9_]{0,39})"(\s{0,4}):(\s{0,4})"((?:[^"\\]|\\.){0,300})"/g, (all, key: string, a: string, b: string, value: string) => {
      const onChain = key === 'address' && /^(0x[0-9a-fA-F]{40}|[1-9A-HJ-NP-Za-km-z]{26,44}|bc1[0-9a-z]{20,80})$/.test(value);
      // With no object to tell a person's `name` from an endorsement's, only enum-like values stay.
      const enumName = key === 'name' && /^[a-z][A-Za-z]{0,30}$/.test(value);
      // Nor a home's fields from a store's: every postal field is hidden.
      const postal = POSTAL_FIELD.includes(key) || key === 'city' || key === 'state';
      const m = onChain || enumName ? value : key === 'name' || postal ? HIDDEN : maskString(key, value, null, '');
      return m === value ? all : `"${key}"${a}:${b}${JSON.stringify(m)}`;
    });
    const scrubbed = text.replace(PHONE_LIKE, (p) => (p.replace(/\D/g, '').length >= 7 ? (maskPhone(p) ?? HIDDEN) : p));
    return { text: scrubbed, masked: scrubbed !== body };
  }
}
