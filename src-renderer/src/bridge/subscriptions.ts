import { api } from '../lib/api-client.ts';
import { useSession } from '../stores/session.store.ts';

/**
 * The one boot-time module that listens to main's events and calls store actions. Components
 * never subscribe to window.oms.events themselves.
 */
export function startSubscriptions(): () => void {
  const offs = [
    api().events.on('event.app.heartbeat', (p) => useSession.getState().heartbeat(p.seq)),
    api().events.on('event.session.profileChanged', () => void useSession.getState().loadInfo()),
  ];
  return () => offs.forEach((off) => off());
}
