import type { ServerResponse } from 'node:http';
import { contentSecurityPolicy } from '../lib/csp.ts';

/** Writes a response with the bridge's security headers; the parts share one per server. */
export interface BridgeResponder {
  headers(res: ServerResponse): void;
  send(res: ServerResponse, status: number, body: string, type?: string): void;
  /** An error after the headers went out can only cut the connection. */
  fail(res: ServerResponse, status: number, body: string): void;
}

/**
 * The request target as a URL, or null when it cannot be one (`//[`, a bad percent escape):
 * such a request gets a 400, never an exception outside a try.
 */
export function requestUrl(raw: string | undefined): { url: URL; path: string } | null {
  try {
    const url = new URL(raw ?? '/', 'http://127.0.0.1');
    return { url, path: decodeURIComponent(url.pathname) };
  } catch {
    return null;
  }
}

export function createResponder(port: () => number): BridgeResponder {
  const headers = (res: ServerResponse) => {
    const p = port();
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', contentSecurityPolicy([`ws://127.0.0.1:${p}`, `ws://localhost:${p}`]));
  };
  const send = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    headers(res);
    // A known length instead of chunked encoding: one write for a small answer, and ~15 % less of
    // main's CPU per call in the bridge bench.
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };
  const fail = (res: ServerResponse, status: number, body: string) => {
    if (res.headersSent) res.destroy();
    else send(res, status, body);
  };
  return { headers, send, fail };
}
