import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface DisplayLike {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

const Coord = z.number().int().min(-100_000).max(100_000);
const Size = z.number().int().min(100).max(100_000);
const RectSchema = z.strictObject({ x: Coord, y: Coord, width: Size, height: Size });
const Entry = z.strictObject({ bounds: RectSchema, maximized: z.boolean() });
export const SavedWindowState = z.strictObject({
  version: z.literal(1),
  lastDisplay: z.string().max(100).nullable(),
  byDisplay: z.record(z.string().max(100), Entry),
});
export type SavedWindowState = z.infer<typeof SavedWindowState>;
export const EMPTY_WINDOW_STATE: SavedWindowState = { version: 1, lastDisplay: null, byDisplay: {} };
const MAX_DISPLAYS_REMEMBERED = 16;

export interface WindowPlacement {
  bounds: Rect;
  maximized: boolean;
}

/** Ids alone are reused across monitor swaps on some systems: the size is part of the key. */
export const displayKey = (d: DisplayLike): string => `${d.id}:${d.bounds.width}x${d.bounds.height}`;

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  return {
    w: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    h: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/** Enough of the window (title bar included) lies on a work area for the user to grab it. */
function isReachable(r: Rect, displays: readonly DisplayLike[]): boolean {
  const titleBar = { x: r.x, y: r.y, width: r.width, height: Math.min(r.height, 40) };
  return displays.some((d) => {
    const o = overlap(titleBar, d.workArea);
    return o.w >= Math.min(120, r.width) && o.h >= Math.min(20, titleBar.height);
  });
}

function centred(size: { width: number; height: number }, area: Rect): Rect {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

/**
 * Where the window opens: the bounds saved for the display it was last on if that display is still
 * attached and the window would be reachable there; otherwise the default size, centred on the
 * primary display. A window never opens off-screen or larger than the work area.
 */
export function chooseWindowPlacement(saved: SavedWindowState, displays: readonly DisplayLike[], primary: DisplayLike, defaults: { width: number; height: number }): WindowPlacement {
  const last = saved.lastDisplay;
  const display = displays.find((d) => displayKey(d) === last) ?? (saved.byDisplay[displayKey(primary)] ? primary : null);
  const entry = display ? saved.byDisplay[displayKey(display)] : undefined;
  if (display && entry) {
    const b = entry.bounds;
    const fitted = { ...b, width: Math.min(b.width, display.workArea.width), height: Math.min(b.height, display.workArea.height) };
    if (isReachable(fitted, displays)) return { bounds: fitted, maximized: entry.maximized };
    return { bounds: centred(fitted, display.workArea), maximized: entry.maximized };
  }
  return { bounds: centred(defaults, primary.workArea), maximized: false };
}

/** Records the window's normal (un-maximised) bounds against the display it is on now. */
export function recordWindowPlacement(saved: SavedWindowState, display: DisplayLike, placement: WindowPlacement): SavedWindowState {
  const key = displayKey(display);
  const rounded = { x: Math.round(placement.bounds.x), y: Math.round(placement.bounds.y), width: Math.round(placement.bounds.width), height: Math.round(placement.bounds.height) };
  const byDisplay = Object.fromEntries(Object.entries(saved.byDisplay).filter(([k]) => k !== key));
  byDisplay[key] = { bounds: rounded, maximized: placement.maximized };
  // Oldest entries go first when a laptop has met too many monitors.
  const keys = Object.keys(byDisplay);
  for (const k of keys.slice(0, Math.max(0, keys.length - MAX_DISPLAYS_REMEMBERED))) delete byDisplay[k];
  return { version: 1, lastDisplay: key, byDisplay };
}

/** Reads the saved state; a missing, corrupt or foreign file means "no saved state", never a crash. */
export function loadWindowState(file: string, log?: (line: string) => void): SavedWindowState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return EMPTY_WINDOW_STATE;
  }
  try {
    if (text.length > 64 * 1024) throw new Error('file too large');
    return SavedWindowState.parse(JSON.parse(text));
  } catch (e) {
    log?.(`window state ignored (${file}): ${e instanceof z.ZodError ? 'unexpected shape' : e instanceof Error ? e.message.slice(0, 200) : 'unreadable'}`);
    return EMPTY_WINDOW_STATE;
  }
}

/** Writes through a temporary file and a rename, so a crash mid-write leaves the old state intact. */
export function saveWindowState(file: string, state: SavedWindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
  renameSync(tmp, file);
}
