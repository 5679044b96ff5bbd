import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileLog, type FileLog } from '../../src-main/desktop/file-log.ts';
import { createRendererErrorLog } from '../../src-main/services/app/renderer-errors.ts';
import { failure, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';

describe('app.reportError: renderer errors reach main.log scrubbed', () => {
  let c: TestConsole;
  let fileLog: FileLog;
  let logDir: string;
  beforeAll(async () => {
    logDir = mkdtempSync(join(tmpdir(), 'oms-renderer-errors-'));
    fileLog = openFileLog({ dir: logDir });
    c = await startTestConsole({ sandbox: { seed: 1 }, log: (l) => fileLog.write(l) });
  });
  afterAll(async () => {
    await c?.close();
    fileLog?.close();
    rmSync(logDir, { recursive: true, force: true });
  });

  it('logs the message, where and the first frames, with no secret, email or launch token left', async () => {
    const out = await c.call('app.reportError', {
      kind: 'react-uncaught',
      message: 'TypeError: cannot read balance of dora.docs@example.com with sk_live_ABCdef123456 via http://127.0.0.1:5858/?token=launch-token-CANARY',
      where: 'transactions',
      stack: 'TypeError: x\n    at Balance (http://127.0.0.1:5858/assets/index-abc.js:1:200)\n    at renderWithHooks (http://127.0.0.1:5858/assets/index-abc.js:9:10)',
    });
    expect(unwrap(out)).toEqual({ logged: true });
    const text = readFileSync(join(logDir, 'main.log'), 'utf8');
    const line = text.split('\n').find((l) => l.includes('renderer react-uncaught in transactions'));
    expect(line).toBeDefined();
    expect(line).toContain('cannot read balance of [email] with sk_live_[redacted]');
    expect(line).toContain('?token=[redacted]');
    expect(line).toContain('at Balance (http://127.0.0.1:5858/assets/index-abc.js:1:200)');
    expect(text).not.toContain('dora.docs@example.com');
    expect(text).not.toContain('ABCdef123456');
    expect(text).not.toContain('launch-token-CANARY');
  });

  it('refuses an unbounded message at the boundary, naming the field', async () => {
    const e = failure(await c.call('app.reportError', { kind: 'error', message: 'x'.repeat(2001) }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('message');
  });

  it('diagnostics carry the screen error scrubbed, and nothing of the profile but its kind', async () => {
    const { text } = unwrap(await c.call('app.diagnostics', { error: 'boom for ops@example.com sk_sdbx_SECRET99' })) as { text: string };
    expect(text).toContain('OMS Console diagnostics');
    expect(text).toContain('profile kind: local');
    expect(text).toContain('screen error: boom for [email] sk_sdbx_[redacted]');
  });

  it('test hooks are off unless the e2e switch is set', async () => {
    expect(unwrap(await c.call('app.testHooks', {}))).toEqual({ screenFaults: false });
  });
});

describe('renderer error log rate limit', () => {
  it('lets through a bounded number per window and then says how many it left out', () => {
    const lines: string[] = [];
    let t = 0;
    const report = createRendererErrorLog({ log: (l) => lines.push(l), perWindow: 3, windowMs: 1000, now: () => t });
    const results = Array.from({ length: 50 }, () => report({ kind: 'react-caught', message: 'loop' }).logged);
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(lines).toHaveLength(3);
    t = 1000;
    expect(report({ kind: 'error', message: 'after' }).logged).toBe(true);
    expect(lines.slice(3)).toEqual(['renderer: 47 more error report(s) were not logged (over 3 in 1 s)', 'renderer error: after']);
  });
});
