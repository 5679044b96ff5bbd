import { describe, expect, it } from 'vitest';
import { FLAG_ENV, parseServeFlags, parseStoreFlags, UsageError } from '../../../src-relay/relay-options.ts';

describe('relay flags', () => {
  it('fills defaults: loopback, port 8787, SQLite in ./.relay, 1 MiB bodies, 7 days', () => {
    const f = parseServeFlags([], {});
    expect(f).toMatchObject({ host: '127.0.0.1', port: 8787, engine: 'sqlite', maxBodyBytes: 1_048_576, retentionDays: 7, rate: 50, burst: 200, allowHosts: [], tlsCert: null });
    expect(f.dataDir.endsWith('.relay')).toBe(true);
  });

  it('reads --name value and --name=value, repeats --allow-host, and takes env fallbacks', () => {
    const f = parseServeFlags(['--port=0', '--allow-host', 'a.example', '--allow-host', 'b.example', '--engine', 'redis'], { RELAY_REDIS_URL: 'redis://r:6379' });
    expect(f).toMatchObject({ port: 0, allowHosts: ['a.example', 'b.example'], engine: 'redis', redisUrl: 'redis://r:6379' });
    expect(parseServeFlags([], { RELAY_ALLOW_HOSTS: 'x.example, y.example' }).allowHosts).toEqual(['x.example', 'y.example']);
  });

  it('takes every serve flag from its environment variable, and a flag over the variable', () => {
    const env = {
      RELAY_HOST: '0.0.0.0', RELAY_PORT: '9000', RELAY_ENGINE: 'redis', RELAY_DATA_DIR: '/d', RELAY_REDIS_URL: 'redis://r:1', RELAY_REDIS_PREFIX: 'p',
      RELAY_MAX_PER_CHANNEL: '10', RELAY_TLS_CERT: '/c.pem', RELAY_TLS_KEY: '/k.pem', RELAY_ALLOW_HOSTS: 'a.example', RELAY_MAX_BODY_BYTES: '2048',
      RELAY_RATE: '5', RELAY_BURST: '7', RELAY_RETENTION_DAYS: '3', RELAY_ADMIN_TOKEN_FILE: '/admin', RELAY_LOG_LEVEL: 'warn',
      RELAY_ALLOW_VOLATILE_REDIS: 'true', RELAY_SHUTDOWN_TIMEOUT: '20',
    };
    expect(parseServeFlags([], env)).toEqual({
      host: '0.0.0.0', port: 9000, engine: 'redis', dataDir: '/d', redisUrl: 'redis://r:1', redisPrefix: 'p', maxPerChannel: 10,
      tlsCert: '/c.pem', tlsKey: '/k.pem', allowHosts: ['a.example'], maxBodyBytes: 2048, rate: 5, burst: 7, retentionDays: 3,
      adminTokenFile: '/admin', logLevel: 'warn', allowVolatileRedis: true, shutdownTimeoutSec: 20,
    });
    // Every flag the relay has is in that table: a new flag without a variable fails here.
    const names = Object.keys(FLAG_ENV).sort();
    expect(Object.values(FLAG_ENV).sort()).toEqual(Object.keys(env).sort());
    expect(names).toHaveLength(Object.keys(env).length);
    expect(parseServeFlags(['--burst', '9', '--log-level', 'debug', '--allow-volatile-redis=false'], env)).toMatchObject({ burst: 9, logLevel: 'debug', allowVolatileRedis: false });
    expect(parseServeFlags(['--allow-volatile-redis'], {}).allowVolatileRedis).toBe(true);
  });

  it.each([
    [['--burst', '0'], {}, '--burst must be at least 1, got 0'],
    [['--max-body-bytes', '0'], {}, '--max-body-bytes must be 1-67108864, got 0'],
    [[], { RELAY_BURST: '0' }, 'RELAY_BURST must be at least 1, got 0'],
    [[], { RELAY_RATE: 'fast' }, 'RELAY_RATE must be a whole number, got "fast"'],
    [[], { RELAY_PORT: '65536' }, 'RELAY_PORT must be 0-65535, got 65536'],
    [[], { RELAY_ALLOW_VOLATILE_REDIS: 'maybe' }, 'RELAY_ALLOW_VOLATILE_REDIS must be true or false'],
    [[], { RELAY_TLS_CERT: '/c.pem' }, '--tls-cert and --tls-key go together'],
    [[], { RELAY_MAX_PER_CHANNEL: '0' }, 'RELAY_MAX_PER_CHANNEL must be at least 1'],
  ])('refuses %j with env %j, naming where the bad value came from', (args, env, message) => {
    expect(() => parseServeFlags(args, env as NodeJS.ProcessEnv)).toThrow(UsageError);
    expect(() => parseServeFlags(args, env as NodeJS.ProcessEnv)).toThrow(message);
  });

  it.each([
    [['--port', '70000'], '--port must be 0-65535'],
    [['--port'], '--port needs a value'],
    [['--rate', '-1'], '--rate must be a whole number, got "-1"'],
    [['--rate', '0'], '--rate must be at least 1'],
    [['--retention-days', '1.5'], 'whole number'],
    [['--log-level', 'loud'], '--log-level must be'],
    [['--tls-key', 'k.pem'], 'go together'],
    [['positional'], 'unknown option "positional"'],
  ])('refuses %j with a specific message', (args, message) => {
    expect(() => parseServeFlags(args as string[], {})).toThrow(UsageError);
    expect(() => parseServeFlags(args as string[], {})).toThrow(message as string);
  });

  it('lets admin commands add their own flags but not serve flags', () => {
    const { store, rest } = parseStoreFlags(['--channel', 'team', '--data-dir', '/d'], { channel: 'string' }, {});
    expect(store.dataDir).toBe('/d');
    expect(rest.get('channel')).toBe('team');
    expect(() => parseStoreFlags(['--port', '1'], {}, {})).toThrow('unknown option "--port"');
  });
});
