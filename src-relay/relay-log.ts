// `notice` (start and stop) is printed at every level: supervisors and tests wait for it.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'notice';
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type RelayLog = (level: LogLevel, msg: string, fields?: LogFields) => void;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, notice: 50 };
// Field names that could carry a secret or a body never reach the log, whatever a caller passes.
const FORBIDDEN = /^(token|bearer|authorization|.*signature|.*secret|body|rawbody|bodybase64|password|apikey)$/i;

/** One JSON object per line on the given stream: machine-readable, and never a body or a token. */
export function jsonLogger(min: Exclude<LogLevel, 'notice'> = 'info', write: (line: string) => void = (l) => process.stdout.write(l)): RelayLog {
  return (level, msg, fields = {}) => {
    if (ORDER[level] < ORDER[min]) return;
    const clean: LogFields = {};
    for (const [k, v] of Object.entries(fields)) clean[k] = FORBIDDEN.test(k) ? '[redacted]' : v;
    write(`${JSON.stringify({ t: new Date().toISOString(), level, msg, ...clean })}\n`);
  };
}

export const silentLog: RelayLog = () => {};
