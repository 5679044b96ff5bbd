// `./oms relay` as a process: token administration, flag errors, HTTPS, and a Redis outage.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisServer } from '../unit/relay/support/relay-harness.ts';
import { countDeliveries, ingest, startRedis, subscribe, tempDir } from '../unit/relay/support/relay-harness.ts';
import { runRelayCli, runRelayProbe, startRelayProcess } from '../unit/relay/support/relay-process.ts';

const tmp = tempDir('relay-cli-');
afterAll(() => tmp.remove());

describe('relay admin CLI', () => {
  it('mints, lists and revokes console tokens; a revocation made by the CLI cuts the running relay’s stream', async () => {
    const data = ['--data-dir', join(tmp.dir, 'tokens')];
    const minted = runRelayCli(['token', 'mint', '--channel', 'team', '--name', 'alice', ...data]);
    expect(minted.status, minted.stderr).toBe(0);
    const token = minted.stdout.trim();
    expect(token).toMatch(/^rly_[A-Za-z0-9_-]{43}$/);
    expect(minted.stderr).toContain('shown once');
    const dup = runRelayCli(['token', 'mint', '--channel', 'team', '--name', 'alice', ...data]);
    expect(dup.status).toBe(1);
    expect(dup.stderr).toContain('already exists');

    const db = readFileSync(join(tmp.dir, 'tokens', 'relay.db'));
    expect(db.includes(Buffer.from(token))).toBe(false); // stored hashed only

    const relay = await startRelayProcess(data);
    try {
      const sub = await subscribe(relay.url, 'team', token);
      expect(await ingest(relay.url, 'team', '{"n":1}')).toBe(200);
      await sub.waitFor(countDeliveries(1));
      const list = runRelayCli(['token', 'list', ...data]);
      expect(list.stdout).toMatch(/tok_[0-9a-f]{12}\tteam\talice\t.*\tlive/);
      expect(list.stdout).not.toContain(token);
      const revoked = runRelayCli(['token', 'revoke', '--channel', 'team', '--name', 'alice', ...data]);
      expect(revoked.status, revoked.stderr).toBe(0);
      await sub.waitFor((e) => e.some((x) => x.event === 'revoked'), 5000, 'revoked');
      await sub.ended;
      expect(runRelayCli(['token', 'list', ...data]).stdout).toContain('revoked');
      expect(runRelayCli(['token', 'revoke', '--channel', 'team', '--name', 'alice', ...data]).stderr).toContain('no live token matches');
    } finally {
      await relay.kill('SIGTERM');
    }
  }, 90_000); // seven node start-ups

  it('says precisely what is wrong with bad flags and exits 2', () => {
    const cases: [string[], string][] = [
      [['--port', 'eighty'], '--port must be a whole number'],
      [['--bogus', '1'], 'unknown option "--bogus"'],
      [['--engine', 'nats'], '--engine must be sqlite or redis'],
      [['--tls-cert', '/x.pem'], '--tls-cert and --tls-key go together'],
      [['--burst', '0'], '--burst must be at least 1'],
      [['--max-body-bytes', '0'], '--max-body-bytes must be 1-67108864, got 0'],
      [['token', 'mint', '--channel', 'Bad Name', '--name', 'a', '--data-dir', join(tmp.dir, 'bad')], 'invalid channel'],
      [['token', 'revoke', '--data-dir', join(tmp.dir, 'bad')], 'token revoke needs --id'],
    ];
    for (const [args, message] of cases) {
      const r = runRelayCli(args);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.status, args.join(' ')).toBe(args[0] === 'token' && args[1] === 'mint' ? 1 : 2);
    }
    const fromEnv = runRelayCli(['--data-dir', join(tmp.dir, 'env')], { RELAY_BURST: '0' });
    expect(fromEnv.stderr).toContain('RELAY_BURST must be at least 1, got 0');
    expect(fromEnv.status).toBe(2);
  }, 120_000); // a dozen node start-ups, seconds each on a loaded machine

  it('serves HTTPS itself when given a certificate and key', async () => {
    const cert = join(tmp.dir, 'cert.pem');
    const key = join(tmp.dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const data = ['--data-dir', join(tmp.dir, 'tls')];
    const token = runRelayCli(['token', 'mint', '--channel', 'team', '--name', 'alice', ...data]).stdout.trim();
    const relay = await startRelayProcess([...data, '--tls-cert', cert, '--tls-key', key]);
    try {
      expect(relay.url).toMatch(/^https:\/\//);
      const ca = readFileSync(cert);
      const call = (method: string, path: string, headers: Record<string, string>, body?: string) =>
        new Promise<{ status: number; text: string }>((resolve, reject) => {
          const req = request(`${relay.url}${path}`, { method, headers, ca }, (res) => {
            let text = '';
            res.on('data', (c: Buffer) => {
              text += c.toString();
              if (text.includes('caught-up')) res.destroy();
            });
            res.on('close', () => resolve({ status: res.statusCode ?? 0, text }));
          });
          req.on('error', reject);
          req.end(body);
        });
      expect((await call('POST', '/hooks/team', { 'content-type': 'application/json' }, '{"tls":true}')).status).toBe(200);
      const sse = await call('GET', '/channels/team/events', { authorization: `Bearer ${token}` });
      expect(sse.status).toBe(200);
      expect(sse.text).toContain(Buffer.from('{"tls":true}').toString('base64'));
      await expect(fetch(`${relay.url.replace('https', 'http')}/healthz`)).rejects.toThrow();
      // The container's probe speaks HTTPS when the relay does.
      expect(runRelayProbe({ RELAY_PORT: new URL(relay.url).port, RELAY_TLS_CERT: cert })).toBe(0);
      expect(runRelayProbe({ RELAY_PORT: new URL(relay.url).port })).toBe(1);
    } finally {
      await relay.kill('SIGTERM');
    }
  });
});

describe('relay on Redis when Redis goes away', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('answers 503 to ingest and to /healthz, so OMS retries, and never 410', async () => {
    const flags = ['--engine', 'redis', '--redis-url', redis.url, '--redis-prefix', 'outage'];
    expect(runRelayCli(['channel', 'add', 'team', ...flags]).status).toBe(0);
    const relay = await startRelayProcess(flags);
    try {
      expect(await ingest(relay.url, 'team', '{"n":1}')).toBe(200);
      await redis.stop();
      const started = Date.now();
      const status = await ingest(relay.url, 'team', '{"n":2}');
      expect(status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5000);
      expect((await fetch(`${relay.url}/healthz`)).status).toBe(503);
    } finally {
      await relay.kill('SIGTERM');
    }
  });
});
