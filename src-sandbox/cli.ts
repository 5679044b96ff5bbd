import { parseArgs } from 'node:util';
import { startSandbox, type SandboxOptions } from './index.ts';

const USAGE = `Usage: node src-sandbox/cli.ts [options]
  --port N            port to listen on (default 4010; 0 = ephemeral)
  --host H            bind address (default 127.0.0.1)
  --data-dir DIR      persist to DIR/sandbox.db (default: in-memory)
  --seed N            seed N deterministic customers when the store is empty
  --api-key K --api-secret S   register this key pair (else one is generated on first start)
  --review-mode M     auto | manual (default auto)
  --review-delay MS   auto review delay in ms (default 2000)
  --preview           serve not-yet-available endpoints (external accounts, deposit addresses, virtual accounts)
  --documented-only   behave like an OMS with only the documented filters, events and fields
                      (no q, no endorsement= filter, no extra events or fields; oms-api.md §9)
  --settlement-delay MS  processing → next transaction step (default 2000)
  --quote-ttl SEC     quote lifetime on the sandbox clock (default 300)
  --token-ttl SEC     access token lifetime (default 3600)
  --retry-scale F     webhook retry schedule multiplier (default 1)
  --rate-limit N      requests per second per API key (default 25)
  --base-path P       API base path (default /v0.9)
  --json              print one JSON line {"event":"ready",...} when listening
  --quiet             no request log`;

function fail(message: string): never {
  process.stderr.write(`sandbox: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function num(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) fail(`--${name} must be a number >= ${min} (got "${value}")`);
  return n;
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' }, seed: { type: 'string' },
      'api-key': { type: 'string' }, 'api-secret': { type: 'string' }, 'review-mode': { type: 'string' },
      'review-delay': { type: 'string' }, preview: { type: 'boolean' }, 'documented-only': { type: 'boolean' }, 'token-ttl': { type: 'string' },
      'retry-scale': { type: 'string' }, 'rate-limit': { type: 'string' }, 'base-path': { type: 'string' },
      'settlement-delay': { type: 'string' }, 'quote-ttl': { type: 'string' },
      json: { type: 'boolean' }, quiet: { type: 'boolean' }, help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
} catch (err) {
  fail((err as Error).message);
}
const v = parsed.values;
if (v.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const mode = v['review-mode'];
if (mode !== undefined && mode !== 'auto' && mode !== 'manual') fail(`--review-mode must be auto or manual (got "${mode}")`);
if (Boolean(v['api-key']) !== Boolean(v['api-secret'])) fail('--api-key and --api-secret go together');
const port = num('port', v.port, 0) ?? 4010;
if (port > 65535 || !Number.isInteger(port)) fail(`--port must be an integer 0-65535 (got "${v.port}")`);

const opts: SandboxOptions = {
  port,
  host: v.host ?? '127.0.0.1',
  dataDir: v['data-dir'],
  seed: num('seed', v.seed, 0),
  apiKey: v['api-key'],
  apiSecret: v['api-secret'],
  reviewMode: mode,
  reviewDelayMs: num('review-delay', v['review-delay'], 0),
  preview: v.preview ?? false,
  documentedOnly: v['documented-only'] ?? false,
  settlementDelayMs: num('settlement-delay', v['settlement-delay'], 0),
  quoteTtlSec: num('quote-ttl', v['quote-ttl'], 1),
  tokenTtlSec: num('token-ttl', v['token-ttl'], 1),
  retryScale: num('retry-scale', v['retry-scale'], 0),
  rateLimitPerSec: num('rate-limit', v['rate-limit'], 1),
  basePath: v['base-path'],
  // The request log carries route templates and ids only; with --json stdout is reserved for events.
  logger: v.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
};

const handle = await startSandbox(opts).catch((err: Error) => fail(`could not start: ${err.message}`));
const lines = [`OMS v0.9 sandbox listening on ${handle.baseUrl}`, `control API: ${handle.origin}/_sandbox/  (loopback only)`];
if (opts.documentedOnly) lines.push('documented-only: q, endorsement= and every other sandbox extension are off');
lines.push(opts.dataDir ? `data: ${opts.dataDir}/sandbox.db` : 'data: in-memory (lost on exit; use --data-dir to keep it)');
if (handle.generatedCredentials) {
  lines.push(
    'Generated API credentials (shown ONCE; the key is stored as an id, the secret only as a salted hash):',
    `  apiKey:    ${handle.generatedCredentials.apiKey}`,
    `  apiSecret: ${handle.generatedCredentials.apiSecret}`,
  );
}
// Banner to stdout for humans; with --json stdout carries only the machine-readable ready line.
(v.json ? process.stderr : process.stdout).write(`${lines.join('\n')}\n`);
if (v.json) process.stdout.write(`${JSON.stringify({ event: 'ready', origin: handle.origin, baseUrl: handle.baseUrl, ...(handle.generatedCredentials ? { generatedCredentials: handle.generatedCredentials } : {}) })}\n`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`\n${signal}: shutting down\n`);
  void handle.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
