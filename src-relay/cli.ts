// `./oms relay …`: serve the relay, or administer its console tokens and channels.
import { readFileSync } from 'node:fs';
import { openStore } from './open-store.ts';
import { judgePersistence, recheckPersistence, refusal } from './redis-durability.ts';
import { RedisRelayStore } from './redis-relay-store.ts';
import { jsonLogger } from './relay-log.ts';
import { parseServeFlags, parseStoreFlags, UsageError } from './relay-options.ts';
import { startRelay } from './relay-server.ts';
import { mintToken } from './relay-tokens.ts';
import { CHANNEL_NAME, relayPaths } from '../src-shared/relay/relay-wire.ts';

const USAGE = `usage:
  ./oms relay [serve] [--host 127.0.0.1] [--port 8787] [--engine sqlite|redis] [--data-dir DIR]
                      [--redis-url redis://…] [--redis-prefix relay] [--tls-cert FILE --tls-key FILE]
                      [--allow-host NAME]… [--max-body-bytes 1048576] [--rate 50] [--burst 200]
                      [--retention-days 7] [--max-per-channel 100000] [--admin-token-file FILE]
                      [--log-level info] [--allow-volatile-redis] [--shutdown-timeout 10]
        every serve flag also reads from an environment variable (RELAY_PORT, RELAY_BURST, …)
  ./oms relay token mint --channel C --name NAME   [store flags]   prints the token once
  ./oms relay token revoke (--id tok_… | --channel C --name NAME) [store flags]
  ./oms relay token list                           [store flags]
  ./oms relay channel add C | channel list         [store flags]
store flags: --engine, --data-dir, --redis-url, --redis-prefix (see src-relay/README.md)`;

/** A configuration the relay will not serve with (exit 2, one sentence, no usage text). */
class RefusedError extends Error {}

async function serve(args: string[]): Promise<void> {
  const f = parseServeFlags(args);
  const log = jsonLogger(f.logLevel);
  const adminToken = f.adminTokenFile ? readFileSync(f.adminTokenFile, 'utf8').trim() : (process.env.RELAY_ADMIN_TOKEN ?? null);
  const tls = f.tlsCert && f.tlsKey ? { cert: readFileSync(f.tlsCert), key: readFileSync(f.tlsKey) } : undefined;
  const store = await openStore(f);
  let durabilityWarning: string | null = null;
  if (store instanceof RedisRelayStore) {
    const d = judgePersistence(await store.persistence());
    if (!d.durable && !f.allowVolatileRedis) {
      await store.close();
      throw new RefusedError(refusal(d.problem));
    }
    if (!d.durable) {
      durabilityWarning = `${d.problem}; started anyway (--allow-volatile-redis)`;
      process.stderr.write(`relay: WARNING: ${durabilityWarning}\n`);
      log('warn', 'acknowledged deliveries are not crash-safe', { problem: d.problem });
    }
  }
  const relay = await startRelay({
    store, host: f.host, port: f.port, tls, allowedHosts: f.allowHosts, ratePerSec: f.rate, rateBurst: f.burst,
    retentionMs: f.retentionDays * 24 * 3600 * 1000, adminToken: adminToken || null, limits: { maxBodyBytes: f.maxBodyBytes }, log,
    durabilityWarning,
    // Redis can be reconfigured or restarted with other settings while the relay runs.
    recheckDurability: store instanceof RedisRelayStore ? () => recheckPersistence(() => store.persistence()) : undefined,
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('notice', 'stopping', { signal, drainSeconds: f.shutdownTimeoutSec });
    // A store that no longer answers (Redis gone) must not keep the process alive.
    setTimeout(() => process.exit(1), f.shutdownTimeoutSec * 1000 + 5000).unref();
    void relay
      .close(f.shutdownTimeoutSec * 1000)
      .then(() => store.close())
      .then(
        () => {
          log('notice', 'stopped');
          process.exit(0);
        },
        (e: unknown) => {
          log('error', 'stop failed', { error: (e as Error).message });
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function token(sub: string | undefined, args: string[]): Promise<void> {
  const { store: sf, rest } = parseStoreFlags(args, { channel: 'string', name: 'string', id: 'string' });
  const store = await openStore(sf);
  try {
    if (sub === 'mint') {
      const channel = rest.get('channel');
      const name = rest.get('name');
      if (typeof channel !== 'string' || typeof name !== 'string') throw new UsageError('token mint needs --channel and --name');
      const { token: t, record } = await mintToken(store, channel, name);
      process.stderr.write(`minted ${record.id} "${record.name}" for channel "${record.channel}"; the token is shown once:\n`);
      process.stdout.write(`${t}\n`);
    } else if (sub === 'revoke') {
      const id = rest.get('id');
      const channel = rest.get('channel');
      const name = rest.get('name');
      const selector = typeof id === 'string' ? { id } : typeof channel === 'string' && typeof name === 'string' ? { channel, name } : null;
      if (!selector) throw new UsageError('token revoke needs --id, or --channel and --name');
      const n = await store.revokeTokens(selector, Date.now());
      if (n === 0) throw new UsageError('no live token matches');
      process.stdout.write(`revoked ${n} token(s); open streams are cut within a second or two\n`);
    } else if (sub === 'list') {
      for (const t of await store.listTokens()) {
        process.stdout.write(`${t.id}\t${t.channel}\t${t.name}\t${new Date(t.createdAt).toISOString()}\t${t.revokedAt ? `revoked ${new Date(t.revokedAt).toISOString()}` : 'live'}\n`);
      }
    } else throw new UsageError(`unknown token command "${sub ?? ''}"`);
  } finally {
    await store.close();
  }
}

async function channel(sub: string | undefined, args: string[]): Promise<void> {
  const name = sub === 'add' ? args.shift() : undefined;
  const { store: sf } = parseStoreFlags(args, {});
  const store = await openStore(sf);
  try {
    if (sub === 'add') {
      if (!name || !CHANNEL_NAME.test(name)) throw new UsageError(`channel add needs a name of 1-64 a-z 0-9 _ - (got "${name ?? ''}")`);
      await store.ensureChannel(name);
      process.stdout.write(`channel "${name}": POST deliveries to ${relayPaths.ingest(name)}\n`);
    } else if (sub === 'list') {
      for (const c of await store.listChannels()) process.stdout.write(`${c}\n`);
    } else throw new UsageError(`unknown channel command "${sub ?? ''}"`);
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  if (cmd === 'token') return token(rest.shift(), rest);
  if (cmd === 'channel') return channel(rest.shift(), rest);
  if (cmd === 'help' || cmd === '--help' || cmd === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  return serve(cmd === 'serve' ? rest : argv);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError) process.stderr.write(`relay: ${e.message}\n${USAGE}\n`);
  else process.stderr.write(`relay: ${(e as Error).message}\n`);
  process.exit(e instanceof UsageError || e instanceof RefusedError ? 2 : 1);
});
