import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * An HTTP server answering with the response examples of the official OMS pages
 * (test/fixtures/oms-docs): a real, reachable OMS that is not the local sandbox, so it has no
 * control API. Not every answer a screen needs has an example: each body below is either
 * `documented` (an example, with placeholder ids made concrete so a screen can open them) or
 * `invented`, with what was made up and why. `invented` lists the invented bodies served, so a
 * journey says which it relied on; `{ examplesOnly: true }` refuses them all (404), for a journey
 * on the docs alone.
 */
const DOCS = join(import.meta.dirname, '..', '..', 'fixtures', 'oms-docs');
const example = (path: string): unknown => (JSON.parse(readFileSync(join(DOCS, path), 'utf8')) as { example: unknown }).example;

/** Replaces placeholder ids, whatever key they sit under, so each object gets a usable id. */
function concrete(node: unknown, ids: Record<string, string>): unknown {
  if (Array.isArray(node)) return node.map((n) => concrete(n, ids));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, concrete(v, ids)]));
  if (typeof node === 'string' && node in ids) return ids[node];
  return node;
}

export const DOCS_CUSTOMER_NAMES = 'cst_docsnames1';
export const DOCS_CUSTOMER_OBJECTS = 'cst_docsobjects1';
export const DOCS_CUSTOMER_REVIEW = 'cst_docsreview1';
export const DOCS_WALLET = 'wlt_docs1';

export interface DocsServer {
  baseUrl: string;
  origin: string;
  requests: string[];
  /** The invented bodies served so far, by name (see `Route.invented`), each once. */
  invented: string[];
  close(): Promise<void>;
}

interface Route {
  method: 'GET' | 'POST';
  path: RegExp;
  /** Null: the body is a documented example. Otherwise the name of what was made up, and why, beside it. */
  invented: string | null;
  body: () => unknown;
}

const wrap = (data: unknown[]) => ({ data, hasMore: false, cursor: null });

export async function startDocsServer(opts: { examplesOnly?: boolean } = {}): Promise<DocsServer> {
  const requests: string[] = [];
  const invented = new Set<string>();
  const ids = { 'cst_...': DOCS_CUSTOMER_NAMES, 'wlt_...': DOCS_WALLET };
  // Customer A: the payments/customers page (endorsements as plain names).
  const names = concrete(example('customers/payments-customers-object.json'), ids) as Record<string, unknown>;
  // Customer B: the API reference's create example (endorsement objects with no name or status).
  const objects = { ...(concrete(example('_truncated/customers/create-a-customer-201.json'), {}) as Record<string, unknown>), id: DOCS_CUSTOMER_OBJECTS };
  // Customer C, invented: B's object with a first name and endorsement `name`/`status` (the fields
  // oms-api.md §3 says our contract reads; no example shows them filled), one granted, one in review.
  const reviewed = {
    ...objects,
    id: DOCS_CUSTOMER_REVIEW,
    firstName: 'June',
    endorsements: [
      { name: 'basic', status: 'active', rejectionReasons: [], requirements: { complete: ['firstName', 'lastName', 'birthDate'], pending: [], missing: [], issues: [] } },
      { name: 'usd', status: 'pending', rejectionReasons: [], requirements: { complete: ['basic'], pending: ['identifyingInformation'], missing: [], issues: [] } },
    ],
  };
  const wallet = concrete(example('wallets/payments-wallets-object.json'), { ...ids, 'cst_...': DOCS_CUSTOMER_NAMES });
  const txList = example('_truncated/transactions/list-transactions-for-a-customer-200.json') as { data: Record<string, unknown>[] };
  // The example's transaction has no id; each gets one so a row can open it.
  const transactions = { ...txList, data: txList.data.map((t, i) => ({ id: `txn_docs${i + 1}`, ...t })) };
  const token = { ...(example('auth/get-started-auth-token.json') as Record<string, unknown>) };
  // No page shows a balance body: the embedded wallet summary's own fields, with its figures.
  const balance = { balance: '1234.56', estimatedValueUsd: '1234.56' };

  const routes: Route[] = [
    { method: 'GET', path: /^\/v0\.9\/customers$/, invented: opts.examplesOnly ? null : 'customers list of A, B and C', body: () => (opts.examplesOnly ? example('customers/list-customers-200.json') : wrap([names, objects, reviewed])) },
    { method: 'GET', path: new RegExp(`^/v0\\.9/customers/${DOCS_CUSTOMER_NAMES}$`), invented: null, body: () => names },
    { method: 'GET', path: new RegExp(`^/v0\\.9/customers/${DOCS_CUSTOMER_OBJECTS}$`), invented: null, body: () => objects },
    { method: 'GET', path: new RegExp(`^/v0\\.9/customers/${DOCS_CUSTOMER_REVIEW}$`), invented: 'customer C (endorsement names and statuses)', body: () => reviewed },
    // The wallet is documented; no page shows a wallets list, so the wrapper is the customers list's.
    { method: 'GET', path: /^\/v0\.9\/customers\/[^/]+\/wallets$/, invented: 'wallets list wrapper', body: () => wrap([wallet]) },
    { method: 'GET', path: /^\/v0\.9\/wallets\/[^/]+\/balance$/, invented: 'wallet balance', body: () => balance },
    { method: 'GET', path: /^\/v0\.9\/customers\/[^/]+\/balance$/, invented: 'customer balance', body: () => balance },
    { method: 'GET', path: /^\/v0\.9\/customers\/[^/]+\/transactions$/, invented: null, body: () => transactions },
    { method: 'GET', path: /^\/v0\.9\/transactions$/, invented: null, body: () => transactions },
    { method: 'GET', path: /^\/v0\.9\/webhooks$/, invented: 'webhooks list wrapper', body: () => ({ data: [example('webhooks/get-a-webhook-200.json')], hasMore: false }) },
    // The example's `expiresAt` is in the past; an hour ahead keeps the console from re-asking each call.
    { method: 'POST', path: /^\/v0\.9\/auth\/token$/, invented: null, body: () => ({ ...token, expiresAt: new Date(Date.now() + 3_600_000).toISOString() }) },
    // The API reference's create example (customer B), whatever was sent: not a reaction to the input.
    { method: 'POST', path: /^\/v0\.9\/customers$/, invented: null, body: () => objects },
  ];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push(`${req.method} ${path}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_docs' });
      res.end(JSON.stringify(body));
    };
    req.resume();
    req.on('end', () => {
      const route = routes.find((r) => r.method === req.method && r.path.test(path));
      if (route && !(route.invented && opts.examplesOnly)) {
        if (route.invented) invented.add(route.invented);
        return send(req.method === 'POST' && path.endsWith('/customers') ? 201 : 200, route.body());
      }
      send(404, { error: { code: 'not_found', message: `The docs show no example for ${req.method} ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}/v0.9`,
    requests,
    get invented() {
      return [...invented].sort();
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
