import { useCustomers } from '../features/customers/customers.store.ts';
import { useTimeline } from '../features/customers/timeline.store.ts';
import { useInbox } from '../features/inbox/inbox.store.ts';
import { useEndpoints } from '../features/inbox/endpoints.store.ts';
import type { AppCommand } from '#shared/events/events.contract.ts';
import { useOmsHealth } from '../features/oms-health/oms-health.store.ts';
import { useTransactions } from '../features/transactions/transactions.store.ts';
import { useWallets } from '../features/wallets/wallets.store.ts';
import { api } from '../lib/api-client.ts';
import { usePalette } from '../stores/palette.store.ts';
import { useRoute } from '../stores/route.store.ts';
import { sectionNamed } from '../lib/hash-route.ts';
import { useReload } from '../stores/reload.store.ts';
import { useSandbox } from '../stores/sandbox.store.ts';
import { useLiveUpdates } from '../stores/live-updates.store.ts';
import { useSession } from '../stores/session.store.ts';

/** Server data belongs to a profile: drop it all, then reload what the session shows. */
function reloadData(): void {
  useCustomers.getState().reset();
  useWallets.getState().reset();
  useTransactions.getState().reset();
  useTimeline.getState().reset();
  useInbox.getState().reset();
  useEndpoints.getState().reset();
  void useOmsHealth.getState().load();
  void useSession.getState().loadInfo();
  void useSandbox.getState().load();
}

/** Drops the cached server data and has the open screen read it again (menu Reload Data, stale notice). */
export function reloadOpenScreen(): void {
  reloadData();
  useReload.getState().bump();
}

/** The desktop menu's commands: navigation and the palette belong to the renderer. */
function runCommand(command: AppCommand): void {
  if (command === 'palette.open') return usePalette.getState().setOpen(true);
  if (command === 'profile.switch') return useRoute.getState().navigate('settings');
  if (command === 'data.reload') return reloadOpenScreen();
  // The menu may still call a screen by a former name: it is main's, and renamed separately.
  const section = sectionNamed(command.slice('navigate.'.length));
  if (section) useRoute.getState().navigate(section);
}

/**
 * The inbox store already holds every delivery and listener status push: the live indicator
 * follows it rather than subscribe to main twice. Only rows that joined the list count.
 */
function followInbox(): () => void {
  return useInbox.subscribe((s, prev) => {
    if (s.order !== prev.order) {
      const fresh = [];
      for (const seq of s.order) {
        if (prev.bySeq[seq]) break;
        const e = s.bySeq[seq];
        if (e) fresh.push(e);
      }
      if (fresh.length) useLiveUpdates.getState().arrived(fresh);
    }
    if (s.listener && s.listener !== prev.listener) useLiveUpdates.getState().setListener(s.listener);
  });
}

/**
 * The one boot-time module that listens to main's events and calls store actions. Components
 * never subscribe to window.oms.events themselves.
 */
export function startSubscriptions(): () => void {
  const offs = [
    followInbox(),
    api().events.on('event.app.heartbeat', (p) => useSession.getState().heartbeat(p.seq)),
    api().events.on('event.app.command', (p) => runCommand(p.command)),
    api().events.on('event.oms.healthChanged', (p) => useOmsHealth.getState().set(p)),
    api().events.on('event.session.profileChanged', reloadData),
    // Main re-fetched the customer after a webhook: this is the API's state, not the event's.
    api().events.on('event.customers.refetched', (p) => useCustomers.getState().applyLive(p.customer, p.cause)),
    api().events.on('event.customers.directoryChanged', (p) => useCustomers.getState().setDirectory(p)),
    api().events.on('event.wallets.changed', (p) => {
      useWallets.getState().changed(p.customerId, p.walletId, p.cause);
      // A deposit does not re-fetch the customer: the open customer's live panel is told here.
      if (p.customerId) useCustomers.getState().noteLive(p.customerId, p.cause);
      // A transaction event: the followed transactions are read now, not at the next poll.
      if (p.cause.startsWith('transaction.') || p.cause.startsWith('cashIn.')) useTransactions.getState().nudge();
    }),
    api().events.on('event.webhooks.received', (p) => {
      useInbox.getState().received(p);
      useTimeline.getState().webhook(p);
    }),
    api().events.on('event.webhooks.statusChanged', (p) => useInbox.getState().setListener(p)),
  ];
  return () => offs.forEach((off) => off());
}
