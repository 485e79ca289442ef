/** Structured JSON log lines. Callers pass ids, counts and durations only: never tokens, keys or answer text. */
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** Writes one JSON object per line to the given sink (stdout by default). */
export function jsonLogger(sink: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const write = (level: string, event: string, fields: LogFields = {}) =>
    sink(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

/** A logger that keeps nothing; for tests that do not look at logs. */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
