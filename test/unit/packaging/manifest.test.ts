import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..', '..');
const read = (f: string) => readFileSync(join(root, f), 'utf8');
interface Manifest {
  engines: { node: string };
  devEngines: { runtime: { name: string; version: string } };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}
const pkg = JSON.parse(read('package.json')) as Manifest;

describe('package.json', () => {
  it('ships only what cannot be bundled: keytar (native) and electron-updater (loaded by main at run time)', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['electron-updater', 'keytar']);
    // What the bundler inlines is still installed for building and testing.
    for (const name of ['react', 'react-dom', 'zustand', 'zod', 'ws', 'eventsource-parser', '@tanstack/react-virtual', 'uplot', 'redis']) {
      expect(pkg.devDependencies[name], name).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it("the relay image's own manifest pins the relay packages at the repository's versions", () => {
    const relay = JSON.parse(read('src-relay/container/package.json')) as { dependencies: Record<string, string> };
    expect(Object.keys(relay.dependencies).sort()).toEqual(['redis', 'ws']);
    for (const [name, version] of Object.entries(relay.dependencies)) expect(version, name).toBe(pkg.devDependencies[name]);
  });

  it('states one Node version: .nvmrc, engines, devEngines and the bundled node package agree', () => {
    const nvmrc = read('.nvmrc').trim();
    expect(nvmrc).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.devDependencies.node).toBe(nvmrc);
    expect(pkg.engines.node).toBe(`^${nvmrc}`);
    expect(pkg.devEngines.runtime).toMatchObject({ name: 'node', version: `^${nvmrc}` });
  });
});
