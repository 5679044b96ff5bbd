/**
 * The bridge bench's client, on its own thread as a page's fetch is in its own process: run on the
 * bench's thread it took a core's worth of turns away from the server it was timing (undici costs
 * more CPU per call than the bridge). Sequential calls; per call the round trip and the JSON.parse.
 */
import { request, Agent } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { url, token, body } = workerData as { url: string; token: string; body: string };
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

const viaFetch = async () => (await fetch(url, { method: 'POST', headers, body })).text();
const viaHttp = () =>
  new Promise<string>((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });

parentPort!.on('message', async ({ calls, client }: { calls: number; client: 'fetch' | 'http' }) => {
  const send = client === 'http' ? viaHttp : viaFetch;
  const total: number[] = [];
  const parse: number[] = [];
  let bytes = 0;
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    const text = await send();
    const t1 = performance.now();
    const answer = JSON.parse(text) as { ok: boolean };
    const t2 = performance.now();
    if (!answer.ok) throw new Error(`customers.search through the bridge: ${text.slice(0, 200)}`);
    total.push(t2 - t0);
    parse.push(t2 - t1);
    bytes = text.length;
  }
  parentPort!.postMessage({ total, parse, bytes });
});
