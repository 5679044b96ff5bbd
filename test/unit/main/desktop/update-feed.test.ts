// The update feed end to end without Electron: electron-updater's own Linux (deb) updater, given an
// app adapter and a Node HTTP executor, reads a generic feed served over loopback, parses
// latest-linux.yml and verifies the download's sha512, as an installed console would.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createInFlightChanges } from '../../../../src-main/desktop/in-flight-changes.ts';
import { createUpdateController, updaterPort, type AppUpdaterLike } from '../../../../src-main/desktop/updater-policy.ts';
import { FakeUpdateDialog } from './fakes.ts';

const require = createRequire(import.meta.url);
const { DebUpdater } = require('electron-updater/out/DebUpdater.js') as { DebUpdater: new (options: unknown, app: unknown) => AppUpdaterLike & { httpExecutor: unknown; logger: unknown } };
const { NodeHttpExecutor } = require('builder-util/out/nodeHttpExecutor.js') as { NodeHttpExecutor: new () => object };
const { ElectronHttpExecutor } = require('electron-updater/out/electronHttpExecutor.js') as { ElectronHttpExecutor: { prototype: { download: unknown } } };

/** electron-updater's own download (streamed through its sha512 check), over Node's http instead of Electron's net. */
class LoopbackHttpExecutor extends NodeHttpExecutor {
  download = ElectronHttpExecutor.prototype.download;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const DEB = 'oms-console_0.2.0_amd64.deb';

/** A release folder as `npm run dist` leaves it: latest-linux.yml beside the package. */
async function serveFeed(opts: { version: string; served: Buffer; listed: Buffer }): Promise<{ url: string; requests: string[] }> {
  const sha512 = createHash('sha512').update(opts.listed).digest('base64');
  const yml = `version: ${opts.version}\nfiles:\n  - url: ${DEB}\n    sha512: ${sha512}\n    size: ${opts.listed.length}\npath: ${DEB}\nsha512: ${sha512}\nreleaseDate: '2026-12-07T10:00:00.000Z'\n`;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    if (/^\/feed\/latest-linux(-arm64)?\.yml$/.test(path)) res.writeHead(200, { 'content-type': 'text/yaml' }).end(yml);
    else if (path === `/feed/${DEB}`) res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': opts.served.length }).end(opts.served);
    else res.writeHead(404).end('not here');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`, requests };
}

/** An installed console 0.1.0 whose app-update.yml points at the feed (what electron-builder writes from `publish`). */
function installedConsole(feedUrl: string) {
  const dir = mkdtempSync(join(tmpdir(), 'oms-updater-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const appUpdateConfigPath = join(dir, 'app-update.yml');
  writeFileSync(appUpdateConfigPath, `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: oms-console-updater\n`);
  const app = {
    version: '0.1.0',
    name: 'oms-console',
    isPackaged: true,
    appUpdateConfigPath,
    userDataPath: join(dir, 'user'),
    baseCachePath: join(dir, 'cache'),
    whenReady: async () => {},
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  };
  const updater = new DebUpdater(undefined, app);
  updater.httpExecutor = new LoopbackHttpExecutor();
  updater.logger = null;
  const downloaded = () => {
    const pending = join(dir, 'cache', 'oms-console-updater', 'pending');
    return readdirSync(pending)
      .filter((n) => n.endsWith('.deb'))
      .map((n) => readFileSync(join(pending, n)));
  };
  return { updater, downloaded };
}

describe('update feed over loopback, read by electron-updater', () => {
  it('finds the newer version and downloads it once its sha512 matches the feed', async () => {
    const pkg = randomBytes(64 * 1024);
    const feed = await serveFeed({ version: '0.2.0', served: pkg, listed: pkg });
    const { updater, downloaded } = installedConsole(feed.url);
    const port = updaterPort(updater, () => {});
    expect(await port.check()).toEqual({ version: '0.2.0' });
    await port.download();
    expect(downloaded()).toEqual([pkg]);
    expect(feed.requests).toContain(`/feed/${DEB}`);
  });

  it('refuses a download whose bytes differ from the sha512 the feed lists', async () => {
    const pkg = randomBytes(64 * 1024);
    const tampered = Buffer.from(pkg);
    tampered[1000] = tampered[1000]! ^ 0xff;
    const feed = await serveFeed({ version: '0.2.0', served: tampered, listed: pkg });
    const { updater } = installedConsole(feed.url);
    const port = updaterPort(updater, () => {});
    expect(await port.check()).toEqual({ version: '0.2.0' });
    await expect(port.download()).rejects.toThrow(/sha512 checksum mismatch/);
  });

  it('the same version on the feed is no update; a missing feed is an error, not "up to date"', async () => {
    const pkg = randomBytes(1024);
    const same = await serveFeed({ version: '0.1.0', served: pkg, listed: pkg });
    expect(await updaterPort(installedConsole(same.url).updater, () => {}).check()).toBeNull();
    const gone = await serveFeed({ version: '0.2.0', served: pkg, listed: pkg });
    await expect(updaterPort(installedConsole(`${gone.url}/nowhere`).updater, () => {}).check()).rejects.toThrow(/404/);
  });

  it('Help → Check for Updates with a tampered download says so and never offers a restart', async () => {
    const pkg = randomBytes(4096);
    const feed = await serveFeed({ version: '0.2.0', served: Buffer.alloc(4096), listed: pkg });
    const dialog = new FakeUpdateDialog();
    let installs = 0;
    const port = { ...updaterPort(installedConsole(feed.url).updater, () => {}), install: () => void installs++ };
    const c = createUpdateController({ updater: port, dialog, changes: createInFlightChanges(), log: () => {}, currentVersion: '0.1.0', unavailable: null, checkAtStart: () => true });
    await c.checkNow();
    expect(dialog.told.map((t) => t.message)).toEqual(['OMS Console 0.2.0 is available.', 'The update could not be downloaded.']);
    expect(dialog.told[1]!.detail).toMatch(/sha512 checksum mismatch/);
    expect(dialog.offers).toEqual([]);
    expect(installs).toBe(0);
    expect(c.state).toBe('idle');
  });
});
