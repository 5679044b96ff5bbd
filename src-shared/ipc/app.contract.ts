import { z } from 'zod';
import { OmsHealthView } from '../domain/oms-health.ts';
import { NoInput, query } from './operation.ts';

export const ProfileKind = z.enum(['local', 'oms-sandbox', 'production', 'custom']);
export type ProfileKind = z.infer<typeof ProfileKind>;

export const AppInfo = z.strictObject({
  name: z.string(),
  version: z.string(),
  transport: z.enum(['electron', 'browser']),
  profile: z.strictObject({ id: z.string(), name: z.string(), kind: ProfileKind, baseUrl: z.string() }),
  /** Where secrets live right now; `memory` is the local profile's keychain-less fallback. */
  secretStorage: z.enum(['keychain', 'session', 'memory']),
  startedAt: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appContract = {
  /** Version, active profile and transport of this console. */
  info: query('app.info', 'Version, active profile and transport of this console.', NoInput, AppInfo),
  /** How OMS is doing for the active profile: reachable, latency, last error, rate-limit state. */
  omsHealth: query('app.omsHealth', 'How OMS is doing for the active profile (from the console own calls).', NoInput, OmsHealthView),
  /** Opens an https URL from the allowlist in the system browser (Electron only). */
  openExternal: query(
    'app.openExternal',
    'Opens an https URL from the allowlist in the system browser (Electron only).',
    z.object({ url: z.string().max(2048) }),
    z.strictObject({ opened: z.boolean() }),
  ),
};
