import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretKey } from '../../src-main/webhooks/signature-verifier.ts';
import { post, SECRET, startConsole, tempDir, type Console } from '../unit/main/webhooks/harness.ts';
import { startRig, waitFor, type Rig } from './webhooks-support.ts';

// Interop: the Standard Webhooks reference library (nobody here wrote it) against our
// listener, and against the sandbox's own signed deliveries.

/** The library takes the key as base64 (optionally `whsec_`-prefixed); ours is hex: hand it the bytes. */
const referenceFor = (secret: string) => new Webhook(secretKey(secret)!.toString('base64'));

describe('Standard Webhooks reference library → our listener', () => {
  let tmp: ReturnType<typeof tempDir>;
  let c: Console;
  beforeAll(async () => {
    tmp = tempDir();
    c = await startConsole(tmp.dir);
  });
  afterAll(async () => {
    await c.stop();
    tmp.remove();
  });

  it('deliveries it signs verify over HTTP as standard-webhooks-v1', async () => {
    const wh = referenceFor(SECRET);
    for (let i = 0; i < 5; i++) {
      const id = `msg_ref_${i}`;
      const body = JSON.stringify({ id: `evt_ref_${i}`, type: 'customer.updated', data: { object: { id: 'cst_ref' } }, note: 'é ünïcode' });
      const at = new Date();
      const headers = {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': wh.sign(id, at, body),
      };
      const r = await post(c, headers, body);
      expect(r.status, r.body).toBe(200);
    }
    const rows = c.subsystem.inbox.listRecords({ limit: 5 }).items;
    expect(rows.map((r) => [r.verdict, r.variant])).toEqual(Array(5).fill(['verified', 'standard-webhooks-v1']));
  });

  it('a library signature over other bytes or with another key is refused', async () => {
    const body = JSON.stringify({ id: 'evt_x', type: 'customer.updated', data: { object: { id: 'cst_ref' } } });
    const at = new Date();
    const ts = String(Math.floor(at.getTime() / 1000));
    const other = referenceFor(`whsec_${'0f'.repeat(32)}`);
    const r = await post(c, { 'content-type': 'application/json', 'webhook-id': 'msg_x', 'webhook-timestamp': ts, 'webhook-signature': other.sign('msg_x', at, body) }, body);
    expect(r.status).toBe(400);
  });
});

describe('the sandbox signs deliveries the reference library accepts', () => {
  let tmp: ReturnType<typeof tempDir>;
  let rig: Rig;
  let receiver: Server;
  const received: { headers: IncomingMessage['headers']; body: Buffer }[] = [];
  beforeAll(async () => {
    tmp = tempDir();
    rig = await startRig(`${tmp.dir}/sandbox`);
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (d: Buffer) => chunks.push(d));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  });
  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
    await rig?.sandbox.close();
    tmp.remove();
  });

  it('every delivery verifies with the library given the hex secret bytes', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/oms`;
    const hook = await rig.webhooks.create({ url, events: [] }, crypto.randomUUID());
    expect(hook.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const customer = await rig.createCustomer();
    await waitFor(() => received.length >= 1, 'a sandbox delivery');
    const wh = referenceFor(hook.secret!);
    for (const d of received) {
      const headers = Object.fromEntries(Object.entries(d.headers).filter(([k]) => k.startsWith('webhook-')).map(([k, v]) => [k, String(v)]));
      const payload = wh.verify(d.body, headers) as { type: string; data: { object: { id: string } } };
      expect(payload.type).toMatch(/^customer\./);
      expect(payload.data.object.id).toBe(customer);
    }
    // One changed byte and the library refuses it too (it really checks).
    const tampered = Buffer.from(received[0]!.body);
    tampered[tampered.length - 2]! ^= 1;
    const headers = Object.fromEntries(Object.entries(received[0]!.headers).map(([k, v]) => [k, String(v)]));
    expect(() => wh.verify(tampered, headers)).toThrow();
  });
});
