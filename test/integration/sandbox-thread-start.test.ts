import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postJson } from '../../src-sandbox/webhooks/http-post.ts';

const entry = pathToFileURL(join(import.meta.dirname, '../../src-sandbox/index.ts')).href;

// A fresh thread, as main's sandbox thread is: it starts a sandbox up to listening and says whether
// Node had to load its fetch client (undici, tens of ms of a thread's start) on the way.
const threadCode = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { startSandbox } = await import(workerData.entry);
  const sb = await startSandbox({ dataDir: workerData.dir, apiKey: 'sk_sdbx_thread', apiSecret: 'thread-secret' });
  const loaded = process.moduleLoadList.filter((m) => m.includes('undici'));
  await sb.close();
  parentPort.postMessage({ loaded, baseUrl: sb.baseUrl });
})().catch((e) => parentPort.postMessage({ error: String(e && e.stack || e) }));
`;

describe("the sandbox's thread start-up", () => {
  let dir: string;
  let server: Server | null = null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'oms-sbx-thread-'));
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (server) await new Promise((r) => server!.close(r));
    server = null;
  });

  it('listens without loading the fetch client (node:http is not imported as an ES module)', async () => {
    const worker = new Worker(threadCode, { eval: true, workerData: { entry, dir: join(dir, 'data') } });
    const answer = await new Promise<{ loaded?: string[]; baseUrl?: string; error?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(answer.error).toBeUndefined();
    expect(answer.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v0\.9$/);
    expect(answer.loaded).toEqual([]);
  });

  it('still delivers over http, and reports an https target it cannot reach as an error', async () => {
    const bodies: string[] = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const signal = new AbortController().signal;
    const plain = await postJson(`http://127.0.0.1:${port}/hook`, { 'Content-Type': 'application/json' }, '{"n":1}', 5_000, signal);
    expect(plain).toMatchObject({ statusCode: 204, error: null, aborted: false });
    expect(bodies).toEqual(['{"n":1}']);
    // TLS against a plain HTTP listener: the https client was used, and its failure is an answer.
    const tls = await postJson(`https://127.0.0.1:${port}/hook`, {}, '{}', 5_000, signal);
    expect(tls.statusCode).toBeNull();
    expect(tls.error).toMatch(/\S/);
  });
});
