import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { circles, graph, PACKAGES } from './support/import-graph.ts';

/**
 * docs/design.md "Layout and layers": no import circle anywhere, each package imports only the
 * packages below it, and in main no import from a lower layer up to a higher one. A service's
 * `*.ipc.ts` adapter belongs to the ipc layer (it registers the service's handlers), so it may use
 * the handler types. The renderer's layers are checked beside its other tests
 * (test/unit/renderer/import-layers.test.ts).
 */
const LAYER: Record<string, number> = { lib: 0, store: 1, oms: 1, secrets: 1, webhooks: 2, services: 2, ipc: 3, desktop: 3, app: 4 };

/** What each package may import besides itself: the contract below all, and main's embedded sandbox. */
const MAY_IMPORT: Record<(typeof PACKAGES)[number], readonly string[]> = {
  'src-shared': [],
  'src-main': ['src-shared', 'src-sandbox'],
  'src-preload': ['src-shared'],
  'src-renderer/src': ['src-shared'],
  'src-sandbox': ['src-shared'],
  'src-relay': ['src-shared'],
};
const packageOf = (file: string) => PACKAGES.find((p) => file.startsWith(`${p}/`));

describe('imports follow the layers of docs/design.md', () => {
  it('has no import circle in any package, nor one running through several', () => {
    expect(circles(graph(...PACKAGES))).toEqual([]);
  });

  it('each package imports only the packages below it', () => {
    const across: string[] = [];
    for (const [file, targets] of graph(...PACKAGES)) {
      const from = packageOf(file)!;
      for (const t of targets) {
        const to = packageOf(t) ?? t;
        if (to !== from && !MAY_IMPORT[from].includes(to)) across.push(`${file} → ${t}`);
      }
    }
    expect(across).toEqual([]);
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
