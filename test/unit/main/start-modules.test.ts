import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

// What main loads before it says ready: the composition root, the browser bridge and the webhook
// server. Imported from the sources in a fresh thread (Node strips the types), so nothing the test
// runner itself loaded can hide a module.
const modules = ['src-main/app/composition.ts', 'src-main/ipc/browser-bridge.ts', 'src-main/webhooks/webhook-server.ts'].map(
  (p) => pathToFileURL(join(import.meta.dirname, '../../..', p)).href,
);

const threadCode = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  for (const m of workerData.modules) await import(m);
  parentPort.postMessage({ loaded: process.moduleLoadList.filter((m) => m.includes('undici')) });
})().catch((e) => parentPort.postMessage({ error: String(e && e.stack || e) }));
`;

describe("main's start-up modules", () => {
  it('do not load the fetch client (undici): main needs it only at its first OMS call, after ready', async () => {
    const worker = new Worker(threadCode, { eval: true, workerData: { modules } });
    const answer = await new Promise<{ loaded?: string[]; error?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(answer.error).toBeUndefined();
    expect(answer.loaded).toEqual([]);
  });
});
