import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleOutput } from '../../e2e/support/build-freshness.ts';

// The Electron smoke spec is skipped on hosts without a runtime, before its own refusal can run:
// this is where the rule it shares with the browser fixture is held to account on every host.
const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function project(files: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), 'oms-fresh-'));
  roots.push(root);
  for (const [path, ageSeconds] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), '//');
    const at = Date.now() / 1000 - ageSeconds;
    utimesSync(join(root, path), at, at);
  }
  return root;
}

describe('staleOutput', () => {
  it('refuses a missing build and names the command that makes it', () => {
    const root = project({ 'src-main/index.ts': 60 });
    expect(staleOutput(root, 'out/main/index.js', ['src-main'])).toMatch(/^out\/main\/index\.js is missing: run "npx electron-vite build"/);
  });

  it('refuses a build older than a source file deep in a folder, naming that file', () => {
    const root = project({ 'out/main/index.js': 60, 'src-main/app/deep/window.ts': 10, 'src-main/index.ts': 120 });
    expect(staleOutput(root, 'out/main/index.js', ['src-main', 'electron.vite.config.ts'])).toBe(
      'out/main/index.js is older than src-main/app/deep/window.ts: run "npx electron-vite build" so the tests run what ships.',
    );
  });

  it('refuses a build older than a single named config file', () => {
    const root = project({ 'out/preload/index.cjs': 60, 'src-preload/index.ts': 120, 'electron.vite.config.ts': 5 });
    expect(staleOutput(root, 'out/preload/index.cjs', ['src-preload', 'electron.vite.config.ts'])).toMatch(/older than electron\.vite\.config\.ts/);
  });

  it('accepts a build newer than every source, and ignores files that are not sources', () => {
    const root = project({ 'out/main/index.js': 60, 'src-main/index.ts': 120, 'src-main/notes.md': 1, 'src-main/seed.db': 1 });
    expect(staleOutput(root, 'out/main/index.js', ['src-main', 'missing-folder'])).toBeNull();
  });
});
