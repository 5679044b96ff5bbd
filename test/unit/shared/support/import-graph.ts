import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';

/** The repository root, so a graph's keys read as repository paths (`src-main/app/x.ts`). */
export const root = join(import.meta.dirname, '../../../..');

/** Every source package: a circle may run through more than one of them. */
export const PACKAGES = ['src-shared', 'src-main', 'src-preload', 'src-renderer/src', 'src-sandbox', 'src-relay'] as const;

/** package.json's `imports` aliases, so `#shared/x.ts` is the same file as `../../src-shared/x.ts`. */
const ALIASES: Record<string, string> = { '#shared/': 'src-shared/', '#sandbox/': 'src-sandbox/' };

function target(from: string, spec: string): string | null {
  const alias = Object.keys(ALIASES).find((a) => spec.startsWith(a));
  if (alias) return ALIASES[alias] + spec.slice(alias.length);
  return spec.startsWith('.') ? normalize(join(dirname(from), spec)) : null;
}

// One read of the sources per test file, however many checks walk the same graph.
const built = new Map<string, Map<string, string[]>>();

/**
 * Each TypeScript file under the `bases` with the project modules it imports. The compiler's own
 * scanner reads them, so `import()` of a lazy chunk, a side-effect import and a re-export count as
 * much as a plain `import`: a layer rule that a dynamic import could slip past would prove little.
 */
export function graph(...bases: string[]): Map<string, string[]> {
  const key = bases.join('\n');
  const known = built.get(key);
  if (known) return known;
  const g = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
      } else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) {
        const found = ts.preProcessFile(readFileSync(join(root, p), 'utf8'), true, true).importedFiles;
        g.set(p, [...new Set(found.flatMap((f) => target(p, f.fileName) ?? []))]);
      }
    }
  };
  for (const base of bases) walk(base);
  built.set(key, g);
  return g;
}

/** The import circles of a graph (Tarjan's strongly connected components: several files, or one importing itself). */
export function circles(g: Map<string, string[]>): string[][] {
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
      if (c.length > 1 || g.get(v)!.includes(v)) out.push(c);
    }
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return out;
}
