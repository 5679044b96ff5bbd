import type * as Http from 'node:http';

/**
 * Node's http module, taken with `process.getBuiltinModule` rather than an ES import. An ES import
 * of node:http builds a facade that reads every export, and on Node 24 that loads the fetch client
 * (undici): 50–75 ms on this machine kind, spent before main could say ready, for a client main
 * needs only at its first OMS call.
 */
export const nodeHttp = (): typeof Http => process.getBuiltinModule('node:http');
