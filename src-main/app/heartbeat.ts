import type { EventBus } from '../lib/event-bus.ts';

/** Publishes `event.app.heartbeat` so the UI can show that main is alive and connected. */
export function startHeartbeat(bus: EventBus, everyMs: number, startedAt = Date.now()): () => void {
  let seq = 0;
  const tick = () => {
    seq += 1;
    bus.publish('event.app.heartbeat', { seq, at: new Date().toISOString(), uptimeSec: Math.round((Date.now() - startedAt) / 1000) });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
