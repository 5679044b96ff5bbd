import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ListenerStatus } from '#shared/ipc/inbox.contract.ts';
import { SMEE_NOTE } from '../../../../src-main/webhooks/relay-kind.ts';
import { startConsole, tempDir, type Console } from './harness.ts';

// The renderer keeps whatever the last push said: a warning the query adds but the push leaves out
// vanishes from the Events card at the next status change.
describe('listener status: the query and the live push say the same', () => {
  let c: Console;
  const lastPush = (): ListenerStatus | undefined => {
    c.bridge.flush();
    return c.pushes.filter((p) => p.name === 'event.webhooks.statusChanged').at(-1)?.payload as ListenerStatus | undefined;
  };

  it('a smee channel (no token) in enforce carries the warning in both, and neither once report-only', async () => {
    // A smee-style channel: an event stream that stays open and sends nothing.
    const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/event-stream' }).write(': ready\n\n'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const tmp = tempDir();
    c = await startConsole(tmp.dir);
    onTestFinished(async () => {
      await c.stop();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      tmp.remove();
    });
    await c.subsystem.configure({ relayUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/smee-channel` });

    expect(c.subsystem.status().relay?.problem).toBe(SMEE_NOTE);
    expect(lastPush()?.relay?.problem).toBe(SMEE_NOTE);
    expect(lastPush()?.verification).toBe('enforce');

    c.setMode('report-only');
    expect(c.subsystem.status().relay?.problem).toBeNull();
    expect(lastPush()).toMatchObject({ verification: 'report-only', relay: { problem: null } });
  });
});
