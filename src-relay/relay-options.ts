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
  /** Serve on a Redis whose persistence would lose an acknowledged delivery in a crash. */
  allowVolatileRedis: boolean;
  /** How long a stop waits for ingests already being received or stored. */
  shutdownTimeoutSec: number;
}

export class UsageError extends Error {}

type Kind = 'string' | 'int' | 'list' | 'bool';
type Spec = Record<string, Kind>;
type Parsed = Map<string, string | number | string[] | boolean>;

const STORE_SPEC: Spec = { engine: 'string', 'data-dir': 'string', 'redis-url': 'string', 'redis-prefix': 'string', 'max-per-channel': 'int' };
const SERVE_SPEC: Spec = {
  ...STORE_SPEC, host: 'string', port: 'int', 'tls-cert': 'string', 'tls-key': 'string', 'allow-host': 'list',
  'max-body-bytes': 'int', rate: 'int', burst: 'int', 'retention-days': 'int', 'admin-token-file': 'string', 'log-level': 'string',
  'allow-volatile-redis': 'bool', 'shutdown-timeout': 'int',
};

/** The environment variable behind each flag; a flag given on the command line wins. */
export const FLAG_ENV: Record<string, string> = {
  engine: 'RELAY_ENGINE', 'data-dir': 'RELAY_DATA_DIR', 'redis-url': 'RELAY_REDIS_URL', 'redis-prefix': 'RELAY_REDIS_PREFIX',
  'max-per-channel': 'RELAY_MAX_PER_CHANNEL', host: 'RELAY_HOST', port: 'RELAY_PORT', 'tls-cert': 'RELAY_TLS_CERT', 'tls-key': 'RELAY_TLS_KEY',
  'allow-host': 'RELAY_ALLOW_HOSTS', 'max-body-bytes': 'RELAY_MAX_BODY_BYTES', rate: 'RELAY_RATE', burst: 'RELAY_BURST',
  'retention-days': 'RELAY_RETENTION_DAYS', 'admin-token-file': 'RELAY_ADMIN_TOKEN_FILE', 'log-level': 'RELAY_LOG_LEVEL',
  'allow-volatile-redis': 'RELAY_ALLOW_VOLATILE_REDIS', 'shutdown-timeout': 'RELAY_SHUTDOWN_TIMEOUT',
};

// A body the in-flight budget (64 MiB) could never hold would be refused with 503 forever.
const MAX_BODY_LIMIT = 64 * 1024 * 1024;
const WHOLE = /^\d{1,12}$/;

/** Parses `--name value` pairs against a spec; anything unknown or malformed is a UsageError. */
export function parseFlags(args: string[], spec: Spec): Parsed {
  const out: Parsed = new Map();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq > 0 ? eq : undefined) : '';
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option "${arg}"`);
    if (kind === 'bool') {
      out.set(name, eq > 0 ? parseBool(`--${name}`, arg.slice(eq + 1)) : true);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    if (kind === 'int') {
      if (!WHOLE.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
      out.set(name, Number(value));
    } else if (kind === 'list') out.set(name, [...((out.get(name) as string[] | undefined) ?? []), value]);
    else out.set(name, value);
  }
  return out;
}

function parseBool(from: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  throw new UsageError(`${from} must be true or false, got "${value}"`);
}

/** Reads each setting from its flag, else its environment variable, else the default, naming the source in errors. */
function settings(f: Parsed, env: NodeJS.ProcessEnv) {
  const source = (name: string): { from: string; value: string | number | string[] | boolean } | null => {
    if (f.has(name)) return { from: `--${name}`, value: f.get(name)! };
    const envName = FLAG_ENV[name];
    const v = envName ? env[envName] : undefined;
    return envName && v !== undefined && v.trim() !== '' ? { from: envName, value: v.trim() } : null;
  };
  return {
    str: (name: string, def: string): string => String(source(name)?.value ?? def),
    optional: (name: string): string | null => {
      const s = source(name);
      return s ? String(s.value) : null;
    },
    int: (name: string, def: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
      const s = source(name);
      if (!s) return def;
      if (typeof s.value === 'string' && !WHOLE.test(s.value)) throw new UsageError(`${s.from} must be a whole number, got "${s.value}"`);
      const n = Number(s.value);
      if (n < min || n > max) throw new UsageError(max === Number.MAX_SAFE_INTEGER ? `${s.from} must be at least ${min}, got ${n}` : `${s.from} must be ${min}-${max}, got ${n}`);
      return n;
    },
    bool: (name: string): boolean => {
      const s = source(name);
      return s ? (typeof s.value === 'boolean' ? s.value : parseBool(s.from, String(s.value))) : false;
    },
    list: (name: string): string[] => {
      const s = source(name);
      if (!s) return [];
      return Array.isArray(s.value) ? s.value : String(s.value).split(',').map((h) => h.trim()).filter(Boolean);
    },
  };
}

function storeFlags(f: Parsed, env: NodeJS.ProcessEnv): StoreFlags {
  const s = settings(f, env);
  const engine = s.str('engine', 'sqlite');
  if (engine !== 'sqlite' && engine !== 'redis') throw new UsageError(`--engine must be sqlite or redis, got "${engine}"`);
  return {
    engine,
    dataDir: s.str('data-dir', join(process.cwd(), '.relay')),
    redisUrl: s.str('redis-url', 'redis://127.0.0.1:6379'),
    redisPrefix: s.str('redis-prefix', 'relay'),
    maxPerChannel: s.int('max-per-channel', 100_000, 1),
  };
}

export function parseStoreFlags(args: string[], extra: Spec, env = process.env): { store: StoreFlags; rest: Parsed } {
  const f = parseFlags(args, { ...STORE_SPEC, ...extra });
  return { store: storeFlags(f, env), rest: f };
}

export function parseServeFlags(args: string[], env = process.env): ServeFlags {
  const f = parseFlags(args, SERVE_SPEC);
  const s = settings(f, env);
  const tlsCert = s.optional('tls-cert');
  const tlsKey = s.optional('tls-key');
  if ((tlsCert === null) !== (tlsKey === null)) throw new UsageError('--tls-cert and --tls-key go together');
  const logLevel = s.str('log-level', 'info');
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) throw new UsageError(`--log-level must be debug, info, warn or error, got "${logLevel}"`);
  const rate = s.int('rate', 50, 1);
  return {
    ...storeFlags(f, env),
    host: s.str('host', '127.0.0.1'),
    port: s.int('port', 8787, 0, 65535),
    tlsCert,
    tlsKey,
    allowHosts: s.list('allow-host'),
    maxBodyBytes: s.int('max-body-bytes', 1024 * 1024, 1, MAX_BODY_LIMIT),
    rate,
    burst: s.int('burst', rate * 4, 1),
    retentionDays: s.int('retention-days', 7, 1),
    adminTokenFile: s.optional('admin-token-file'),
    logLevel: logLevel as ServeFlags['logLevel'],
    allowVolatileRedis: s.bool('allow-volatile-redis'),
    shutdownTimeoutSec: s.int('shutdown-timeout', 10, 1, 600),
  };
}
