import { scrubText } from '../lib/redact.ts';

export interface DiagnosticsInput {
  appVersion: string;
  packaged: boolean;
  versions: Partial<Record<'electron' | 'chrome' | 'node' | 'v8', string>>;
  platform: string;
  arch: string;
  osRelease: string;
  locale?: string;
  /** AppInfo (or the parts of it at hand): only the profile *kind* and the storage mode are copied out. */
  info?: { transport?: string; profile?: { kind?: string }; secretStorage?: string; startedAt?: string } | null;
  /** ListenerStatus: state, port, verification and times are copied; URLs (a relay URL carries its channel) are not. */
  listener?: { state?: string; port?: number | null; relayUrl?: string | null; verification?: string; lastEventAt?: string | null; lastVerdict?: string | null } | null;
  now?: Date;
}

// Everything copied is an enum, a version or a timestamp. Anything else is not cleaned up but
// replaced: a partial strip would still leave most of an email or a key behind.
const TOKEN = /^[A-Za-z0-9][\w.:+-]{0,63}$/;
const clean = (v: unknown): string => {
  if (v === undefined || v === null || v === '') return '—';
  const s = String(v);
  return TOKEN.test(s) ? s : '(unrecognised)';
};
const oneOf = (v: unknown, allowed: readonly string[]): string => (v === undefined || v === null ? '—' : allowed.includes(String(v)) ? String(v) : '(unrecognised)');
const KINDS = ['local', 'oms-sandbox', 'production', 'custom'];
const STORAGE = ['keychain', 'session', 'memory'];
const TRANSPORTS = ['electron', 'browser'];
const STATES = ['stopped', 'listening', 'relay-connected', 'reconnecting', 'stale'];
const MODES = ['enforce', 'report-only'];

/**
 * The text Help → "Copy diagnostics" puts on the clipboard for a bug report. It is built from a
 * short allowlist of fields, never from whole objects, so profile names, base URLs, relay channels,
 * keys and customer data cannot end up in a pasted ticket.
 */
export function buildDiagnostics(d: DiagnosticsInput): string {
  const l = d.listener ?? null;
  const lines = [
    'OMS Console diagnostics',
    `generated: ${clean((d.now ?? new Date()).toISOString())}`,
    `app: ${clean(d.appVersion)} (${d.packaged ? 'packaged' : 'development'})`,
    `electron: ${clean(d.versions.electron)}  chrome: ${clean(d.versions.chrome)}  node: ${clean(d.versions.node)}  v8: ${clean(d.versions.v8)}`,
    `os: ${clean(d.platform)} ${clean(d.osRelease)} ${clean(d.arch)}`,
    `locale: ${clean(d.locale)}`,
    `transport: ${oneOf(d.info?.transport, TRANSPORTS)}`,
    `profile kind: ${oneOf(d.info?.profile?.kind, KINDS)}`,
    `secret storage: ${oneOf(d.info?.secretStorage, STORAGE)}`,
    `started: ${clean(d.info?.startedAt)}`,
    `listener: ${oneOf(l?.state, STATES)}  port: ${clean(l?.port)}  relay: ${l ? (l.relayUrl ? 'configured' : 'none') : '—'}  verification: ${oneOf(l?.verification, MODES)}`,
    `last event: ${clean(l?.lastEventAt)}  last verdict: ${clean(l?.lastVerdict)}`,
  ];
  return scrubText(lines.join('\n')) + '\n';
}
