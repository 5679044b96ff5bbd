import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * An HTTP server that answers only with the response examples of the official OMS pages
 * (test/fixtures/oms-docs): a real, reachable OMS that is not the local sandbox, so it has no
 * control API. Changes, all visible here: placeholder ids (`cst_...`, `"<string>"`) become concrete
 * ids so a screen can open them; the token's past `expiresAt` moves an hour ahead; one customer (C)
 * carries the endorsement `name` and `status` our contract reads (oms-api.md §3) so a reviewer's
 * queue has someone in it. Balances have no documented example: the wallet balance is the
 * documented embedded wallet summary's own fields (`balance`, `estimatedValueUsd`). `POST /customers`
 * answers the API reference's create example (customer B), whatever was sent.
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
  close(): Promise<void>;
}

export async function startDocsServer(): Promise<DocsServer> {
  const requests: string[] = [];
  const ids = { 'cst_...': DOCS_CUSTOMER_NAMES, 'wlt_...': DOCS_WALLET };
  // Customer A: the payments/customers page (endorsements as plain names).
  const names = concrete(example('customers/payments-customers-object.json'), ids) as Record<string, unknown>;
  // Customer B: the API reference's create example (endorsement objects with no name or status).
  const objects = { ...(concrete(example('_truncated/customers/create-a-customer-201.json'), {}) as Record<string, unknown>), id: DOCS_CUSTOMER_OBJECTS };
  // Customer C: B's documented object, with one endorsement granted and one waiting for OMS's review.
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
  const transactions = { ...txList, data: txList.data.map((t, i) => ({ id: `txn_docs${i + 1}`, ...t })) };
  const token = { ...(example('auth/get-started-auth-token.json') as Record<string, unknown>) };

  const routes: [RegExp, () => unknown][] = [
    [/^\/v0\.9\/customers$/, () => ({ data: [names, objects, reviewed], hasMore: false, cursor: null })],
    [new RegExp(`^/v0\\.9/customers/${DOCS_CUSTOMER_NAMES}$`), () => names],
    [new RegExp(`^/v0\\.9/customers/${DOCS_CUSTOMER_OBJECTS}$`), () => objects],
    [new RegExp(`^/v0\\.9/customers/${DOCS_CUSTOMER_REVIEW}$`), () => reviewed],
    [/^\/v0\.9\/customers\/[^/]+\/wallets$/, () => ({ data: [wallet], hasMore: false, cursor: null })],
    [/^\/v0\.9\/wallets\/[^/]+\/balance$/, () => ({ balance: '1234.56', estimatedValueUsd: '1234.56' })],
    [/^\/v0\.9\/customers\/[^/]+\/balance$/, () => ({ balance: '1234.56', estimatedValueUsd: '1234.56' })],
    [/^\/v0\.9\/customers\/[^/]+\/transactions$/, () => transactions],
    [/^\/v0\.9\/transactions$/, () => transactions],
    [/^\/v0\.9\/webhooks$/, () => ({ data: [example('webhooks/get-a-webhook-200.json')], hasMore: false })],
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
      if (req.method === 'POST' && path === '/v0.9/auth/token') return send(200, { ...token, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
      if (req.method === 'POST' && path === '/v0.9/customers') return send(201, objects);
      if (req.method === 'GET') for (const [re, body] of routes) if (re.test(path)) return send(200, body());
      send(404, { error: { code: 'not_found', message: `The docs show no example for ${req.method} ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return { origin, baseUrl: `${origin}/v0.9`, requests, close: () => new Promise((r) => server.close(() => r())) };
}
