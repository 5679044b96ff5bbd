import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { scrubText } from '../lib/redact.ts';

export interface FileLogOptions {
  dir: string;
  /** Base name; rotated files are `<name>.1.log` … (newest first). */
  name?: string;
  maxBytes?: number;
  /** Files kept in all, the live one included. */
  files?: number;
  /** Secrets known at the time of writing (the vault's), masked on top of the pattern scrub. */
  knownSecrets?: () => Iterable<string>;
  now?: () => Date;
}

export interface FileLog {
  readonly path: string;
  write(line: string, level?: 'info' | 'warn' | 'error'): void;
  close(): void;
}

export const MAX_LINE_CHARS = 8192;

/**
 * A packaged app has no terminal: main's log goes to files under `app.getPath('logs')`, rotated by
 * size (default 5 MiB × 5). Every line passes the console's redaction first, and is flattened to one
 * line so a message with newlines cannot forge entries. Writes are synchronous: a line logged just
 * before a crash is on disk.
 */
export function openFileLog(opts: FileLogOptions): FileLog {
  const name = opts.name ?? 'main';
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  const files = Math.max(1, opts.files ?? 5);
  const now = opts.now ?? (() => new Date());
  mkdirSync(opts.dir, { recursive: true });
  const path = join(opts.dir, `${name}.log`);
  const rotated = (i: number) => join(opts.dir, `${name}.${i}.log`);
  let fd: number | null = openSync(path, 'a', 0o600);
  let size = fstatSync(fd).size;

  const rotate = () => {
    if (fd !== null) closeSync(fd);
    if (files === 1) rmSync(path, { force: true });
    else {
      rmSync(rotated(files - 1), { force: true });
      for (let i = files - 2; i >= 1; i--) if (existsSync(rotated(i))) renameSync(rotated(i), rotated(i + 1));
      renameSync(path, rotated(1));
    }
    fd = openSync(path, 'a', 0o600);
    size = 0;
  };

  return {
    path,
    write(line, level = 'info') {
      if (fd === null) return;
      // Bounded before the scrub's regexes see it; cut again after, so a secret never straddles the cut.
      let text = scrubText(String(line).slice(0, MAX_LINE_CHARS * 4), opts.knownSecrets?.() ?? []).replace(/\r\n|\r|\n/g, ' ⏎ ');
      if (text.length > MAX_LINE_CHARS) text = `${text.slice(0, MAX_LINE_CHARS)}… [${text.length - MAX_LINE_CHARS} more chars]`;
      const buf = Buffer.from(`${now().toISOString()} ${level} ${text}\n`, 'utf8');
      if (size > 0 && size + buf.length > maxBytes) rotate();
      writeSync(fd!, buf);
      size += buf.length;
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
