import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseWindowPlacement, displayKey, EMPTY_WINDOW_STATE, loadWindowState, recordWindowPlacement, saveWindowState } from '../../../../src-main/desktop/window-state.ts';
import { fakeDisplay } from './fakes.ts';

const laptop = fakeDisplay(1, 0, 0, 1440, 900);
const monitor = fakeDisplay(2, 1440, 0, 2560, 1440);
const defaults = { width: 1320, height: 860 };
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'oms-winstate-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('window placement per display', () => {
  it('first start: default size centred on the primary display, clamped to its work area', () => {
    expect(chooseWindowPlacement(EMPTY_WINDOW_STATE, [laptop], laptop, defaults)).toEqual({ bounds: { x: 60, y: 0, width: 1320, height: 860 }, maximized: false });
    const small = fakeDisplay(3, 0, 0, 1024, 700);
    expect(chooseWindowPlacement(EMPTY_WINDOW_STATE, [small], small, defaults).bounds).toEqual({ x: 0, y: 0, width: 1024, height: 660 });
  });

  it('reopens where it was, maximised or not, on the display it was last on', () => {
    let s = recordWindowPlacement(EMPTY_WINDOW_STATE, laptop, { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: false });
    s = recordWindowPlacement(s, monitor, { bounds: { x: 1600, y: 100, width: 1800, height: 1200 }, maximized: true });
    expect(chooseWindowPlacement(s, [laptop, monitor], laptop, defaults)).toEqual({ bounds: { x: 1600, y: 100, width: 1800, height: 1200 }, maximized: true });
  });

  it('monitor unplugged: falls back to what was saved for the primary display, never off-screen', () => {
    let s = recordWindowPlacement(EMPTY_WINDOW_STATE, laptop, { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: false });
    s = recordWindowPlacement(s, monitor, { bounds: { x: 1600, y: 100, width: 1800, height: 1200 }, maximized: false });
    expect(chooseWindowPlacement(s, [laptop], laptop, defaults)).toEqual({ bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: false });
    const onlyMonitor = recordWindowPlacement(EMPTY_WINDOW_STATE, monitor, { bounds: { x: 1600, y: 100, width: 1800, height: 1200 }, maximized: false });
    expect(chooseWindowPlacement(onlyMonitor, [laptop], laptop, defaults).bounds).toEqual({ x: 60, y: 0, width: 1320, height: 860 });
  });

  it('a window saved half off its display comes back reachable', () => {
    const s = recordWindowPlacement(EMPTY_WINDOW_STATE, laptop, { bounds: { x: 1400, y: 880, width: 800, height: 600 }, maximized: false });
    const { bounds } = chooseWindowPlacement(s, [laptop], laptop, defaults);
    expect(bounds.x).toBeGreaterThanOrEqual(0);
    expect(bounds.y).toBeGreaterThanOrEqual(0);
    expect(bounds.x + bounds.width).toBeLessThanOrEqual(1440);
    expect(bounds.y + bounds.height).toBeLessThanOrEqual(860);
  });

  it('the same display id with another resolution is another display', () => {
    expect(displayKey(fakeDisplay(1, 0, 0, 1440, 900))).not.toBe(displayKey(fakeDisplay(1, 0, 0, 1920, 1080)));
  });
});

describe('window state file', () => {
  it('round-trips through a real file', () => {
    const file = join(tmp(), 'sub', 'window-state.json');
    const s = recordWindowPlacement(EMPTY_WINDOW_STATE, laptop, { bounds: { x: 10.4, y: 20, width: 1000, height: 700 }, maximized: true });
    saveWindowState(file, s);
    expect(loadWindowState(file)).toEqual({ version: 1, lastDisplay: '1:1440x900', byDisplay: { '1:1440x900': { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true } } });
  });

  it('a missing, corrupt, oversized or foreign file means defaults, with a log line, never a crash', () => {
    const dir = tmp();
    expect(loadWindowState(join(dir, 'none.json'))).toEqual(EMPTY_WINDOW_STATE);
    for (const [name, content] of [
      ['corrupt', '{"version":1,'],
      ['foreign', JSON.stringify({ version: 1, lastDisplay: null, byDisplay: { a: { bounds: { x: 'NaN', y: 0, width: 5, height: 5 }, maximized: false } } })],
      ['huge', ' '.repeat(70_000)],
      ['version', JSON.stringify({ version: 2, lastDisplay: null, byDisplay: {} })],
    ]) {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, content!);
      const logs: string[] = [];
      expect(loadWindowState(file, (l) => logs.push(l)), name).toEqual(EMPTY_WINDOW_STATE);
      expect(logs[0], name).toMatch(/window state ignored/);
      expect(readFileSync(file, 'utf8')).toBe(content);
    }
  });

  it('remembers at most 16 displays', () => {
    let s = EMPTY_WINDOW_STATE;
    for (let i = 0; i < 40; i++) s = recordWindowPlacement(s, fakeDisplay(i, 0, 0, 1920, 1080), { bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: false });
    expect(Object.keys(s.byDisplay)).toHaveLength(16);
    expect(s.lastDisplay).toBe('39:1920x1080');
  });
});
