/**
 * The directory walk's parsing thread: each `GET /customers` page main fetched is read here
 * against the same schema the OMS client uses, and turned into the rows the store writes. The
 * walk's garbage (JSON, zod's copies, word lists) then grows and dies in this thread's capped heap
 * instead of main's, and main only inserts.
 */
import { parentPort } from 'node:worker_threads';
import { OmsError } from '../../oms/oms-error.ts';
import { preparePage } from './directory-entry.ts';
import type { FromPageWorker, ToPageWorker } from './directory-pages.ts';

const port = parentPort;
if (!port) throw new Error('directory-page.worker.ts runs only as a worker thread');

port.on('message', (m: ToPageWorker) => {
  let out: FromPageWorker;
  try {
    out = { id: m.id, ok: true, ...preparePage(m.raw) };
  } catch (e) {
    const err =
      e instanceof OmsError
        ? { kind: e.kind, message: e.message, status: e.status, omsCode: e.omsCode, requestId: e.requestId, field: e.field }
        : { kind: null, message: e instanceof Error ? e.message : String(e), status: null, omsCode: null, requestId: null, field: null };
    out = { id: m.id, ok: false, error: err };
  }
  port.postMessage(out);
});
