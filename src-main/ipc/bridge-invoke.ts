import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BridgeResponder } from './bridge-http.ts';
import type { Dispatch } from './dispatcher.ts';

export type Invoke = (req: IncomingMessage, res: ServerResponse, channel: string) => Promise<void>;

const refusal = (message: string) => JSON.stringify({ ok: false, error: { code: 'INVALID_INPUT', message } });

/** POST /api/invoke/<channel>: the JSON body goes to the dispatcher, its result comes back as JSON. */
export function createInvoke(dispatch: Dispatch, out: BridgeResponder, maxBodyBytes: number): Invoke {
  return async (req, res, channel) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBodyBytes) return out.send(res, 413, refusal('Request body over 1 MiB.'), 'application/json');
      chunks.push(chunk);
    }
    let input: unknown;
    try {
      input = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return out.send(res, 400, refusal('Request body is not valid JSON.'), 'application/json');
    }
    // A page that stops waiting (a newer keystroke aborts the older search's fetch) closes the
    // connection: the call and the OMS request behind it stop, instead of running ahead of the newer one.
    const gone = new AbortController();
    const onClose = () => !res.writableFinished && gone.abort();
    res.once('close', onClose);
    const result = await dispatch(decodeURIComponent(channel), input, { transport: 'browser', origin: req.headers.origin ?? 'none' }, gone.signal);
    res.off('close', onClose);
    if (gone.signal.aborted || res.destroyed) return;
    out.send(res, 200, JSON.stringify(result), 'application/json');
  };
}
