import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/design.md "Layout and layers": no import circle in main or the renderer, and in main no
 * import from a lower layer up to a higher one. A service's `*.ipc.ts` adapter belongs to the ipc
 * layer (it registers the service's handlers), so it may use the handler types.
 */
const root = join(import.meta.dirname, '../../..');
const IMPORT = /(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;
const LAYER: Record<string, number> = { lib: 0, store: 1, oms: 1, secrets: 1, webhooks: 2, services: 2, ipc: 3, desktop: 3, app: 4 };

function graph(base: string): Map<string, string[]> {
  const g = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) g.set(p, [...readFileSync(join(root, p), 'utf8').matchAll(IMPORT)].map((m) => normalize(join(dirname(p), m[1]!))));
    }
  };
  walk(base);
  return g;
}

function circles(g: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  let i = 0;
  const visit = (v: string) => {
    index.set(v, i);
    low.set(v, i++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) out.push(c);
    }
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('imports follow the layers of docs/design.md', () => {
  it('has no import circle in main or in the renderer', () => {
    expect(circles(graph('src-main'))).toEqual([]);
    expect(circles(graph('src-renderer/src'))).toEqual([]);
  });

  it('in main, no module imports from a layer above its own', () => {
    const up: string[] = [];
    for (const [file, targets] of graph('src-main')) {
      const from = LAYER[relative('src-main', file).split('/')[0]!];
      const adapter = file.endsWith('.ipc.ts') || file.endsWith('open-customers.ts');
      for (const t of targets) {
        const to = LAYER[relative('src-main', t).split('/')[0]!];
        if (from === undefined || to === undefined || to <= from) continue;
        if (adapter && t.endsWith('ipc/handlers.ts')) continue;
        up.push(`${file} → ${t}`);
      }
    }
    expect(up).toEqual([]);
  });
});
