import { createHash } from 'node:crypto';

/** What routing and dedupe need from a delivery; never trusted for state (the re-fetch is). */
export interface Envelope {
  /** The event id, when the payload carries one. */
  id: string | null;
  type: string | null;
  /** Every customer the event names, first the one it is about; each is re-fetched. */
  customerIds: string[];
  walletId: string | null;
  /** `type|objectId|status`: the dedupe key of last resort (no Webhook-Id, no event id). */
  derivedKey: string | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : null);
const ID_SHAPE = /^[A-Za-z0-9_-]{1,100}$/;
const prefixed = (v: unknown, prefix: string): string | null => {
  const s = str(v);
  return s && s.startsWith(prefix) && ID_SHAPE.test(s) ? s : null;
};

/**
 * The dedupe key for an id: the id itself, or a hash of it when long, so two distinct long ids
 * never collide the way a cut-off prefix would. Bounded either way.
 */
export function dedupeKey(id: string): string {
  return id.length <= 200 ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

/** Fields that may hold a customer: an id string or an object with `id`/`customerId`. */
const CUSTOMER_FIELDS = ['customerId', 'customer', 'sender', 'recipient', 'owner', 'accountHolder', 'beneficiary'];

function customerOf(v: unknown): string | null {
  if (isObj(v)) return prefixed(v.customerId, 'cst_') ?? prefixed(v.id, 'cst_');
  return prefixed(v, 'cst_');
}

function walletOf(obj: Obj): string | null {
  const direct = prefixed(obj.walletId, 'wlt_') ?? prefixed(obj.id, 'wlt_') ?? (isObj(obj.wallet) ? prefixed(obj.wallet.id, 'wlt_') : prefixed(obj.wallet, 'wlt_'));
  if (direct) return direct;
  for (const side of ['destination', 'source', 'recipient', 'sender']) {
    const v = obj[side];
    if (isObj(v)) {
      const w = prefixed(v.walletId, 'wlt_') ?? prefixed(v.id, 'wlt_');
      if (w) return w;
    }
  }
  return null;
}

/**
 * Reads a delivery. The object may sit at `data.object` (our envelope), at `data`, or be the body
 * itself (a bare object with a `type`); customers come from `customerId`, `sender`/`recipient`
 * (objects or ids) and the other known fields, or the object's own `cst_` id.
 */
export function readEnvelope(raw: Buffer): Envelope | null {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
  if (!isObj(body)) return null;
  const data = body.data;
  const obj: Obj = isObj(data) ? (isObj(data.object) ? data.object : data) : body;
  const bare = obj === body;
  // A bare object's `id` is the object's, not an event's (unless it looks like one).
  const id = str(body.eventId) ?? (!bare || prefixed(body.id, 'evt_') ? str(body.id) : null);
  const customers = new Set<string>();
  for (const source of bare ? [obj] : [body, obj]) {
    for (const f of CUSTOMER_FIELDS) {
      const c = customerOf(source[f]);
      if (c) customers.add(c);
    }
  }
  const own = prefixed(obj.id, 'cst_');
  if (own) customers.add(own);
  const type = str(body.type);
  const objectId = str(obj.id);
  const status = str(obj.status) ?? '';
  return {
    id,
    type,
    customerIds: [...customers],
    walletId: walletOf(obj),
    derivedKey: type && objectId ? dedupeKey(`${type}|${objectId}|${status}`) : null,
  };
}

/** What an event family does. Matched by prefix, first hit wins: unknown names still route. */
export interface Route {
  family: string;
  refetchCustomers: boolean;
  walletsChanged: boolean;
}

const ROUTES: readonly Route[] = [
  { family: 'customer.endorsement.', refetchCustomers: true, walletsChanged: false },
  { family: 'customer.', refetchCustomers: true, walletsChanged: false },
  { family: 'transaction.', refetchCustomers: true, walletsChanged: true },
  { family: 'cashIn.', refetchCustomers: true, walletsChanged: true },
  // A wallet event changes a wallet, not the customer: the renderer refreshes that wallet (one OMS call).
  { family: 'wallet.', refetchCustomers: false, walletsChanged: true },
];

export function routeOf(type: string): Route | null {
  return ROUTES.find((r) => type.startsWith(r.family)) ?? null;
}
