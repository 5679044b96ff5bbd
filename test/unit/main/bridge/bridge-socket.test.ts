import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBridgeAuth } from '../../../../src-main/ipc/bridge-auth.ts';
import { attachPushSocket, PUSH_PATH } from '../../../../src-main/ipc/bridge-socket.ts';
import { EventBridge } from '../../../../src-main/ipc/event-bridge.ts';
import { EventBus } from '../../../../src-main/lib/event-bus.ts';
import { servePart } from './serve-part.ts';

const TOKEN = 'socket-token';
let part: Awaited<ReturnType<typeof servePart>>;
let port = 0;
let bus: EventBus;
let closeSocket: () => void;

beforeAll(async () => {
  bus = new EventBus();
  part = await servePart((_req, res) => res.end());
  port = Number(new URL(part.base).port);
  closeSocket = attachPushSocket(part.server, createBridgeAuth(TOKEN, () => port), new EventBridge(bus, 5));
});

afterAll(async () => {
  closeSocket();
  await part.close();
});

/** The status the upgrade was refused with, or 101 when it opened. */
function upgrade(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; ws: WebSocket }>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
    ws.on('open', () => resolve({ status: 101, ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, ws }));
    ws.on('error', () => undefined);
  });
}

describe('bridge push socket', () => {
  it('refuses an upgrade without the token, from a foreign origin, or on another path', async () => {
    expect((await upgrade(PUSH_PATH)).status).toBe(401);
    expect((await upgrade(`${PUSH_PATH}?token=${TOKEN}`, { Origin: 'http://evil.test' })).status).toBe(403);
    expect((await upgrade(`/api/other?token=${TOKEN}`)).status).toBe(404);
  });

  it('pushes a bus event to an admitted page as one frame', async () => {
    const { status, ws } = await upgrade(`${PUSH_PATH}?token=${TOKEN}`);
    expect(status).toBe(101);
    const frame = new Promise<unknown>((r) => ws.once('message', (d) => r(JSON.parse(String(d)))));
    bus.publish('event.session.profileChanged', { profileId: 'p2' });
    expect(await frame).toEqual({ name: 'event.session.profileChanged', payload: { profileId: 'p2' } });
    ws.close();
  });
});
