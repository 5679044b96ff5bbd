import { z } from 'zod';
import { ApiError } from './http-util.ts';

/**
 * Request validation. Decision: unknown body fields and unknown query parameters are REJECTED
 * (400 naming them) everywhere, so a typo never silently drops data. `metadata` is the one free-form map.
 */
function formatPath(path: readonly PropertyKey[], prefix: string): string {
  const parts = path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)));
  const joined = parts.reduce((acc, p) => (p.startsWith('[') ? acc + p : acc ? `${acc}.${p}` : p), '');
  return prefix ? (joined ? `${prefix}.${joined}` : prefix) : joined || '(body)';
}

export function zodToApiError(error: z.ZodError, prefix = ''): ApiError {
  const issues = error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => formatPath([...issue.path, k], prefix));
      return { path: keys.join(', '), message: `unknown field${keys.length > 1 ? 's' : ''} not allowed` };
    }
    return { path: formatPath(issue.path, prefix), message: issue.message };
  });
  const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new ApiError(400, message, { details: { issues } });
}

export type FieldIssue = { path: string; message: string };

/**
 * A check only the server can make (a value another record holds), run on the raw body even when the
 * schema refused other fields, so one 400 names every field problem and a client fixes them in one go.
 */
export type ServerCheck = (body: Record<string, unknown>) => FieldIssue[];

export function parseBody<T extends z.ZodType>(schema: T, body: unknown, serverCheck?: ServerCheck): z.infer<T> {
  if (body === undefined) throw new ApiError(400, 'Request body is required (a JSON object)');
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, '(body): must be a JSON object');
  }
  const result = schema.safeParse(body);
  const refused = result.success ? [] : issuesOf(zodToApiError(result.error));
  const issues = [...refused, ...(serverCheck?.(body as Record<string, unknown>) ?? [])];
  if (issues.length) throw new ApiError(400, issues.map((i) => `${i.path}: ${i.message}`).join('; '), { details: { issues } });
  return result.data as z.infer<T>;
}

const issuesOf = (e: ApiError): FieldIssue[] => (e.details as { issues: FieldIssue[] }).issues;

export function parseQuery<T extends z.ZodType>(schema: T, query: URLSearchParams): z.infer<T> {
  const obj: Record<string, string> = {};
  for (const [k, v] of query) {
    if (k in obj) throw new ApiError(400, `query.${k}: given more than once`);
    obj[k] = v;
  }
  const result = schema.safeParse(obj);
  if (!result.success) throw zodToApiError(result.error, 'query');
  return result.data;
}

export const limitParam = (def: number, max: number) =>
  z.coerce.number().int('must be an integer').min(1, 'must be at least 1').max(max, `must be at most ${max}`).default(def);

export const alpha2 = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code, e.g. US')
  .transform((s) => s.toUpperCase());
