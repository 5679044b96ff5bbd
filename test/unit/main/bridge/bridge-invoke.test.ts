import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponder } from '../../../../src-main/ipc/bridge-http.ts';
import { createInvoke } from '../../../../src-main/ipc/bridge-invoke.ts';
import type { Dispatch } from '../../../../src-main/ipc/dispatcher.ts';
import { servePart } from './serve-part.ts';

const seen: { channel: string; input: unknown; transport: string }[] = [];
let part: Awaited<ReturnType<typeof servePart>>;

beforeAll(async () => {
  const dispatch: Dispatch = async (channel, input, ctx) => {
    seen.push({ channel, input, transport: ctx.transport });
    return { ok: true, data: channel === 'echo' ? input : { channel } };
  };
  const invoke = createInvoke(dispatch, createResponder(() => 1), 64);
  part = await servePart((req, res) => void invoke(req, res, (req.url ?? '/').slice(1)));
});

afterAll(() => part.close());

const post = (channel: string, body: string) => fetch(`${part.base}/${channel}`, { method: 'POST', body });

describe('bridge invoke', () => {
  it('hands the parsed body to the dispatcher as a browser call and answers its Result as JSON', async () => {
    const res = await post('customers.search', '{"query":"ada"}');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ ok: true, data: { channel: 'customers.search' } });
    expect(seen.at(-1)).toEqual({ channel: 'customers.search', input: { query: 'ada' }, transport: 'browser' });
  });

  it('answers with its length in bytes, not chunked (multi-byte text counted as bytes)', async () => {
    const res = await post('echo', '{"name":"José Muñoz"}');
    const text = await res.text();
    expect(text).toBe('{"ok":true,"data":{"name":"José Muñoz"}}');
    expect(res.headers.get('transfer-encoding')).toBeNull();
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
  });

  it('an empty body is an empty input', async () => {
    await post('app.info', '');
    expect(seen.at(-1)?.input).toEqual({});
  });

  it('refuses bad JSON (400) and a body over the limit (413) without calling the dispatcher', async () => {
    const before = seen.length;
    const bad = await post('app.info', '{nope');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'Request body is not valid JSON.' } });
    const big = await post('app.info', JSON.stringify({ pad: 'x'.repeat(100) }));
    expect(big.status).toBe(413);
    expect(seen.length).toBe(before);
  });
});
