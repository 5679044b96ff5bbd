import { describe, expect, it } from 'vitest';
import { parseServeFlags, parseStoreFlags, UsageError } from '../../../src-relay/relay-options.ts';

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
