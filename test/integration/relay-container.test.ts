// What the container image and the compose file rely on, checked without a container runtime: the
// health probe against a real relay, and the image's lockfile against the repository's.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../unit/relay/support/relay-harness.ts';
import { runRelayProbe as probe, startRelayProcess } from '../unit/relay/support/relay-process.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

describe('relay container pieces', () => {
  it('the health probe exits 0 while /healthz answers 200 on RELAY_PORT, and 1 once the relay is gone', async () => {
    const tmp = tempDir('relay-probe-');
    const relay = await startRelayProcess(['--data-dir', tmp.dir]);
    try {
      const port = new URL(relay.url).port;
      expect(probe({ RELAY_PORT: port })).toBe(0);
      await relay.kill('SIGTERM');
      expect(probe({ RELAY_PORT: port })).toBe(1);
    } finally {
      await relay.kill('SIGKILL');
      tmp.remove();
    }
  }, 60_000);

  it('the image installs the versions and hashes of the repository lockfile, with npm ci', () => {
    // The desktop app ships none of the relay's packages, so the root manifest keeps them as devDependencies.
    const rootPkg = JSON.parse(read('package.json')) as { devDependencies: Record<string, string> };
    const rootLock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version: string; integrity: string }> };
    const pkg = JSON.parse(read('src-relay/container/package.json')) as { dependencies: Record<string, string> };
    const lock = JSON.parse(read('src-relay/container/package-lock.json')) as { packages: Record<string, { version?: string; integrity?: string; dependencies?: Record<string, string> }> };
    for (const [name, version] of Object.entries(pkg.dependencies)) expect(version, name).toBe(rootPkg.devDependencies[name]);
    expect(lock.packages['']!.dependencies).toEqual(pkg.dependencies);
    const installed = Object.entries(lock.packages).filter(([k]) => k !== '');
    expect(installed.length).toBeGreaterThanOrEqual(Object.keys(pkg.dependencies).length);
    for (const [path, entry] of installed) {
      expect(entry.version, path).toBe(rootLock.packages[path]?.version);
      expect(entry.integrity, path).toBe(rootLock.packages[path]?.integrity);
    }
    const containerfile = read('src-relay/Containerfile');
    expect(containerfile).toContain('COPY src-relay/container/package.json src-relay/container/package-lock.json ./');
    expect(containerfile).toMatch(/RUN npm ci --omit=dev/);
    expect(containerfile).not.toMatch(/npm install/);
    expect(containerfile).toContain('"src-relay/probe.ts"');
  });

  it('the compose file runs Redis with the persistence the relay requires', () => {
    const compose = read('src-relay/compose.yaml');
    expect(compose).toContain('command: ["redis-server", "--appendonly", "yes", "--appendfsync", "always"]');
    expect(compose).toContain('RELAY_ENGINE: redis');
    expect(compose).toContain('dockerfile: src-relay/Containerfile');
  });
});
