import type { RendererErrorReport } from '#shared/ipc/app.contract.ts';
import { scrubText } from '../../lib/redact.ts';

export interface RendererErrorLogOptions {
  log: (line: string) => void;
  /** Lines let through per window; a render loop throws hundreds a second and would bury the log. */
  perWindow?: number;
  windowMs?: number;
  now?: () => number;
}

const STACK_FRAMES = 6;

// A page URL in browser mode carries the launch token; a message or frame that quotes it must not.
const withoutTokens = (s: string) => s.replace(/([?&#](?:token|access_token|key)=)[^&\s#'")]+/gi, '$1[redacted]');

/** One line, scrubbed: the redactor masks secrets and emails, then newlines are flattened. */
function lineFor(r: RendererErrorReport): string {
  const frames = (r.stack ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('at ') || l.includes('@'))
    .slice(0, STACK_FRAMES)
    .join(' | ');
  const text = `renderer ${r.kind}${r.where ? ` in ${r.where}` : ''}: ${r.message}${frames ? ` · stack: ${frames}` : ''}`;
  return scrubText(withoutTokens(text)).replace(/\r\n|\r|\n/g, ' ⏎ ');
}

/**
 * The handler behind `app.reportError`: renderer errors reach main's log through the same scrub as
 * every other line. At most `perWindow` lines per window; the first line after a quiet window says
 * how many were left out, so a flood is visible without filling the disk.
 */
export function createRendererErrorLog(opts: RendererErrorLogOptions): (r: RendererErrorReport) => { logged: boolean } {
  const perWindow = opts.perWindow ?? 10;
  const windowMs = opts.windowMs ?? 60_000;
  const now = opts.now ?? Date.now;
  let windowStart = -Infinity;
  let used = 0;
  let dropped = 0;
  return (r) => {
    const t = now();
    if (t - windowStart >= windowMs) {
      windowStart = t;
      used = 0;
    }
    if (used >= perWindow) {
      dropped += 1;
      return { logged: false };
    }
    used += 1;
    if (dropped > 0) {
      opts.log(`renderer: ${dropped} more error report(s) were not logged (over ${perWindow} in ${Math.round(windowMs / 1000)} s)`);
      dropped = 0;
    }
    opts.log(lineFor(r));
    return { logged: true };
  };
}
