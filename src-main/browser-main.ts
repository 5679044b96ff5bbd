/**
 * Browser-mode entry: the console's main process without Electron, serving the built renderer
 * on loopback. Used where no Electron runtime exists (CI, headless machines) and for headless use.
 * Run: node out/main/browser-main.js [--port 5858] [--data-dir DIR] [--webhook-port 4590] [--static-dir out/renderer] [--sandbox-preview]
 * (the bundle `electron-vite build` makes; `node src-main/browser-main.ts` runs the same from sources).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createConsole } from './app/composition.ts';
import { defaultDataDir } from './app/paths.ts';
import { startBrowserBridge } from './ipc/browser-bridge.ts';
import { scrubText } from './lib/redact.ts';

// The project root: this file is src-main/browser-main.ts from sources, out/main/browser-main.js bundled.
const root = resolve(dirname(fileURLToPath(import.meta.url)), import.meta.url.endsWith('.ts') ? '..' : '../..');

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string', default: process.env.OMS_CONSOLE_PORT ?? '5858' },
        'data-dir': { type: 'string' },
        'static-dir': { type: 'string', default: join(root, 'out', 'renderer') },
        'webhook-port': { type: 'string', default: process.env.OMS_CONSOLE_WEBHOOK_PORT },
        json: { type: 'boolean', default: false },
        // Same as OMS_SANDBOX_PREVIEW=1: the local sandbox serves external accounts (oms-api.md §5).
        'sandbox-preview': { type: 'boolean', default: false },
        // Same as OMS_SANDBOX_DOCUMENTED_ONLY=1: the local sandbox answers as a documented-only OMS.
        'sandbox-documented-only': { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (e) {
    console.error(`oms-console: ${(e as Error).message}`);
    process.exit(2);
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`oms-console: --port must be a number from 0 to 65535, not "${args.port}".`);
    process.exit(2);
  }
  const webhookPort = args['webhook-port'] === undefined ? undefined : Number(args['webhook-port']);
  if (webhookPort !== undefined && (!Number.isInteger(webhookPort) || webhookPort < 0 || webhookPort > 65535)) {
    console.error(`oms-console: --webhook-port must be a number from 0 to 65535, not "${args['webhook-port']}".`);
    process.exit(2);
  }
  const staticDir = resolve(args['static-dir']);
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error(`oms-console: no built renderer in ${staticDir}. Run "npm run build" first (the start command does this for you).`);
    process.exit(2);
  }
  const dataDir = args['data-dir'] ? resolve(args['data-dir']) : defaultDataDir();
  if (statSync(dataDir, { throwIfNoEntry: false })?.isDirectory() === false) {
    console.error(`oms-console: --data-dir ${dataDir} is a file, not a folder: pass a folder (it is created if missing).`);
    process.exit(2);
  }
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const log = (line: string) => console.error(`[main] ${line}`);
  let app;
  try {
    app = await createConsole({
      transport: 'browser',
      dataDir,
      version,
      log,
      // The listener's thread comes up once the first screen has its rows, not while the page loads.
      waitForListener: false,
      listenerStart: 'after-first-answer',
      ...(webhookPort !== undefined ? { webhookPort } : {}),
      ...(args['sandbox-preview'] || args['sandbox-documented-only'] ? { sandbox: { ...(args['sandbox-preview'] ? { preview: true } : {}), ...(args['sandbox-documented-only'] ? { documentedOnly: true } : {}) } } : {}),
    });
  } catch (e) {
    // One sentence instead of a stack (an unreadable data folder, a database another version wrote…); scrubbed.
    const code = (e as NodeJS.ErrnoException).code;
    console.error(`oms-console: could not start with data folder ${dataDir}: ${scrubText(e instanceof Error ? e.message : String(e))}${code === 'EACCES' || code === 'EPERM' ? ' (check its permissions)' : ''}`);
    process.exit(1);
  }
  let bridge;
  try {
    bridge = await startBrowserBridge({ dispatch: app.dispatch, events: app.events, staticDir, port });
  } catch (e) {
    await app.close();
    const code = (e as NodeJS.ErrnoException).code;
    console.error(code === 'EADDRINUSE' ? `oms-console: port ${port} is in use; pass --port with a free one (or 0 for any).` : `oms-console: ${(e as Error).message}`);
    process.exit(1);
  }
  if (args.json) console.log(JSON.stringify({ event: 'ready', url: bridge.url, origin: bridge.origin }));
  else console.log(`\nOMS Console is running in browser mode. Open this URL (it carries this launch's token):\n\n  ${bridge.url}\n\nPress Ctrl-C to stop.\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await bridge.close();
    await app.close();
    process.exit(0);
  };
  // A background promise that fails (a re-fetch, a registration) must not take the console down
  // with the operator's work in it: say what failed, keep serving. Messages are scrubbed.
  process.on('unhandledRejection', (reason) => {
    log(`unhandled rejection: ${scrubText(reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason))}`);
  });
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    await app.listenerStarted;
  } catch (e) {
    // What createConsole would have refused with had it waited: the same sentence, after ready.
    console.error(`oms-console: could not start with data folder ${dataDir}: ${scrubText(e instanceof Error ? e.message : String(e))}`);
    if (stopping) return;
    stopping = true;
    await bridge.close();
    await app.close();
    process.exit(1);
  }
}

void main();
