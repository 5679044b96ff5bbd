import type { InvokeEventLike, IpcMainLike } from '../../../src-main/ipc/electron-ipc.ts';

type InvokeListener = (event: InvokeEventLike, input: unknown, callId?: unknown) => Promise<unknown>;
type SendListener = (event: InvokeEventLike, callId: unknown) => void;
type EventListener = (e: unknown, m: { name: string; payload?: unknown; payloads?: unknown[] }) => void;

/**
 * FakeIpcMain: a named fake of Electron's ipcMain. The Electron runtime cannot run on this
 * machine; this stands in for it with the same handle/removeHandler surface. Shared by the
 * adapter's tests and the IPC round-trip bench.
 */
export class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, InvokeListener>();
  listeners = new Map<string, Set<SendListener>>();
  handle(channel: string, listener: InvokeListener) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: SendListener) {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
  }
  removeListener(channel: string, listener: SendListener) {
    this.listeners.get(channel)?.delete(listener);
  }
  invoke(channel: string, senderFrame: InvokeEventLike['senderFrame'], input: unknown, callId?: unknown, senderId = 1) {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h({ senderFrame, sender: { id: senderId } }, input, callId);
  }
  /** What ipcRenderer.send does: every listener of the channel, in order, with the sender's frame. */
  send(channel: string, senderFrame: InvokeEventLike['senderFrame'], callId: unknown, senderId = 1) {
    for (const l of this.listeners.get(channel) ?? []) l({ senderFrame, sender: { id: senderId } }, callId);
  }
}

/**
 * FakeIpcRenderer: a named stand-in for Electron's ipcRenderer (no Electron runtime here). By
 * default an invoke answers with its channel name; `answer` connects it to something that really
 * answers (the bench wires it to a FakeIpcMain).
 */
export class FakeIpcRenderer {
  invoked: unknown[][] = [];
  sent: [string, number][] = [];
  listeners = new Map<string, EventListener>();
  /** Answers at once, or, with `hold`, only when `release` is called (a search waiting on OMS). */
  hold = false;
  /** Keep what each invoke was called with (a long bench run turns this off). */
  record = true;
  readonly #answer: (channel: string, input: unknown, callId?: number) => Promise<unknown>;
  #pending: (() => void)[] = [];
  constructor(answer?: (channel: string, input: unknown, callId?: number) => Promise<unknown>) {
    this.#answer = answer ?? (async (channel) => ({ ok: true, data: channel }));
  }
  async invoke(...args: unknown[]) {
    if (this.record) this.invoked.push(args);
    if (this.hold) await new Promise<void>((r) => this.#pending.push(r));
    return this.#answer(args[0] as string, args[1], args[2] as number | undefined);
  }
  release() {
    for (const r of this.#pending.splice(0)) r();
  }
  send(channel: string, callId: number) {
    this.sent.push([channel, callId]);
  }
  on(channel: string, listener: EventListener) {
    this.listeners.set(channel, listener);
  }
}
