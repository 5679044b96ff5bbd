import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script, as the start and test scripts are
import { builderArgs } from '../../../scripts/dist.mjs';

describe('npm run dist', () => {
  it('builds for the host platform with the checked configuration, never publishing', () => {
    expect(builderArgs('linux', [], {})).toEqual(['--config', 'electron-builder.config.ts', '--publish', 'never', '--linux']);
    expect(builderArgs('darwin', [], {})).toContain('--mac');
    expect(builderArgs('win32', [], {})).toContain('--win');
  });

  it('lets the user pick targets, and uses a local Electron when one is given', () => {
    expect(builderArgs('linux', ['--dir'], {})).toEqual(['--config', 'electron-builder.config.ts', '--publish', 'never', '--linux', '--dir']);
    expect(builderArgs('linux', ['--win'], {})).not.toContain('--linux');
    expect(builderArgs('linux', [], { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' })).toContain('--config.electronDist=/opt/electron');
  });

  it('refuses an unsupported host clearly', () => {
    expect(() => builderArgs('aix', [], {})).toThrow(/no installer target for aix/);
  });
});
