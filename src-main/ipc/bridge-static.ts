import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { BridgeResponder } from './bridge-http.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export type ServeStatic = (res: ServerResponse, pathname: string) => Promise<void>;

/** Serves the built renderer from `staticDir`; `pathname` arrives percent-decoded. */
export function createStaticFiles(staticDir: string, out: BridgeResponder): ServeStatic {
  const serve: ServeStatic = async (res, pathname) => {
    const rel = normalize(pathname).replace(/^([/\\])+/, '');
    const file = join(staticDir, rel === '' ? 'index.html' : rel);
    if (!file.startsWith(staticDir + sep) && file !== staticDir) return out.send(res, 404, 'Not found');
    try {
      const body = await readFile(file);
      out.headers(res);
      // Built assets carry a content hash in their names: the browser may keep them (and its compiled
      // code) across starts. Everything else, index.html included, is asked for again each time.
      if (rel.startsWith('assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Content-Length': body.length });
      res.end(body);
    } catch {
      // Client-side routes fall back to the app shell.
      if (extname(rel) === '') return serve(res, '/index.html');
      out.send(res, 404, 'Not found');
    }
  };
  return serve;
}
