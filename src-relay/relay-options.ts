import { join } from 'node:path';

export interface StoreFlags {
  engine: 'sqlite' | 'redis';
  dataDir: string;
  redisUrl: string;
  redisPrefix: string;
  maxPerChannel: number;
}

export interface ServeFlags extends StoreFlags {
  host: string;
  port: number;
  tlsCert: string | null;
  tlsKey: string | null;
  allowHosts: string[];
  maxBodyBytes: number;
  rate: number;
  burst: number;
  retentionDays: number;
  adminTokenFile: string | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export class UsageError extends Error {}

type Spec = Record<string, 'string' | 'int' | 'list'>;
const STORE_SPEC: Spec = { engine: 'string', 'data-dir': 'string', 'redis-url': 'string', 'redis-prefix': 'string', 'max-per-channel': 'int' };
const SERVE_SPEC: Spec = {
  ...STORE_SPEC, host: 'string', port: 'int', 'tls-cert': 'string', 'tls-key': 'string', 'allow-host': 'list',
  'max-body-bytes': 'int', rate: 'int', burst: 'int', 'retention-days': 'int', 'admin-token-file': 'string', 'log-level': 'string',
};

/** Parses `--name value` pairs against a spec; anything unknown or malformed is a UsageError. */
export function parseFlags(args: string[], spec: Spec): Map<string, string | number | string[]> {
  const out = new Map<string, string | number | string[]>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq > 0 ? eq : undefined) : '';
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option "${arg}"`);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    if (kind === 'int') {
      if (!/^\d{1,12}$/.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
      out.set(name, Number(value));
    } else if (kind === 'list') out.set(name, [...((out.get(name) as string[] | undefined) ?? []), value]);
    else out.set(name, value);
  }
  return out;
}

function storeFlags(f: Map<string, string | number | string[]>, env: NodeJS.ProcessEnv): StoreFlags {
  const engine = String(f.get('engine') ?? env.RELAY_ENGINE ?? 'sqlite');
  if (engine !== 'sqlite' && engine !== 'redis') throw new UsageError(`--engine must be sqlite or redis, got "${engine}"`);
  const maxPerChannel = Number(f.get('max-per-channel') ?? 100_000);
  if (maxPerChannel < 1) throw new UsageError('--max-per-channel must be at least 1');
  return {
    engine,
    dataDir: String(f.get('data-dir') ?? env.RELAY_DATA_DIR ?? join(process.cwd(), '.relay')),
    redisUrl: String(f.get('redis-url') ?? env.RELAY_REDIS_URL ?? 'redis://127.0.0.1:6379'),
    redisPrefix: String(f.get('redis-prefix') ?? env.RELAY_REDIS_PREFIX ?? 'relay'),
    maxPerChannel,
  };
}

export function parseStoreFlags(args: string[], extra: Spec, env = process.env): { store: StoreFlags; rest: Map<string, string | number | string[]> } {
  const f = parseFlags(args, { ...STORE_SPEC, ...extra });
  return { store: storeFlags(f, env), rest: f };
}

export function parseServeFlags(args: string[], env = process.env): ServeFlags {
  const f = parseFlags(args, SERVE_SPEC);
  const port = Number(f.get('port') ?? env.RELAY_PORT ?? 8787);
  if (port > 65535) throw new UsageError(`--port must be 0-65535, got ${port}`);
  const tlsCert = (f.get('tls-cert') as string | undefined) ?? null;
  const tlsKey = (f.get('tls-key') as string | undefined) ?? null;
  if ((tlsCert === null) !== (tlsKey === null)) throw new UsageError('--tls-cert and --tls-key go together');
  const logLevel = String(f.get('log-level') ?? 'info');
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) throw new UsageError(`--log-level must be debug, info, warn or error`);
  const rate = Number(f.get('rate') ?? 50);
  const retentionDays = Number(f.get('retention-days') ?? 7);
  if (rate < 1) throw new UsageError('--rate must be at least 1');
  if (retentionDays < 1) throw new UsageError('--retention-days must be at least 1');
  const envHosts = env.RELAY_ALLOW_HOSTS ? env.RELAY_ALLOW_HOSTS.split(',').map((h) => h.trim()).filter(Boolean) : [];
  return {
    ...storeFlags(f, env),
    host: String(f.get('host') ?? env.RELAY_HOST ?? '127.0.0.1'),
    port,
    tlsCert,
    tlsKey,
    allowHosts: (f.get('allow-host') as string[] | undefined) ?? envHosts,
    maxBodyBytes: Number(f.get('max-body-bytes') ?? 1024 * 1024),
    rate,
    burst: Number(f.get('burst') ?? Math.max(rate * 4, 1)),
    retentionDays,
    adminTokenFile: (f.get('admin-token-file') as string | undefined) ?? null,
    logLevel: logLevel as ServeFlags['logLevel'],
  };
}
