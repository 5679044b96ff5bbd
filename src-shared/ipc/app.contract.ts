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

/** One renderer error for main's log: every field bounded, the text scrubbed again in main. */
export const RendererErrorReport = z.object({
  kind: z.enum(['error', 'unhandledrejection', 'react-uncaught', 'react-caught']),
  message: z.string().max(2000),
  /** Where it happened: the open screen's section, or the script and line for a window error. */
  where: z.string().max(200).optional(),
  /** The first frames only; they go to the log, never to the screen. */
  stack: z.string().max(4000).optional(),
});
export type RendererErrorReport = z.infer<typeof RendererErrorReport>;

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
  /** Logs a renderer error in main's log, scrubbed and rate-limited (a render loop cannot flood it). */
  reportError: query(
    'app.reportError',
    "Logs a renderer error in main's log, scrubbed and rate-limited.",
    RendererErrorReport,
    z.strictObject({ logged: z.boolean() }),
  ),
  /** The text Help → Copy Diagnostics gives, with the screen's error message when one is passed. */
  diagnostics: query(
    'app.diagnostics',
    'The diagnostics text for a bug report (versions, OS, profile kind, listener state).',
    z.object({ error: z.string().max(500).optional() }),
    z.strictObject({ text: z.string() }),
  ),
  /** Whether the console runs with its e2e hooks (browser mode started by the tests only). */
  testHooks: query('app.testHooks', 'Whether the e2e test hooks are on (browser mode under test only).', NoInput, z.strictObject({ screenFaults: z.boolean() })),
};
