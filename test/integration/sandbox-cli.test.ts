import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../unit/sandbox/support/harness.ts';

const NODE = process.execPath;
const CLI = new URL('../../src-sandbox/cli.ts', import.meta.url).pathname;

describe('sandbox CLI', () => {
  it('prints a JSON ready line, serves, and shuts down cleanly on SIGTERM', async () => {
    const tmp = tempDir();
    const child = spawn(NODE, ['--no-warnings', CLI, '--port', '0', '--json', '--quiet', '--data-dir', tmp.dir, '--seed', '20'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const ready = JSON.parse(line);
      expect(ready).toMatchObject({ event: 'ready', baseUrl: expect.stringMatching(/\/v0\.9$/) });
      const { apiKey, apiSecret } = ready.generatedCredentials;
      const tok = await (await fetch(`${ready.baseUrl}/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ apiKey, apiSecret }) })).json();
      const list = await (await fetch(`${ready.baseUrl}/customers?limit=100`, { headers: { Authorization: `Bearer ${tok.accessToken}` } })).json();
      expect(list.data).toHaveLength(20);
      const code = await new Promise<number | null>((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      tmp.cleanup();
    }
  });

  it('exits 2 with a clear message on bad flags', async () => {
    for (const args of [['--port', 'abc'], ['--bogus'], ['--review-mode', 'sometimes'], ['--api-key', 'k'], ['--settlement-delay', '-5'], ['--quote-ttl', '0']]) {
      const child = spawn(NODE, ['--no-warnings', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr!.on('data', (d) => (err += d));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code, args.join(' ')).toBe(2);
      expect(err).toMatch(/^sandbox: /);
    }
  });
});
