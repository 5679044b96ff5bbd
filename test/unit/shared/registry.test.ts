import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, operations } from '#shared/ipc/registry.ts';
import { eventContract } from '#shared/events/events.contract.ts';
import { nonStrictObjects, unboundedStrings } from './schema-walk.ts';

const SECRET_LIKE = /secret|password|passphrase|token|api_?key|private_?key|credential|authorization|cookie/i;
// A fingerprint of a secret is the documented way to show one without exposing it.
const ALLOWED = /fingerprints?$/i;

/**
 * Can this JSON-Schema node hold free text (and so a secret)? Enums, booleans and numbers cannot;
 * objects and arrays are inspected through their own properties.
 */
function holdsFreeText(node: Record<string, unknown>): boolean {
  if (Array.isArray(node.anyOf)) return (node.anyOf as Record<string, unknown>[]).some(holdsFreeText);
  if (Array.isArray(node.oneOf)) return (node.oneOf as Record<string, unknown>[]).some(holdsFreeText);
  if ('enum' in node || 'const' in node) return false;
  if (node.type === undefined) return true; // unrepresentable or `any`: assume the worst
  const types = Array.isArray(node.type) ? node.type : [node.type];
  return types.includes('string');
}

/** Secret-like property names that can carry free text, anywhere in the output JSON Schema. */
function secretFields(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' });
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const rec = node as Record<string, unknown>;
    if (rec.properties && typeof rec.properties === 'object') {
      for (const [k, v] of Object.entries(rec.properties as Record<string, Record<string, unknown>>)) {
        if (SECRET_LIKE.test(k) && !ALLOWED.test(k) && holdsFreeText(v)) found.push(k);
      }
    }
    for (const v of Object.values(rec)) walk(v);
  };
  walk(json);
  return found;
}

describe('contract registry', () => {
  it('names every channel domain.action after its place in the registry, once', () => {
    const seen = new Set<string>();
    for (const [domain, ops] of Object.entries(contract)) {
      for (const [action, op] of Object.entries(ops)) {
        expect(op.channel).toBe(`${domain}.${action}`);
        expect(seen.has(op.channel)).toBe(false);
        seen.add(op.channel);
        expect(op.doc.length).toBeGreaterThan(10);
      }
    }
    expect(operations.size).toBe(seen.size);
  });

  it('has no output schema carrying a secret-like field', () => {
    const offenders = [...operations.values()].flatMap((op) => secretFields(op.output).map((f) => `${op.channel}: ${f}`));
    expect(offenders).toEqual([]);
  });

  it('has no event payload carrying a secret-like field', () => {
    const offenders = Object.entries(eventContract).flatMap(([name, schema]) => secretFields(schema).map((f) => `${name}: ${f}`));
    expect(offenders).toEqual([]);
  });

  it('the detector itself catches a secret anywhere in a schema (so the tests above can fail)', () => {
    expect(secretFields(z.object({ a: z.object({ apiSecret: z.string() }) }))).toEqual(['apiSecret']);
    expect(secretFields(z.array(z.object({ accessToken: z.string().optional() })))).toEqual(['accessToken']);
    expect(secretFields(z.object({ apiKey: z.string().nullable() }))).toEqual(['apiKey']);
    expect(secretFields(z.object({ credentials: z.object({ token: z.string() }) }))).toEqual(['token']);
    expect(secretFields(z.object({ secretFingerprint: z.string(), secretStorage: z.enum(['keychain']) }))).toEqual([]);
  });

  it('rejects unknown input fields on every operation (inputs are strict)', () => {
    for (const op of operations.values()) {
      const r = op.input.safeParse({ __unexpected: 1 });
      expect(r.success, op.channel).toBe(false);
    }
  });
});

describe('contract boundaries', () => {
  it('bounds every string in every input schema (nothing unbounded meets a regex, a log or OMS)', () => {
    const offenders = [...operations.values()].flatMap((op) => unboundedStrings(op.input).map((p) => `${op.channel}: ${p}`));
    expect(offenders).toEqual([]);
  });

  it('makes every output a strict view: an extra field from a handler is an error, not a leak', () => {
    const offenders = [...operations.values()].flatMap((op) => nonStrictObjects(op.output).map((p) => `${op.channel}: ${p}`));
    expect(offenders).toEqual([]);
  });

  it('the walkers catch what they look for (so the tests above can fail)', () => {
    expect(unboundedStrings(z.object({ a: z.object({ id: z.string().regex(/^x/) }), b: z.string().max(3) }))).toEqual(['(root).a.id']);
    expect(unboundedStrings(z.object({ r: z.record(z.string(), z.string().max(4)) }))).toEqual(['(root).r{key}']);
    expect(unboundedStrings(z.object({ t: z.string().max(9).transform((s) => s.length) }))).toEqual([]);
    expect(nonStrictObjects(z.strictObject({ a: z.looseObject({}), b: z.object({}), c: z.strictObject({}) }))).toEqual([
      '(root).a (lets unknown keys through)',
      '(root).b (strips unknown keys)',
    ]);
  });
});
