import type { z } from 'zod';
import { describeIssues } from '#shared/ipc/result.ts';
import { OmsError } from './oms-error.ts';

/** A 2xx answer as it came off the wire: what parsing it and reporting on it need. */
export interface RawAnswer {
  status: number;
  text: string;
  requestId: string | null;
}

/**
 * A 2xx body read against its schema, or the one clear error a broken answer gets (the first
 * issues and the field they name). Pure, so a worker thread can run the same check as the client.
 */
export function parseAnswer<S extends z.ZodType>(what: string, schema: S, res: RawAnswer): z.output<S> {
  let json: unknown;
  try {
    json = res.text === '' ? undefined : JSON.parse(res.text);
  } catch {
    throw new OmsError('malformed', `OMS sent a ${what} that is not JSON.`, { status: res.status, requestId: res.requestId, omsCode: 'malformed_response' });
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const field = first ? first.path.map(String).join('.') || '(body)' : '(body)';
  const { message } = describeIssues(parsed.error.issues.slice(0, 3));
  throw new OmsError('malformed', `OMS sent a malformed ${what}: ${message}.`, { status: res.status, requestId: res.requestId, omsCode: 'malformed_response', field });
}
