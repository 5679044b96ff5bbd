import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponder, requestUrl } from '../../../../src-main/ipc/bridge-http.ts';
import { createStaticFiles } from '../../../../src-main/ipc/bridge-static.ts';
import { servePart } from './serve-part.ts';

let dir: string;
const outside = `oms-outside-${process.pid}.txt`;
let part: Awaited<ReturnType<typeof servePart>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'oms-static-part-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>shell</title>');
  writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'export {}');
  // A real file next to the folder: a path that climbed out would find it.
  writeFileSync(join(dir, '..', outside), 'outside');
  const serve = createStaticFiles(dir, createResponder(() => 1));
  part = await servePart((req, res) => void serve(res, requestUrl(req.url)?.path ?? '/'));
});

afterAll(async () => {
  await part.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(dir, '..', outside), { force: true });
});

describe('bridge static files', () => {
  it('serves index.html at / and hashed assets as immutable, with the security headers', async () => {
    const root = await fetch(`${part.base}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(root.headers.get('cache-control')).toBe('no-store');
    expect(root.headers.get('x-frame-options')).toBe('DENY');
    expect(await root.text()).toContain('<title>shell</title>');
    const asset = await fetch(`${part.base}/assets/app-1a2b.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a client-side route with the shell, and a missing file or an escape with 404', async () => {
    expect(await (await fetch(`${part.base}/customers/cus_1`)).text()).toContain('<title>shell</title>');
    expect((await fetch(`${part.base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${part.base}/%2e%2e%2f${outside}`)).status).toBe(404);
  });
});
