import type { z } from 'zod';

/** What a node of a zod schema is, read from zod 4's definition (no public walker exists). */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  items?: z.ZodType[];
  getter?: () => z.ZodType;
}

const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

export interface Visit {
  path: string;
  schema: z.ZodType;
  def: Def;
}

/**
 * Visits every node of a schema, depth first, with a readable path. `side` picks which half of a
 * pipe counts: inputs are checked on what arrives (`in`), outputs on what leaves (`out`).
 */
export function walkSchema(root: z.ZodType, side: 'in' | 'out', visit: (v: Visit) => void): void {
  const seen = new Set<z.ZodType>();
  const go = (s: z.ZodType, path: string) => {
    if (seen.has(s)) return;
    seen.add(s);
    const def = defOf(s);
    visit({ path, schema: s, def });
    switch (def.type) {
      case 'object':
        for (const [k, v] of Object.entries(def.shape ?? {})) go(v, `${path}.${k}`);
        if (def.catchall) go(def.catchall, `${path}.*`);
        return;
      case 'array':
        return go(def.element!, `${path}[]`);
      case 'record':
        go(def.keyType!, `${path}{key}`);
        return go(def.valueType!, `${path}{value}`);
      case 'union':
        return def.options!.forEach((o, i) => go(o, `${path}|${i}`));
      case 'intersection':
        go(def.left!, path);
        return go(def.right!, path);
      case 'tuple':
        return def.items!.forEach((o, i) => go(o, `${path}[${i}]`));
      case 'pipe':
        return go(side === 'in' ? def.in! : def.out!, path);
      case 'lazy':
        return go(def.getter!(), path);
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'catch':
      case 'readonly':
      case 'nonoptional':
        return go(def.innerType!, path);
      default:
        return;
    }
  };
  go(root, '(root)');
}

/** Strings with no maximum length anywhere in the schema (as `path`). */
export function unboundedStrings(schema: z.ZodType): string[] {
  const found: string[] = [];
  walkSchema(schema, 'in', ({ path, schema: s, def }) => {
    if (def.type !== 'string') return;
    const max = (s as unknown as { maxLength: number | null }).maxLength;
    if (max === null || max === undefined || !Number.isFinite(max)) found.push(path);
  });
  return found;
}

/** Objects in an output schema that would let an unknown field through (loose or stripping). */
export function nonStrictObjects(schema: z.ZodType): string[] {
  const found: string[] = [];
  walkSchema(schema, 'out', ({ path, def }) => {
    if (def.type !== 'object') return;
    const catchall = def.catchall ? defOf(def.catchall).type : 'strip';
    if (catchall !== 'never') found.push(`${path} (${catchall === 'strip' ? 'strips unknown keys' : 'lets unknown keys through'})`);
  });
  return found;
}
