import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, openFileLog } from '../../../../src-main/desktop/file-log.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'oms-logs-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const at = () => new Date('2026-12-03T08:00:00.000Z');

describe('file log', () => {
  it('writes timestamped lines through the console redaction', () => {
    const dir = tmp();
    const log = openFileLog({ dir, now: at, knownSecrets: () => ['canary-known-secret-value'] });
    log.write('token exchange with sk_sdbx_CANARY_abc123 for ops@example.com');
    log.write('vault said canary-known-secret-value; whsec_00ff Bearer eyJhbGciOi.x.y', 'warn');
    log.close();
    const text = readFileSync(join(dir, 'main.log'), 'utf8');
    expect(text).toBe(
      '2026-12-03T08:00:00.000Z info token exchange with sk_sdbx_[redacted] for [email]\n' +
        '2026-12-03T08:00:00.000Z warn vault said [redacted]; whsec_[redacted] Bearer [redacted]\n',
    );
  });

  it('keeps one entry per line: newlines in a message cannot forge entries', () => {
    const dir = tmp();
    const log = openFileLog({ dir, now: at });
    log.write('first\n2026-12-03T08:00:00.000Z error forged\r\nthird');
    log.close();
    expect(readFileSync(join(dir, 'main.log'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('caps a huge line', () => {
    const dir = tmp();
    const log = openFileLog({ dir, now: at });
    log.write('x'.repeat(5_000_000));
    log.close();
    const line = readFileSync(join(dir, 'main.log'), 'utf8');
    expect(line.length).toBeLessThan(MAX_LINE_CHARS + 200);
    expect(line).toMatch(/chars\]\n$/);
  });

  it('rotates by size and keeps the configured number of files, never exceeding the cap', () => {
    const dir = tmp();
    const log = openFileLog({ dir, maxBytes: 1000, files: 3, now: at });
    for (let i = 0; i < 100; i++) log.write(`line ${String(i).padStart(3, '0')} ${'.'.repeat(60)}`);
    log.close();
    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(1000);
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toContain('line 099');
    expect(readFileSync(join(dir, 'main.2.log'), 'utf8')).not.toContain('line 000');
  });

  it('appends to the log left by the previous run', () => {
    const dir = tmp();
    const a = openFileLog({ dir, now: at });
    a.write('run one');
    a.close();
    const b = openFileLog({ dir, now: at });
    b.write('run two');
    b.close();
    b.write('after close is dropped, not thrown');
    expect(readFileSync(join(dir, 'main.log'), 'utf8').match(/run (one|two)/g)).toEqual(['run one', 'run two']);
  });
});
