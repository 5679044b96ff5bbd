
export interface PostResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  aborted: boolean;
}

/**
 * One POST with a hard timeout. `agent: false` + `Connection: close` so no pooled socket outlives a
 * delivery: close() must leave nothing open, and receivers in tests close cleanly.
 */
export function postJson(url: string, headers: Record<string, string>, body: string, timeoutMs: number, signal: AbortSignal): Promise<PostResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (statusCode: number | null, error: string | null, aborted = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ statusCode, error, durationMs: Math.round(performance.now() - started), aborted });
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      done(null, 'invalid URL');
      return;
    }
    // Fetched at the first delivery, not imported: the thread's start-up would pay for node:https and
    // for node:http's ESM facade (see startSandbox) before the sandbox could listen.
    const send = target.protocol === 'https:' ? process.getBuiltinModule('node:https').request : process.getBuiltinModule('node:http').request;
    const req = send(target, {
      method: 'POST',
      agent: false,
      headers: { ...headers, Connection: 'close', 'Content-Length': String(Buffer.byteLength(body)) },
      signal,
    });
    const timer = setTimeout(() => {
      req.destroy();
      done(null, `timeout after ${timeoutMs} ms`);
    }, timeoutMs);
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? null, null));
      res.on('error', () => done(res.statusCode ?? null, null));
    });
    req.on('error', (err) => done(null, signal.aborted ? 'aborted' : err.message, signal.aborted));
    req.end(body);
  });
}
