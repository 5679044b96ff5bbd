import { kindOf } from '#shared/ipc/channel-table.ts';
import type { Result } from '#shared/ipc/result.ts';
import { useConfirm } from './confirm.store.ts';
import { useSession } from './session.store.ts';

type Confirm = { profileId: string } | undefined;

/**
 * Runs a mutation through the production guard. Whether it needs one is the registry's word
 * (`confirmOnProduction`, which the channel table carries as `oms-change`), not the call site's: an
 * audited read such as `pii.reveal` changes no OMS data and is never presented as if it did. On a
 * production profile the operator confirms first, and the confirmation names that profile so it
 * cannot authorise a write after a profile switch. Cancelling sends nothing. If main still asks (the banner was stale), ask once then.
 */
export async function mutate<T>(channel: string, actionLabel: string, run: (confirm: Confirm) => Promise<Result<T>>): Promise<Result<T>> {
  const kind = kindOf(channel);
  const guarded = kind === undefined || kind === 'oms-change';
  const profile = useSession.getState().info?.profile;
  let confirm: Confirm;
  if (guarded && profile?.kind === 'production') {
    const ok = await askFor(actionLabel, profile.name);
    if (!ok) return cancelled();
    confirm = { profileId: profile.id };
  }
  const r = await run(confirm);
  if (!r.ok && r.error.code === 'CONFIRMATION_REQUIRED' && !confirm) {
    await useSession.getState().loadInfo();
    const now = useSession.getState().info?.profile;
    if (!now || !(await askFor(actionLabel, now.name))) return cancelled();
    return run({ profileId: now.id });
  }
  return r;
}

function askFor(actionLabel: string, profileName: string): Promise<boolean> {
  return useConfirm.getState().ask({
    title: `${actionLabel} on production?`,
    body: 'This changes real customer data on the production OMS. It cannot be undone from this console.',
    profileName,
    actionLabel,
  });
}

function cancelled(): Result<never> {
  return { ok: false, error: { code: 'CONFIRMATION_REQUIRED', message: 'Cancelled: nothing was sent.', details: { cancelled: true } } };
}

export const isCancelled = (r: Result<unknown>) => !r.ok && (r.error.details as { cancelled?: boolean } | undefined)?.cancelled === true;
