// The relay as a child process (`node src-relay/cli.ts …`), exactly as `./oms relay` runs it.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const CLI = join(ROOT, 'src-relay/cli.ts');
const NODE_ARGS = ['--no-warnings=ExperimentalWarning', CLI];

export interface RelayProcess {
  url: string;
  child: ChildProcess;
  logs: () => string;
  kill: (signal: NodeJS.Signals) => Promise<void>;
}

export function runRelayCli(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...NODE_ARGS, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the container's health probe (`node src-relay/probe.ts`) and returns its exit status. */
export function runRelayProbe(env: NodeJS.ProcessEnv): number | null {
  return spawnSync(process.execPath, ['--no-warnings=ExperimentalWarning', join(ROOT, 'src-relay/probe.ts')], { env: { ...process.env, ...env }, timeout: 20_000 }).status;
}

/** Starts `relay serve` and resolves with its URL once its "listening" log line appears. */
export function startRelayProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RelayProcess> {
  const child = spawn(process.execPath, [...NODE_ARGS, 'serve', '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    let started = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a half-started relay behind
      reject(new Error(`relay did not start: ${out}${err}`));
    }, 15_000);
    const early = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`relay exited (${code}): ${out}${err}`));
    };
    child.once('exit', early);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = started ? undefined : out.split('\n').find((l) => l.includes('"msg":"listening"'));
      if (!line) return;
      started = true;
      clearTimeout(timer);
      child.off('exit', early);
      resolve({
        url: (JSON.parse(line) as { url: string }).url,
        child,
        logs: () => out + err,
        kill: async (signal) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((r) => child.once('exit', r));
          child.kill(signal);
          await exited;
        },
      });
    });
  });
}
