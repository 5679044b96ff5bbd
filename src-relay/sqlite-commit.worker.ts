// The SQLite engine's writer: each batch of appends is one transaction and one fsync (WAL,
// synchronous=FULL), committed here so the relay's event loop keeps receiving requests meanwhile;
// whatever arrives during a commit forms the next batch.
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

export interface CommitItem {
  channel: string;
  receivedAt: number;
  headers: string;
  body: Uint8Array;
}
export interface CommitRequest {
  id: number;
  items: CommitItem[];
}
/** id 0 says the writer is open and ready. */
export type CommitReply = { id: number; ok: true; seqs: number[] } | { id: number; ok: false; message: string };
export interface CommitWorkerData {
  file: string;
  maxPerChannel: number;
}

type Row = Record<string, unknown>;

function openWriter({ file, maxPerChannel }: CommitWorkerData): (items: CommitItem[]) => number[] {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;');
  const insert = db.prepare('INSERT INTO deliveries (channel, received_at, headers, body) VALUES (?, ?, ?, ?)');
  const bump = db.prepare('UPDATE channels SET last_seq = ? WHERE name = ?');
  const over = db.prepare('SELECT seq FROM deliveries WHERE channel = ? ORDER BY seq DESC LIMIT 1 OFFSET ?');
  const cut = db.prepare('DELETE FROM deliveries WHERE channel = ? AND seq <= ?');
  const mark = db.prepare('UPDATE channels SET pruned_through = MAX(pruned_through, ?), dropped_cap = dropped_cap + ? WHERE name = ?');
  const enforceCap = (channel: string) => {
    const row = over.get(channel, maxPerChannel) as Row | undefined;
    if (!row) return;
    const seq = Number(row.seq);
    mark.run(seq, Number(cut.run(channel, seq).changes), channel);
  };
  return (items) => {
    const seqs: number[] = [];
    const touched = new Set<string>();
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const it of items) {
        const seq = Number(insert.run(it.channel, it.receivedAt, it.headers, it.body).lastInsertRowid);
        bump.run(seq, it.channel);
        seqs.push(seq);
        touched.add(it.channel);
      }
      for (const channel of touched) enforceCap(channel);
      db.exec('COMMIT');
    } catch (e) {
      try {
        db.exec('ROLLBACK');
      } catch {
        /* a failed COMMIT may already have ended the transaction */
      }
      throw e;
    }
    return seqs;
  };
}

if (parentPort) {
  const port = parentPort;
  const commit = openWriter(workerData as CommitWorkerData);
  port.on('message', (req: CommitRequest) => {
    let reply: CommitReply;
    try {
      reply = { id: req.id, ok: true, seqs: commit(req.items) };
    } catch (e) {
      reply = { id: req.id, ok: false, message: (e as Error).message };
    }
    port.postMessage(reply);
  });
  port.postMessage({ id: 0, ok: true, seqs: [] } satisfies CommitReply);
}
