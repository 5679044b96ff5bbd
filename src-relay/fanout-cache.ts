import { sseFrame, wsMessage } from '../src-shared/relay/relay-wire.ts';
import type { RelayDelivery } from '../src-shared/relay/relay-protocol.ts';
import type { RelayStore, StoredDelivery } from './relay-types.ts';

export function deliveryData(d: StoredDelivery): RelayDelivery {
  return { cursor: d.cursor, receivedAt: new Date(d.receivedAt).toISOString(), headers: d.headers, bodyBase64: d.body.toString('base64') };
}

interface Encoded {
  sse?: string;
  ws?: string;
}
const encoded = new WeakMap<StoredDelivery, Encoded>();

function encodings(d: StoredDelivery): Encoded {
  let e = encoded.get(d);
  if (!e) {
    e = {};
    encoded.set(d, e);
  }
  return e;
}

/** The SSE frame of a delivery, built once however many subscribers are sent the same read. */
export function deliveryFrame(d: StoredDelivery): string {
  const e = encodings(d);
  e.sse ??= sseFrame('delivery', deliveryData(d), d.cursor);
  return e.sse;
}

/** The WebSocket message of a delivery, built once likewise. */
export function deliveryMessage(d: StoredDelivery): string {
  const e = encodings(d);
  e.ws ??= wsMessage('delivery', deliveryData(d));
  return e.ws;
}

/**
 * Subscribers at the same cursor share one store read: when an append wakes fifty followers of a
 * channel, the store is read once and each delivery encoded once, instead of fifty times each.
 * A notice of a new append drops the channel's reads under way, so no follower woken by it can be
 * handed a read that started before the append.
 */
export class SharedReads {
  private readonly store: RelayStore;
  private readonly inflight = new Map<string, Map<string, Promise<StoredDelivery[]>>>();

  constructor(store: RelayStore) {
    this.store = store;
  }

  readAfter(channel: string, cursor: string | null, limit: number): Promise<StoredDelivery[]> {
    let reads = this.inflight.get(channel);
    if (!reads) {
      reads = new Map();
      this.inflight.set(channel, reads);
    }
    const key = `${cursor ?? ''}\n${limit}`;
    const running = reads.get(key);
    if (running) return running;
    const read = this.store.readAfter(channel, cursor, limit);
    const own = reads;
    reads.set(key, read);
    const done = () => {
      if (own.get(key) === read) own.delete(key);
      if (own.size === 0 && this.inflight.get(channel) === own) this.inflight.delete(channel);
    };
    read.then(done, done);
    return read;
  }

  appended(channel: string): void {
    this.inflight.delete(channel);
  }
}
